import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildSchema,
  getVariableValues,
  GraphQLScalarType,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { GraphQLDateTimeISO, GraphQLJSONObject } from 'graphql-scalars';
import { ObjectIdScalar } from '../../../src/graphql/objectId.scalar';

/**
 * The local verdict: `schema.graphql` as graphql-js builds it, with the server's own
 * scalars, decides which generated requests GraphQL itself must refuse. The harness then
 * holds the server to that verdict, so a refusal the server skips is a finding, not luck.
 */

/**
 * `schema.graphql` built by graphql-js, its custom scalars given the parsing the server
 * uses, so a local validation refuses exactly what the server's would.
 */
export function loadFuzzSchema(
  file = path.resolve(__dirname, '../../../../schema.graphql'),
): GraphQLSchema {
  const schema = buildSchema(readFileSync(file, 'utf8'));
  const adopt = (
    name: string,
    rules: Pick<GraphQLScalarType, 'parseValue' | 'parseLiteral' | 'serialize'>,
  ) => {
    const type = schema.getType(name);
    if (type instanceof GraphQLScalarType) {
      Object.assign(type, {
        parseValue: rules.parseValue,
        parseLiteral: rules.parseLiteral,
        serialize: rules.serialize,
      });
    }
  };
  adopt('ObjectId', ObjectIdScalar);
  adopt('DateTimeISO', GraphQLDateTimeISO);
  adopt('JSONObject', GraphQLJSONObject);
  return schema;
}

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Why GraphQL (or the HTTP protocol) must refuse this body, or undefined when it is a
 * valid request: parse, validation, operation resolution and variable coercion, with the
 * server's scalar rules.
 */
export function localProblem(schema: GraphQLSchema, body: unknown): string | undefined {
  if (!isPlainObject(body)) return 'the body is not a JSON object';
  const { query, variables, operationName } = body;
  if (typeof query !== 'string' || query === '') return 'no query string';
  if (variables !== undefined && variables !== null && !isPlainObject(variables))
    return 'variables is not an object';
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string')
    return 'operationName is not a string';
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    return `syntax: ${(error as Error).message}`;
  }
  const errors = validate(schema, document);
  if (errors.length > 0) return `validation: ${errors[0]!.message}`;
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION,
  );
  const operation =
    typeof operationName === 'string'
      ? operations.find((candidate) => candidate.name?.value === operationName)
      : operations.length === 1
        ? operations[0]
        : undefined;
  if (!operation) return 'operation resolution';
  if (operation.operation === 'subscription') return 'a subscription over HTTP';
  const coerced = getVariableValues(
    schema,
    operation.variableDefinitions ?? [],
    (variables as Record<string, unknown> | undefined) ?? {},
    { maxErrors: 1 },
  );
  if (coerced.errors) return `variables: ${coerced.errors[0]!.message}`;
  return undefined;
}

/** The same verdict for graphql-ws, where a subscription is what belongs. */
export function localProblemWs(schema: GraphQLSchema, body: unknown): string | undefined {
  const problem = localProblem(schema, body);
  return problem === 'a subscription over HTTP' ? undefined : problem;
}
