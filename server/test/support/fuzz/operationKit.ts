import type { GraphQLSchema } from 'graphql';
import {
  denyChecks,
  newSelectionContext,
  type BuiltDocument,
  type RootPlan,
  type SelectionContext,
} from './documents';
import type { FuzzOperation, FuzzRequest, FuzzRole } from './operation';
import type { Rng } from './random';
import { localProblem } from './schema';
import type { GenContext } from './values';

/**
 * What every way of making one operation shares: the caller, the random source and
 * fresh value and selection contexts, a POST for a built document, and `finish`, which
 * turns a request into a FuzzOperation with its verdict and its deny checks.
 */

export interface OperationKit {
  schema: GraphQLSchema;
  rng: Rng;
  role: FuzzRole;
  index: number;
  ctx: GenContext;
  s: SelectionContext;
  /**
   * `verdict`: 'auto' asks localProblem; a string is why it must fail; null: it need not.
   */
  finish(
    kind: string,
    request: FuzzRequest,
    roots: RootPlan[],
    verdict?: string | null | 'auto',
  ): FuzzOperation;
  /** The document as a JSON POST; its operationName sent half the time (when it has one). */
  post(built: BuiltDocument, includeName?: boolean): FuzzRequest;
}

export function operationKit(
  schema: GraphQLSchema,
  rng: Rng,
  role: FuzzRole,
  index: number,
  epochMs: number,
): OperationKit {
  return {
    schema,
    rng,
    role,
    index,
    ctx: { rng, role, field: '', epochMs },
    s: newSelectionContext(rng),
    finish: (kind, request, roots, verdict = 'auto') => {
      const problem =
        verdict === 'auto' ? localProblem(schema, request.body) : (verdict ?? undefined);
      return {
        index,
        role: role.name,
        kind,
        rootFields: roots.map((root) => root.field.name),
        request,
        expectError: problem !== undefined,
        problem,
        deny: denyChecks(roots, role),
      };
    },
    post: (built, includeName = rng.chance(0.5)) => ({
      method: 'POST',
      body: {
        query: built.query,
        variables:
          rng.chance(0.1) && Object.keys(built.variables).length === 0
            ? undefined
            : built.variables,
        ...(includeName && built.operationName ? { operationName: built.operationName } : {}),
      },
    }),
  };
}
