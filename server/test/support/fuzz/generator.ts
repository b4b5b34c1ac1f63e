import type { GraphQLSchema } from 'graphql';
import { invalidDocument } from './badDocuments';
import { invalidRequest } from './badRequests';
import { corruptValue, VALUE_CORRUPTIONS, type ValueCorruption } from './badValues';
import {
  denyChecks,
  newSelectionContext,
  planDocument,
  planRoot,
  printDocument,
  rootType,
  type DocPlan,
  type OpType,
} from './documents';
import { forbiddenFor } from './fieldRules';
import type { FuzzConfig, FuzzOperation, FuzzRole } from './operation';
import { operationKit } from './operationKit';
import { Rng } from './random';
import { localProblem, localProblemWs } from './schema';
import type { GenContext } from './values';

/**
 * The fuzz's entry points: from `schema.graphql` and a seed, the stream of HTTP
 * operations (a systematic sweep of every root field first, then random ones, half of
 * them invalid at the value, document or request level) and the subscriptions for
 * graphql-ws. Pure: nothing here talks to a server.
 */

/** Generated dates cluster around this fixed instant, so a seed gives the same operations any day. */
const DEFAULT_EPOCH = Date.UTC(2026, 10, 1);

/**
 * The operations, one at a time (generating all 10,000 up front takes seconds; a stream
 * lets the sender overlap it with the server's work). The same seed gives the same
 * sequence, whoever consumes it.
 */
export function* operationStream(
  schema: GraphQLSchema,
  config: FuzzConfig,
): Generator<FuzzOperation> {
  const rng = new Rng(config.seed);
  const invalidShare = config.invalidShare ?? 0.5;
  const epochMs = config.epochMs ?? DEFAULT_EPOCH;
  let index = 0;
  for (const op of sweep(schema, rng, config.roles, epochMs)) {
    if (index >= config.count) return;
    yield { ...op, index: index++ };
  }
  for (; index < config.count; index += 1) {
    const role = rng.pick(config.roles);
    yield generateOne(schema, rng, role, index, rng.chance(invalidShare), epochMs, 'http');
  }
}

/** Subscriptions for graphql-ws, from a sequence of their own. */
export function subscriptionOperations(
  schema: GraphQLSchema,
  config: FuzzConfig,
  count: number,
): FuzzOperation[] {
  const rng = new Rng(config.seed ^ 0x5bd1e995);
  const epochMs = config.epochMs ?? DEFAULT_EPOCH;
  return Array.from({ length: count }, (_, index) =>
    generateOne(
      schema,
      rng,
      rng.pick(config.roles),
      config.count + index,
      rng.chance(0.4),
      epochMs,
      'ws',
    ),
  );
}

/** Each kind of bad value the sweep puts into every root field once. */
const SWEEP_KINDS: ValueCorruption[] = [
  'huge-string',
  'huge-number',
  'bad-objectid',
  'null-for-non-null',
  'wrong-type',
  'bad-enum',
  'weird-string',
];

/**
 * The systematic part, first: every query and mutation field once per kind in
 * SWEEP_KINDS, as a signed-in owner with every argument given and its own ids, so the
 * bad value (a 100 KB string, 1e308, a malformed id...) reaches the resolver behind it.
 */
function* sweep(
  schema: GraphQLSchema,
  rng: Rng,
  roles: FuzzRole[],
  epochMs: number,
): Generator<FuzzOperation> {
  const owners = roles.filter((role) => role.authenticated && !role.isAdmin);
  const actors = owners.length > 0 ? owners : roles;
  let turn = 0;
  for (const opType of ['query', 'mutation'] as const) {
    for (const field of Object.values(rootType(schema, opType).getFields())) {
      for (const kind of SWEEP_KINDS) {
        const role = actors[turn++ % actors.length]!;
        if (forbiddenFor(role, field.name)) continue;
        const ctx: GenContext = { rng, role, field: field.name, epochMs, full: true };
        const s = newSelectionContext(rng);
        const root = planRoot(field, ctx, s);
        if (!corruptValue(kind, root.args, ctx, 100_000)) continue;
        const plan: DocPlan = { opType, roots: [root], extraRoots: [], fragments: s.fragments };
        const built = printDocument(plan, rng, 0.5);
        const body = { query: built.query, variables: built.variables };
        const problem = localProblem(schema, body);
        yield {
          index: -1,
          role: role.name,
          kind: `sweep:${kind}`,
          rootFields: [field.name],
          request: { method: 'POST', body },
          expectError: problem !== undefined,
          problem,
          deny: denyChecks(plan.roots, role),
        };
      }
    }
  }
}

function generateOne(
  schema: GraphQLSchema,
  rng: Rng,
  role: FuzzRole,
  index: number,
  invalid: boolean,
  epochMs: number,
  transport: 'http' | 'ws',
): FuzzOperation {
  const kit = operationKit(schema, rng, role, index, epochMs);
  const { ctx, s, finish, post } = kit;

  if (transport === 'ws') {
    const plan = planDocument(schema, 'subscription', ctx, s, index);
    if (invalid) {
      const kind = rng.weighted(
        VALUE_CORRUPTIONS.filter(([k]) => k !== 'huge-string' && k !== 'long-list'),
      );
      corruptValue(kind, plan.roots[0]!.args, ctx);
      const built = printDocument(plan, rng, 0.4);
      const request = post(built);
      const body = request.body as Record<string, unknown>;
      return finish(`ws:${kind}`, request, built.roots, localProblemWs(schema, body) ?? null);
    }
    const built = printDocument(plan, rng, 0.4);
    const request = post(built);
    return finish('ws:valid', request, built.roots, localProblemWs(schema, request.body) ?? null);
  }

  if (!invalid) {
    const opType: OpType = rng.chance(0.6) ? 'query' : 'mutation';
    const built = printDocument(planDocument(schema, opType, ctx, s, index), rng, 0.35);
    return finish('valid', post(built), built.roots);
  }

  const layer = rng.weighted([
    ['value', 5],
    ['document', 4],
    ['body', 2],
  ] as const);
  if (layer === 'document') return invalidDocument(kit);
  if (layer === 'body') return invalidRequest(kit);

  const opType: OpType = rng.chance(0.5) ? 'query' : 'mutation';
  const plan = planDocument(schema, opType, ctx, s, index);
  let kind = rng.weighted(VALUE_CORRUPTIONS);
  const withArgs = plan.roots.filter((root) => root.args.length > 0);
  const target = rng.pick(withArgs.length > 0 ? withArgs : plan.roots);
  if (!corruptValue(kind, target.args, ctx)) {
    kind = 'wrong-type';
    if (!corruptValue(kind, target.args, ctx)) {
      target.extraArgs.push(`bogusArg: ${rng.int(0, 9)}`);
      return finish('unknown-arg', post(printDocument(plan, rng, 0.35)), plan.roots);
    }
  }
  const built = printDocument(plan, rng, 0.35);
  return finish(kind, post(built), built.roots);
}
