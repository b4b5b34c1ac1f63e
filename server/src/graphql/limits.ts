import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  Kind,
  type DocumentNode,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationRule,
} from 'graphql';
import type { RequestContext } from '../auth/context';
import { isAdmin } from '../auth/authChecker';
import type { AppConfig, Limits } from '../config';
import { CostMeter, fragmentsOf, introspectionRoots, ReachMeter } from './operationShape';

/**
 * Refuses operations nested deeper than the limit. Fields under `__schema` / `__type`
 * get their own, higher limit: GraphiQL's introspection query is legitimately ~13 deep.
 * (Type lists nested in type lists are refused by graphql-js's own
 * MaxIntrospectionDepthRule, part of its specified rules.)
 */
export function depthLimitRule(maxDepth: number, maxIntrospectionDepth: number): ValidationRule {
  return (context) => {
    const meter = new ReachMeter(fragmentsOf(context.getDocument()));
    return {
      OperationDefinition(operation) {
        const reach = meter.reach(operation.selectionSet);
        const name = operation.name?.value;
        if (reach.regular > maxDepth) {
          context.reportError(tooDeep(maxDepth, name));
        } else if (reach.introspection > maxIntrospectionDepth) {
          context.reportError(tooDeep(maxIntrospectionDepth, name));
        }
      },
    };
  };
}

const subject = (operationName?: string) =>
  operationName ? `Operation "${operationName}"` : 'This operation';

const tooDeep = (max: number, operationName?: string): GraphQLError =>
  limitError(
    `${subject(operationName)} is nested more than ${max} levels deep, the limit.`,
    'DEPTH_LIMIT',
  );

const limitError = (message: string, reason: string): GraphQLError =>
  new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', reason } });

export interface DocumentCaps {
  maxAliases: number;
  maxDirectives: number;
  maxFragments: number;
  maxFragmentSpreads: number;
}

/**
 * Caps what one document may hold. The token cap at parse time already bounds the work;
 * these give the common attack shapes (10,000 aliases or directives, fragment storms) an
 * error that names them, and keep one request from fanning out into thousands of resolvers.
 */
export function documentLimitsRule(caps: DocumentCaps): ValidationRule {
  return (context) => {
    const counts = { aliases: 0, directives: 0, fragments: 0, spreads: 0 };
    return {
      Field(field) {
        if (field.alias) counts.aliases += 1;
      },
      Directive() {
        counts.directives += 1;
      },
      FragmentDefinition() {
        counts.fragments += 1;
      },
      FragmentSpread() {
        counts.spreads += 1;
      },
      Document: {
        leave() {
          const over = (count: number, max: number, what: string, reason: string) => {
            if (count > max)
              context.reportError(
                limitError(`This document has ${count} ${what}; the limit is ${max}.`, reason),
              );
          };
          over(counts.aliases, caps.maxAliases, 'aliases', 'ALIAS_LIMIT');
          over(counts.directives, caps.maxDirectives, 'directives', 'DIRECTIVE_LIMIT');
          over(counts.fragments, caps.maxFragments, 'fragments', 'FRAGMENT_LIMIT');
          over(counts.spreads, caps.maxFragmentSpreads, 'fragment spreads', 'FRAGMENT_LIMIT');
        },
      },
    };
  };
}

/** Our rules, in the order both transports run them after graphql's own. */
export function limitRules(limits: Limits): ValidationRule[] {
  return [
    documentLimitsRule(limits),
    depthLimitRule(limits.maxQueryDepth, limits.maxIntrospectionDepth),
  ];
}

/** Parse options for both transports: a document is refused past this many tokens. */
export const parseOptionsFor = (limits: Pick<Limits, 'maxQueryTokens'>) => ({
  maxTokens: limits.maxQueryTokens,
});

interface OperationToGuard {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  context: RequestContext;
}

/**
 * The checks that need the request (variables, the caller), run after validation by
 * both transports: the Apollo plugin for HTTP and onSubscribe for WebSocket.
 */
export function guardOperation(
  op: OperationToGuard,
  config: Pick<AppConfig, 'env' | 'limits'>,
): void {
  if (config.env === 'production' && !isAdmin(op.context) && usesIntrospection(op.document)) {
    throw new GraphQLError('Introspection is available to admins only.', {
      extensions: { code: 'FORBIDDEN', http: { status: 403 } },
    });
  }
  const operation = getOperationAST(op.document, op.operationName);
  if (!operation) {
    throw requestError(
      op.operationName
        ? `Unknown operation named "${op.operationName}".`
        : 'Must provide operation name if query contains multiple operations.',
      'UNKNOWN_OPERATION',
    );
  }
  // Coerced here, not only at execution, so bad variables get the same coded answer on
  // both transports before anything runs.
  const coerced = getVariableValues(
    op.schema,
    operation.variableDefinitions ?? [],
    op.variables ?? {},
    {
      maxErrors: 1,
    },
  );
  if (coerced.errors) throw requestError(coerced.errors[0]!.message, 'INVALID_VARIABLES');
  const complexity = new CostMeter(fragmentsOf(op.document), op.variables ?? {}).cost(
    operation.selectionSet,
  );
  const max = config.limits.maxQueryComplexity;
  if (complexity > max) {
    throw requestError(
      `This operation costs ${complexity}; the limit is ${max}.`,
      'COMPLEXITY_LIMIT',
    );
  }
}

const requestError = (message: string, reason: string): GraphQLError =>
  new GraphQLError(message, {
    extensions: { code: 'BAD_USER_INPUT', reason, http: { status: 400 } },
  });

function usesIntrospection(document: DocumentNode): boolean {
  let found = false;
  const visit = (selectionSet: SelectionSetNode): void => {
    for (const selection of selectionSet.selections) {
      if (found) return;
      if (selection.kind === Kind.FIELD) {
        if (introspectionRoots.has(selection.name.value)) found = true;
        else if (selection.selectionSet) visit(selection.selectionSet);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet);
      }
    }
  };
  for (const definition of document.definitions) {
    if ('selectionSet' in definition && definition.selectionSet) visit(definition.selectionSet);
  }
  return found;
}
