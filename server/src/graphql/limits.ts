import {
  GraphQLError,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationRule,
} from 'graphql';
import { fieldExtensionsEstimator, getComplexity, simpleEstimator } from 'graphql-query-complexity';
import type { RequestContext } from '../auth/context';
import { isAdmin } from '../auth/authChecker';
import type { AppConfig } from '../config';

const introspectionRoots = new Set(['__schema', '__type']);

interface Depths {
  regular: number;
  introspection: number;
}

/**
 * Refuses operations nested deeper than the limit. Fields under `__schema` / `__type`
 * get their own, higher limit: GraphiQL's introspection query is legitimately ~13 deep.
 */
export function depthLimitRule(maxDepth: number, maxIntrospectionDepth: number): ValidationRule {
  return (context) => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of context.getDocument().definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION)
        fragments.set(definition.name.value, definition);
    }
    const caps: Depths = { regular: maxDepth, introspection: maxIntrospectionDepth };
    return {
      OperationDefinition(operation) {
        const depths: Depths = { regular: 0, introspection: 0 };
        measure(operation.selectionSet, 0, false, fragments, new Set(), depths, caps);
        if (depths.regular > maxDepth) {
          context.reportError(tooDeep(maxDepth, operation.name?.value));
        } else if (depths.introspection > maxIntrospectionDepth) {
          context.reportError(tooDeep(maxIntrospectionDepth, operation.name?.value));
        }
      },
    };
  };
}

function measure(
  selectionSet: SelectionSetNode,
  depth: number,
  inIntrospection: boolean,
  fragments: Map<string, FragmentDefinitionNode>,
  visiting: Set<string>,
  depths: Depths,
  caps: Depths,
): void {
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const introspection = inIntrospection || introspectionRoots.has(selection.name.value);
      const level = depth + 1;
      const key = introspection ? 'introspection' : 'regular';
      depths[key] = Math.max(depths[key], level);
      // Past the cap the answer is already "too deep": stop walking.
      if (selection.selectionSet && level <= caps[key]) {
        measure(selection.selectionSet, level, introspection, fragments, visiting, depths, caps);
      }
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      measure(selection.selectionSet, depth, inIntrospection, fragments, visiting, depths, caps);
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      // Cycles are reported by graphql's own NoFragmentCycles rule.
      if (!fragment || visiting.has(name)) continue;
      visiting.add(name);
      measure(fragment.selectionSet, depth, inIntrospection, fragments, visiting, depths, caps);
      visiting.delete(name);
    }
  }
}

/** The walk stops one level past the cap, so the exact depth is unknown: say "more than". */
const tooDeep = (max: number, operationName?: string): GraphQLError =>
  new GraphQLError(
    `${operationName ? `Operation "${operationName}"` : 'This operation'} is nested more than ${max} levels deep, the limit.`,
    { extensions: { code: 'BAD_USER_INPUT', reason: 'DEPTH_LIMIT' } },
  );

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
  let complexity: number;
  try {
    complexity = getComplexity({
      schema: op.schema,
      query: op.document,
      operationName: op.operationName ?? undefined,
      variables: op.variables ?? {},
      estimators: [fieldExtensionsEstimator(), simpleEstimator({ defaultComplexity: 1 })],
    });
  } catch (error) {
    // Costing coerces the variables, so bad variables surface here before execution.
    if (error instanceof GraphQLError) throw requestError(error.message, 'INVALID_VARIABLES');
    throw error;
  }
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
