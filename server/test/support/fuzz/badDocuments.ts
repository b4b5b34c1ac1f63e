import { planDocument, printDocument, type Injection, type OpType } from './documents';
import type { FuzzOperation, FuzzRequest } from './operation';
import type { OperationKit } from './operationKit';
import type { Rng } from './random';

/**
 * Invalid documents: well-typed values in a broken document (unknown fields and
 * arguments, selections on leaves or missing on objects, syntax cut short, operation
 * names that resolve to nothing or to two operations, bad fragments and directives),
 * and the documents the server refuses by its own rules (introspection for non-admins,
 * introspection nested past the depth limit, subscriptions over HTTP, alias floods).
 */

type DocumentCorruption =
  | Injection
  | 'unknown-arg'
  | 'unknown-root-field'
  | 'syntax'
  | 'unknown-operation-name'
  | 'ambiguous-operations'
  | 'duplicate-operation-name'
  | 'conflicting-alias'
  | 'fragment-error'
  | 'directive-error'
  | 'introspection'
  | 'deep-introspection'
  | 'subscription-over-http'
  | 'alias-flood';

const DOCUMENT_CORRUPTIONS: (readonly [DocumentCorruption, number])[] = [
  ['unknown-field', 2],
  ['leaf-selection', 1],
  ['missing-selection', 1],
  ['unknown-arg', 1.5],
  ['unknown-root-field', 1],
  ['syntax', 2],
  ['unknown-operation-name', 1],
  ['ambiguous-operations', 0.5],
  ['duplicate-operation-name', 0.5],
  ['conflicting-alias', 0.5],
  ['fragment-error', 1],
  ['directive-error', 1],
  ['introspection', 1],
  ['deep-introspection', 0.5],
  ['subscription-over-http', 0.5],
  ['alias-flood', 0.5],
];

/** The introspection type reference nested `levels` deep. */
function nestedTypeRef(levels: number): string {
  let inner = 'name';
  for (let level = 0; level < levels; level += 1) inner = `name kind ofType { ${inner} }`;
  return inner;
}

function syntaxBreak(query: string, rng: Rng): string {
  switch (rng.int(0, 5)) {
    case 0:
      return query.slice(0, rng.int(1, Math.max(1, query.length - 2)));
    case 1: {
      const at = rng.int(0, query.length);
      return `${query.slice(0, at)}${rng.pick(['{', '}', '(', ')', '"', '$', '@', '!', '[', ':', '...', '"""'])}${query.slice(at)}`;
    }
    case 2:
      return rng.pick([
        '{',
        '}',
        '{}',
        '{ }',
        'query',
        'mutation { }',
        '{ ... }',
        'null',
        '#',
        '"',
      ]);
    case 3:
      return `${'{ me '.repeat(rng.pick([20, 300]))}`;
    case 4:
      return query.replace(/\{/, '');
    default:
      return `${query} }`;
  }
}

/** Documents written out whole: the kinds that need no generated part. */
const FIXED_DOCUMENTS: Partial<Record<DocumentCorruption, string[]>> = {
  'fragment-error': [
    '{ me { ...Missing } }',
    '{ me { ...F } } fragment F on Chat { id }',
    '{ me { ...F } } fragment F on NoSuchType { id }',
    '{ me { ...F } } fragment F on User { ...G } fragment G on User { ...F }',
    '{ me { id } } fragment Unused on User { id }',
    '{ me { ... on Campaign { id } } }',
  ],
  'directive-error': [
    '{ me @skip(if: "yes") { id } }',
    '{ me @nope { id } }',
    '{ me @include { id } }',
    'query($x: Boolean) { me @include(if: $x) { id } }',
    'query { me @skip(if: $undefined) { id } }',
    '{ me @deprecated { id } }',
    '{ me @skip(if: true) @skip(if: false) { id } }',
  ],
  introspection: [
    '{ __schema { queryType { name } types { name kind } } }',
    '{ __type(name: "Chat") { name fields { name type { name kind } } } }',
    '{ __type(name: "NoSuchType") { name } }',
    '{ __schema { directives { name args { name } } } }',
    '{ me { id } __schema { mutationType { fields { name } } } }',
  ],
};

/** One operation with an invalid document, of a kind picked by weight. */
export function invalidDocument(kit: OperationKit): FuzzOperation {
  const { schema, rng, role, index, ctx, s, finish, post } = kit;
  const kind = rng.weighted(DOCUMENT_CORRUPTIONS);
  const opType: OpType = rng.chance(0.6) ? 'query' : 'mutation';
  switch (kind) {
    case 'unknown-field':
    case 'leaf-selection':
    case 'missing-selection': {
      s.inject = kind;
      const plan = planDocument(schema, opType, ctx, s, index);
      if (!s.injected) {
        const root = plan.roots[0]!;
        if (kind === 'unknown-field') plan.extraRoots.push('fuzzUnknownRoot');
        else if (kind === 'leaf-selection') plan.extraRoots.push('leaf: __typename { name }');
        else if (root.selection) root.selection = '';
        else plan.extraRoots.push('bare: me');
      }
      const built = printDocument(plan, rng, 0.35);
      return finish(kind, post(built), built.roots);
    }
    case 'unknown-arg': {
      const plan = planDocument(schema, opType, ctx, s, index);
      plan.roots[0]!.extraArgs.push(
        `${rng.pick(['bogusArg', 'userIdd', 'where', 'filter'])}: ${rng.pick(['1', '"x"', 'null', '{a: 1}'])}`,
      );
      const built = printDocument(plan, rng, 0.35);
      return finish(kind, post(built), built.roots);
    }
    case 'unknown-root-field': {
      const name = rng.pick(['users', 'allChats', 'adminStats', 'deleteUser', '_service', 'user']);
      return finish(kind, { method: 'POST', body: { query: `${opType} { ${name} { id } }` } }, []);
    }
    case 'syntax': {
      const built = printDocument(planDocument(schema, opType, ctx, s, index), rng, 0.35);
      const query = syntaxBreak(built.query, rng);
      return finish(
        kind,
        { method: 'POST', body: { query, variables: built.variables } },
        built.roots,
      );
    }
    case 'unknown-operation-name': {
      const plan = planDocument(schema, opType, ctx, s, index);
      plan.name = `Fuzz${index}`;
      const built = printDocument(plan, rng, 0.35);
      const request: FuzzRequest = {
        method: 'POST',
        body: {
          query: built.query,
          variables: built.variables,
          operationName: rng.pick([`NoSuch${index}`, '', 'query', `fuzz${index}`]),
        },
      };
      return finish(kind, request, built.roots);
    }
    case 'ambiguous-operations':
    case 'duplicate-operation-name': {
      const first = printDocument(planDocument(schema, 'query', ctx, s, index), rng, 0);
      const second = printDocument(
        planDocument(schema, 'query', ctx, { ...s, fragments: [] }, index + 1),
        rng,
        0,
      );
      const strip = (query: string) => query.replace(/^query( Fuzz\w+)?/, '');
      const query =
        kind === 'ambiguous-operations'
          ? `query A ${strip(first.query)}\nquery B ${strip(second.query)}`
          : `query Same ${strip(first.query)}\nquery Same ${strip(second.query)}`;
      const request: FuzzRequest = {
        method: 'POST',
        body: kind === 'duplicate-operation-name' ? { query, operationName: 'Same' } : { query },
      };
      return finish(kind, request, [...first.roots, ...second.roots]);
    }
    case 'conflicting-alias': {
      const query = '{ x: me { id } x: webhookSetup { verifyToken } }';
      return finish(kind, { method: 'POST', body: { query } }, []);
    }
    case 'fragment-error':
      return finish(
        kind,
        { method: 'POST', body: { query: rng.pick(FIXED_DOCUMENTS[kind]!) } },
        [],
      );
    case 'directive-error': {
      const query = rng.pick(FIXED_DOCUMENTS[kind]!);
      return finish(kind, { method: 'POST', body: { query, variables: { x: 'maybe' } } }, []);
    }
    case 'introspection': {
      const query = rng.pick(FIXED_DOCUMENTS[kind]!);
      const forced = role.isAdmin ? 'auto' : 'introspection is for admins only';
      return finish(kind, { method: 'POST', body: { query } }, [], forced);
    }
    case 'deep-introspection': {
      const query = `{ __type(name: "Chat") { fields { type { ${nestedTypeRef(rng.pick([16, 30]))} } } } }`;
      return finish(kind, { method: 'POST', body: { query } }, [], 'nested past the depth limit');
    }
    case 'subscription-over-http': {
      const plan = planDocument(schema, 'subscription', ctx, s, index);
      const built = printDocument(plan, rng, 0.35);
      return finish(kind, post(built), built.roots, 'a subscription over HTTP');
    }
    case 'alias-flood': {
      const count = rng.pick([10, 50, 200]);
      const field = rng.pick([
        'me { id }',
        'webhookSetup { verifyToken }',
        '__typename',
        'dbmsHealth { state }',
      ]);
      const query = `{ ${Array.from({ length: count }, (_, n) => `a${n}: ${field}`).join(' ')} }`;
      return finish(kind, { method: 'POST', body: { query } }, []);
    }
  }
}
