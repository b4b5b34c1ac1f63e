import { createHash } from 'node:crypto';
import { planDocument, printDocument, type BuiltDocument } from './documents';
import type { FuzzOperation } from './operation';
import type { OperationKit } from './operationKit';
import { isPlainObject, localProblem } from './schema';
import { hugeString } from './strings';

/**
 * Invalid requests around a valid document: bodies that are not JSON or not one
 * GraphQL-over-HTTP request (batches, a query that is not a string...), persisted
 * queries with wrong or unknown hashes, GET with and without the CSRF header, the wrong
 * content type, a body over 1 MB, and Authorization headers that are not our tokens.
 */

type BodyCorruption =
  | 'malformed-json'
  | 'batch'
  | 'bad-query-type'
  | 'bad-variables-type'
  | 'bad-operation-name-type'
  | 'persisted-query'
  | 'get'
  | 'wrong-content-type'
  | 'body-too-large'
  | 'bad-authorization';

const BODY_CORRUPTIONS: (readonly [BodyCorruption, number])[] = [
  ['malformed-json', 1],
  ['batch', 0.5],
  ['bad-query-type', 0.7],
  ['bad-variables-type', 0.7],
  ['bad-operation-name-type', 0.4],
  ['persisted-query', 1.2],
  ['get', 1.5],
  ['wrong-content-type', 0.7],
  ['body-too-large', 0.15],
  ['bad-authorization', 1],
];

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

const FORCED = 'not a valid GraphQL-over-HTTP request';

/** One operation with an invalid request, of a kind picked by weight. */
export function invalidRequest(kit: OperationKit): FuzzOperation {
  const { schema, rng, index, ctx, s, finish, post } = kit;
  const kind = rng.weighted(BODY_CORRUPTIONS);
  const base = printDocument(planDocument(schema, 'query', ctx, s, index), rng, 0.35);
  switch (kind) {
    case 'malformed-json':
      return finish(
        kind,
        {
          method: 'POST',
          rawBody: rng.pick([
            JSON.stringify({ query: base.query }).slice(0, -3),
            'not json',
            '',
            '{"query": "{ me { id } }",}',
            "{'query': '{ me { id } }'}",
            '\u0000',
            '[[[[[[[[[[',
          ]),
        },
        base.roots,
        FORCED,
      );
    case 'batch':
      return finish(
        kind,
        {
          method: 'POST',
          body: rng.pick([[{ query: base.query }, { query: '{ me { id } }' }], [], [null]]),
        },
        [],
        FORCED,
      );
    case 'bad-query-type':
      return finish(
        kind,
        {
          method: 'POST',
          body: rng.pick<Record<string, unknown>>([
            { query: 42 },
            { query: { kind: 'Document', definitions: [] } },
            { query: null },
            {},
            { query: [base.query] },
            { query: '' },
          ]),
        },
        [],
        FORCED,
      );
    case 'bad-variables-type': {
      const variables = rng.pick<unknown>(['{"a":1}', [], 5, true, 'null']);
      return finish(
        kind,
        { method: 'POST', body: { query: base.query, variables } },
        base.roots,
        FORCED,
      );
    }
    case 'bad-operation-name-type': {
      const operationName = rng.pick<unknown>([5, {}, [], true]);
      return finish(
        kind,
        { method: 'POST', body: { query: base.query, operationName } },
        base.roots,
        FORCED,
      );
    }
    case 'persisted-query':
      return persistedQuery(kit, base);
    case 'get':
      return overGet(kit);
    case 'wrong-content-type':
      return finish(
        kind,
        {
          method: 'POST',
          rawBody: JSON.stringify({ query: base.query }),
          contentType: rng.pick([
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data',
          ]),
        },
        base.roots,
        FORCED,
      );
    case 'body-too-large':
      return finish(
        kind,
        {
          method: 'POST',
          body: { query: base.query, variables: { padding: hugeString(rng, 1_100_000) } },
        },
        base.roots,
        'body over 1 MB',
      );
    case 'bad-authorization': {
      const authorization = rng.pick([
        'Bearer garbage',
        'Bearer ',
        'Bearer',
        'Basic Zm9vOmJhcg==',
        `Bearer ${'a'.repeat(8000)}`,
        'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAiLCJyb2xlIjoiQURNSU4ifQ.',
        'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl',
        'Bearer a.b.c',
      ]);
      return finish(kind, { ...post(base), authorization }, base.roots);
    }
  }
}

/** Automatic persisted queries: a wrong hash, an unknown one, a real registration, junk. */
function persistedQuery(kit: OperationKit, base: BuiltDocument): FuzzOperation {
  const { rng, finish } = kit;
  const variant = rng.int(0, 5);
  const realHash = sha256(base.query);
  const { query, variables } = base;
  switch (variant) {
    case 0: // the hash does not match the query
      return finish(
        'persisted-query-mismatch',
        {
          method: 'POST',
          body: {
            query,
            variables,
            extensions: { persistedQuery: { version: 1, sha256Hash: rng.hex(64) } },
          },
        },
        base.roots,
        'provided sha does not match query',
      );
    case 1: // a hash the server never saw
      return finish(
        'persisted-query-unknown',
        {
          method: 'POST',
          body: { extensions: { persistedQuery: { version: 1, sha256Hash: rng.hex(64) } } },
        },
        [],
        'PersistedQueryNotFound',
      );
    case 2: // register for real
      return finish(
        'persisted-query-register',
        {
          method: 'POST',
          body: {
            query,
            variables,
            extensions: { persistedQuery: { version: 1, sha256Hash: realHash } },
          },
        },
        base.roots,
      );
    case 3: {
      const version = rng.pick([2, 0, '1']);
      return finish(
        'persisted-query-bad-version',
        {
          method: 'POST',
          body: { query, extensions: { persistedQuery: { version, sha256Hash: realHash } } },
        },
        base.roots,
        'unsupported persisted query version',
      );
    }
    case 4: {
      const extensions = rng.pick<unknown>([
        { persistedQuery: 'yes' },
        { persistedQuery: { version: 1 } },
        { persistedQuery: { version: 1, sha256Hash: 5 } },
      ]);
      return finish(
        'persisted-query-junk',
        { method: 'POST', body: { query, extensions } },
        base.roots,
        null,
      );
    }
    default: {
      const extensions = rng.pick<unknown>(['x', 5, [], { a: 1 }]);
      return finish(
        'extensions-junk',
        { method: 'POST', body: { query, variables, extensions } },
        base.roots,
        isPlainObject(extensions) ? 'auto' : 'extensions is not an object',
      );
    }
  }
}

/** GET: queries pass with Apollo's CSRF preflight header, mutations never do. */
function overGet(kit: OperationKit): FuzzOperation {
  const { schema, rng, index, ctx, s, finish } = kit;
  const small = printDocument(
    planDocument(
      schema,
      rng.chance(0.75) ? 'query' : 'mutation',
      ctx,
      { ...s, fragments: [] },
      index,
    ),
    rng,
    0.3,
  );
  const preflight = rng.chance(0.75);
  const params: Record<string, string> = { query: small.query };
  if (Object.keys(small.variables).length > 0) params.variables = JSON.stringify(small.variables);
  const isMutation = small.query.startsWith('mutation');
  const problem =
    localProblem(schema, { query: small.query, variables: small.variables }) ??
    (isMutation ? 'a mutation over GET' : preflight ? undefined : 'GET without a CSRF header');
  return finish(
    isMutation ? 'get-mutation' : preflight ? 'get' : 'get-no-preflight',
    { method: 'GET', params, headers: preflight ? { 'apollo-require-preflight': 'true' } : {} },
    small.roots,
    problem ?? null,
  );
}
