import 'reflect-metadata';
import {
  buildSchema,
  getIntrospectionQuery,
  GraphQLError,
  parse,
  specifiedRules,
  validate,
} from 'graphql';
import type { RequestContext } from '../../src/auth/context';
import { defaultLimits, type NodeEnv } from '../../src/config';
import { depthLimitRule, documentLimitsRule, guardOperation } from '../../src/graphql/limits';
import { Role } from '../../src/modules/users/user.model';

const schema = buildSchema(`
  type Node {
    id: ID!
    child: Node
    children(limit: Int): [Node!]!
  }
  type Query {
    node: Node
  }
`);

const MAX_DEPTH = 10;
const MAX_INTROSPECTION_DEPTH = 15;

const check = (query: string): readonly GraphQLError[] =>
  validate(schema, parse(query), [
    ...specifiedRules,
    depthLimitRule(MAX_DEPTH, MAX_INTROSPECTION_DEPTH),
  ]);

/** `node { child { … { id } } }` whose deepest field (`id`) is at `depth`. */
function nested(depth: number): string {
  let selection = 'id';
  for (let level = depth - 1; level >= 2; level--) selection = `child { ${selection} }`;
  return `node { ${selection} }`;
}

/** `__schema { types { fields { type { ofType { … { name } } } } } }` `depth` levels deep. */
function introspection(depth: number): string {
  let selection = 'name';
  for (let level = depth - 1; level >= 5; level--) selection = `ofType { ${selection} }`;
  return `{ __schema { types { fields { type { ${selection} } } } } }`;
}

const depthErrors = (errors: readonly GraphQLError[]) =>
  errors.filter((error) => error.extensions.reason === 'DEPTH_LIMIT');

describe('depthLimitRule', () => {
  test('the helpers build what they say', () => {
    expect(nested(3)).toBe('node { child { id } }');
    expect(introspection(6)).toBe('{ __schema { types { fields { type { ofType { name } } } } } }');
  });

  test('a query exactly at the limit passes', () => {
    expect(check(`{ ${nested(10)} }`)).toEqual([]);
  });

  test('one level more fails, naming the depth and the limit', () => {
    const errors = check(`{ ${nested(11)} }`);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toBe(
      'This operation is nested more than 10 levels deep, the limit.',
    );
    expect(errors[0]!.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'DEPTH_LIMIT' });
  });

  test('a named operation is named in the message', () => {
    const [error] = check(`query Deep { ${nested(11)} }`);
    expect(error?.message).toBe('Operation "Deep" is nested more than 10 levels deep, the limit.');
  });

  test('a much deeper query fails too', () => {
    const errors = depthErrors(check(`{ ${nested(500)} }`));
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(/more than 10 levels deep, the limit\.$/);
  });

  test('the deepest branch counts, not the first', () => {
    expect(check(`{ node { id } n2: ${nested(10)} }`)).toEqual([]);
    expect(depthErrors(check(`{ node { id } n2: ${nested(11)} }`))).toHaveLength(1);
  });

  test('list fields with arguments count like any field', () => {
    const query = `{ node { ${'children(limit: 2) { '.repeat(9)}id${' }'.repeat(9)} } }`;
    expect(depthErrors(check(query))).toHaveLength(1);
    const ok = `{ node { ${'children(limit: 2) { '.repeat(8)}id${' }'.repeat(8)} } }`;
    expect(check(ok)).toEqual([]);
  });

  test('each operation in a document is measured on its own', () => {
    const errors = check(`query Shallow { ${nested(10)} } query Deep { ${nested(11)} }`);
    expect(errors.map((error) => error.message)).toEqual([
      'Operation "Deep" is nested more than 10 levels deep, the limit.',
    ]);
  });

  describe('fragments', () => {
    // Levels 1-4 in the operation, the rest in the fragment.
    const viaFragment = (depth: number) => `
      { node { child { child { child { ...Rest } } } } }
      fragment Rest on Node { ${nested(depth - 4).replace(/^node/, 'child')} }
    `;

    test('depth through a named fragment counts where it is spread', () => {
      expect(check(viaFragment(10))).toEqual([]);
      const errors = check(viaFragment(11));
      expect(errors).toHaveLength(1);
      expect(errors[0]!.message).toContain('more than 10 levels deep');
    });

    test('fragments spreading fragments add up', () => {
      const query = (depth: number) => `
        { node { ...A } }
        fragment A on Node { child { ...B } }
        fragment B on Node { ${nested(depth - 2).replace(/^node/, 'child')} }
      `;
      expect(check(query(10))).toEqual([]);
      expect(depthErrors(check(query(11)))).toHaveLength(1);
    });

    test('inline fragments add no depth of their own', () => {
      const query = (depth: number) =>
        `{ node { ... on Node { ... { ${nested(depth - 1).replace(/^node/, 'child')} } } } }`;
      expect(check(query(10))).toEqual([]);
      const errors = depthErrors(check(query(11)));
      expect(errors).toHaveLength(1);
      expect(errors[0]!.message).toContain('more than 10 levels deep');
    });

    test('a fragment cycle is reported by graphql and does not hang the rule', () => {
      const errors = check(`
        { node { ...A } }
        fragment A on Node { child { ...B } }
        fragment B on Node { child { ...A } }
      `);
      expect(
        errors.some((error) => /Cannot spread fragment "A" within itself/.test(error.message)),
      ).toBe(true);
    });
  });

  describe('introspection', () => {
    test('13 levels of introspection pass', () => {
      expect(check(introspection(13))).toEqual([]);
    });

    test('15 levels pass and 16 fail, against the introspection limit', () => {
      expect(check(introspection(15))).toEqual([]);
      const errors = check(introspection(16));
      expect(errors).toHaveLength(1);
      expect(errors[0]!.message).toBe(
        'This operation is nested more than 15 levels deep, the limit.',
      );
      expect(errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
    });

    test('__type is measured against the introspection limit too', () => {
      let selection = 'name';
      for (let level = 12; level >= 4; level--) selection = `ofType { ${selection} }`;
      expect(check(`{ __type(name: "Node") { fields { type { ${selection} } } } }`)).toEqual([]);
    });

    test("graphql's standard introspection query passes", () => {
      expect(check(getIntrospectionQuery())).toEqual([]);
      expect(check(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true }))).toEqual(
        [],
      );
    });

    test('introspection depth does not raise the limit for regular fields', () => {
      const errors = check(`{ __schema { types { name } } ${nested(11)} }`);
      expect(errors.map((error) => error.message)).toEqual([
        'This operation is nested more than 10 levels deep, the limit.',
      ]);
    });

    test('__typename is a regular field', () => {
      const query = `{ ${nested(10).replace('{ id }', '{ __typename }')} }`;
      expect(check(query)).toEqual([]);
      const deeper = `{ ${nested(10).replace('{ id }', '{ child { __typename } }')} }`;
      expect(depthErrors(check(deeper))).toHaveLength(1);
    });
  });
});

describe('guardOperation', () => {
  const anonymous: RequestContext = { requestId: 'req-1', ip: '127.0.0.1' };
  const user: RequestContext = {
    requestId: 'req-2',
    ip: '127.0.0.1',
    user: { id: 'u1', email: 'ann@example.com', role: Role.USER },
  };
  const admin: RequestContext = {
    requestId: 'req-3',
    ip: '127.0.0.1',
    user: { id: 'a1', email: 'boss@example.com', role: Role.ADMIN },
  };

  const guard =
    (
      query: string,
      context: RequestContext,
      env: NodeEnv,
      options: { maxQueryComplexity?: number; operationName?: string } = {},
    ) =>
    () =>
      guardOperation(
        {
          schema,
          document: parse(query),
          operationName: options.operationName,
          variables: {},
          context,
        },
        {
          env,
          limits: {
            ...defaultLimits,
            maxQueryComplexity: options.maxQueryComplexity ?? defaultLimits.maxQueryComplexity,
          },
        },
      );

  function thrown(run: () => void): GraphQLError {
    try {
      run();
    } catch (error) {
      if (error instanceof GraphQLError) return error;
      throw error;
    }
    throw new Error('guardOperation allowed the operation');
  }

  describe('introspection in production', () => {
    test.each([
      ['__schema', '{ __schema { queryType { name } } }'],
      ['__type', '{ __type(name: "Node") { name } }'],
      ['__type inside an inline fragment', '{ ... on Query { __type(name: "Node") { name } } }'],
      [
        '__schema inside a named fragment',
        '{ ...Peek } fragment Peek on Query { __schema { types { name } } }',
      ],
      ['__schema next to data', `{ node { id } __schema { types { name } } }`],
    ])('%s is FORBIDDEN to anonymous callers and users', (_label, query) => {
      for (const context of [anonymous, user]) {
        const error = thrown(guard(query, context, 'production'));
        expect(error.message).toBe('Introspection is available to admins only.');
        expect(error.extensions.code).toBe('FORBIDDEN');
      }
    });

    test('is allowed to admins', () => {
      expect(guard('{ __schema { queryType { name } } }', admin, 'production')).not.toThrow();
      expect(guard('{ __type(name: "Node") { name } }', admin, 'production')).not.toThrow();
    });

    test("admins can run GraphiQL's full introspection query within the default limits", () => {
      expect(guard(getIntrospectionQuery(), admin, 'production')).not.toThrow();
    });

    test('__typename is not introspection', () => {
      expect(guard('{ __typename node { __typename id } }', anonymous, 'production')).not.toThrow();
    });

    test('regular queries are allowed to everyone', () => {
      expect(guard('{ node { id child { id } } }', anonymous, 'production')).not.toThrow();
    });
  });

  test.each(['development', 'test'] as const)('in %s anyone may introspect', (env) => {
    expect(guard('{ __schema { queryType { name } } }', anonymous, env)).not.toThrow();
    expect(guard(getIntrospectionQuery(), anonymous, env)).not.toThrow();
  });

  describe('complexity', () => {
    // node, id, child, child.id, child.child, child.child.id: six fields at 1 each.
    const sixFields = '{ node { id child { id child { id } } } }';

    test('a query costing more than the limit fails with COMPLEXITY_LIMIT', () => {
      const error = thrown(guard(sixFields, anonymous, 'development', { maxQueryComplexity: 5 }));
      expect(error.message).toBe('This operation costs 6; the limit is 5.');
      expect(error.extensions).toEqual({
        code: 'BAD_USER_INPUT',
        reason: 'COMPLEXITY_LIMIT',
        http: { status: 400 },
      });
    });

    test('a query costing exactly the limit passes', () => {
      expect(guard(sixFields, anonymous, 'development', { maxQueryComplexity: 6 })).not.toThrow();
    });

    test('the default limit allows ordinary queries', () => {
      expect(guard(sixFields, anonymous, 'production')).not.toThrow();
    });

    test('admins are limited too', () => {
      const error = thrown(guard(sixFields, admin, 'production', { maxQueryComplexity: 5 }));
      expect(error.extensions.reason).toBe('COMPLEXITY_LIMIT');
    });

    test('only the selected operation is costed', () => {
      const document = `query Cheap { node { id } } query Dear ${sixFields}`;
      expect(
        guard(document, anonymous, 'development', {
          maxQueryComplexity: 5,
          operationName: 'Cheap',
        }),
      ).not.toThrow();
      expect(
        thrown(
          guard(document, anonymous, 'development', {
            maxQueryComplexity: 5,
            operationName: 'Dear',
          }),
        ).extensions.reason,
      ).toBe('COMPLEXITY_LIMIT');
    });
  });
});

/** `{ ...F0 }` where each of `n` fragments spreads the next one twice: 2^n fields expanded. */
function fragmentExplosion(n: number, leaf = 'id'): string {
  let document = 'query Boom { node { ...F0 } }\n';
  for (let i = 0; i < n; i++) {
    const body = i + 1 < n ? `...F${i + 1} ...F${i + 1}` : leaf;
    document += `fragment F${i} on Node { ${body} }\n`;
  }
  return document;
}

describe('work is linear in the document', () => {
  test('a 40-fragment explosion is measured at once and passes the depth rule', () => {
    const started = performance.now();
    expect(check(fragmentExplosion(40))).toEqual([]);
    // 2^39 fields expanded; exponential work would take years; linear work takes milliseconds.
    expect(performance.now() - started).toBeLessThan(1000);
  });

  test('its expanded cost is counted without expanding it', () => {
    const run = () =>
      guardOperation(
        {
          schema,
          document: parse(fragmentExplosion(40)),
          variables: {},
          context: { requestId: 'r', ip: '127.0.0.1' },
        },
        { env: 'test', limits: defaultLimits },
      );
    expect(run).toThrow(/This operation costs 549755813889; the limit is 1000\./);
  });

  test('fragments spread many times count each time where they are spread', () => {
    const document = `{ node { ...Two ...Two } } fragment Two on Node { id child { id } }`;
    const run = (max: number) => () =>
      guardOperation(
        {
          schema,
          document: parse(document),
          variables: {},
          context: { requestId: 'r', ip: '127.0.0.1' },
        },
        { env: 'test', limits: { ...defaultLimits, maxQueryComplexity: max } },
      );
    // node + 2 x (id, child, child.id)
    expect(run(7)).not.toThrow();
    expect(run(6)).toThrow('This operation costs 7; the limit is 6.');
  });

  test('depth through an exploding fragment chain is still measured right', () => {
    const document = `
      { node { ...A } }
      fragment A on Node { child { ...B ...B } }
      fragment B on Node { child { ...C ...C } }
      fragment C on Node { ${nested(9).replace(/^node/, 'child')} }
    `;
    // node(1) + A.child(2) + B.child(3) + C's 9 levels = 12
    const errors = depthErrors(check(document));
    expect(errors).toHaveLength(1);
  });
});

describe('document caps', () => {
  const capped = (query: string) =>
    validate(schema, parse(query), [
      ...specifiedRules,
      documentLimitsRule({
        maxAliases: 3,
        maxDirectives: 3,
        maxFragments: 2,
        maxFragmentSpreads: 3,
      }),
    ]).filter((error) => error.extensions.code === 'BAD_USER_INPUT');

  test('aliases past the cap are refused, naming the count', () => {
    expect(capped('{ a: node { id } b: node { id } c: node { id } }')).toEqual([]);
    const [error] = capped('{ a: node { id } b: node { id } c: node { id } d: node { id } }');
    expect(error?.message).toBe('This document has 4 aliases; the limit is 3.');
    expect(error?.extensions.reason).toBe('ALIAS_LIMIT');
  });

  test('directives past the cap are refused', () => {
    const many =
      '{ node { id @include(if: true) @include(if: true) @include(if: true) @skip(if: false) } }';
    expect(capped(many).map((error) => error.extensions.reason)).toContain('DIRECTIVE_LIMIT');
  });

  test('fragments and spreads past their caps are refused', () => {
    const reasons = capped(`
      { node { ...A ...A ...B ...C } }
      fragment A on Node { id } fragment B on Node { id } fragment C on Node { id }
    `).map((error) => error.message);
    expect(reasons).toEqual([
      'This document has 3 fragments; the limit is 2.',
      'This document has 4 fragment spreads; the limit is 3.',
    ]);
  });
});

describe('introspection that lists types inside listed types', () => {
  test("is refused by graphql's own rule, in linear time through exploding fragments", () => {
    let document = '{ __schema { types { ...T0 } } }\n';
    for (let i = 0; i < 30; i++) {
      const body =
        i + 1 < 30
          ? `...T${i + 1} ...T${i + 1}`
          : 'fields { type { fields { type { fields { name } } } } }';
      document += `fragment T${i} on __Type { ${body} }\n`;
    }
    expect(check(document).map((error) => error.message)).toEqual([
      'Maximum introspection depth exceeded',
    ]);
  });
});

describe('guardOperation and the request', () => {
  const context: RequestContext = { requestId: 'r', ip: '127.0.0.1' };
  const guardOf =
    (query: string, operationName?: string, variables = {}) =>
    () =>
      guardOperation(
        { schema, document: parse(query), operationName, variables, context },
        { env: 'test', limits: defaultLimits },
      );

  test('an operationName that names no operation is BAD_USER_INPUT', () => {
    expect(guardOf('query A { node { id } }', 'B')).toThrow('Unknown operation named "B".');
    try {
      guardOf('query A { node { id } }', 'B')();
    } catch (error) {
      expect((error as GraphQLError).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'UNKNOWN_OPERATION',
      });
    }
  });

  test('several operations and no name asks for the name', () => {
    expect(guardOf('query A { node { id } } query B { node { id } }')).toThrow(
      'Must provide operation name if query contains multiple operations.',
    );
  });

  test('variables of the wrong type are refused before anything runs', () => {
    const query = 'query Q($limit: Int) { node { children(limit: $limit) { id } } }';
    expect(guardOf(query, undefined, { limit: 'ten' })).toThrow(/Int cannot represent/);
    expect(guardOf(query, undefined, { limit: 10 })).not.toThrow();
  });

  test('fields left out by @skip / @include are not counted', () => {
    const query =
      'query Q($big: Boolean!) { node { id ...Big @include(if: $big) } } fragment Big on Node { a: child { id } b: child { id } }';
    const cost = (big: boolean) => () =>
      guardOperation(
        { schema, document: parse(query), variables: { big }, context },
        { env: 'test', limits: { ...defaultLimits, maxQueryComplexity: 2 } },
      );
    expect(cost(false)).not.toThrow();
    expect(cost(true)).toThrow('This operation costs 6; the limit is 2.');
  });
});
