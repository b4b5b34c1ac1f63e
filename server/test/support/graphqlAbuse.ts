/**
 * The known GraphQL denial-of-service shapes, as raw request bodies: the integration
 * suite checks each is refused with a code, the `dos` bench times the refusals.
 */
export interface AbuseShape {
  name: string;
  /** The raw POST /graphql body. */
  body: string;
  /** The query alone, for graphql-ws (absent: the shape has no WebSocket form). */
  query?: string;
  /** What the HTTP answer must be. */
  status: number;
  /** The `extensions.reason` of the first error, when the answer is a GraphQL error. */
  reason?: string;
}

/** `{ ...F0 }`, each of `levels` fragments spreading the next one twice. */
export function fragmentExplosion(levels: number): string {
  let document = 'query Boom { ...F0 }\n';
  for (let i = 0; i < levels; i++) {
    const body = i + 1 < levels ? `...F${i + 1} ...F${i + 1}` : '__typename';
    document += `fragment F${i} on Query { ${body} }\n`;
  }
  return document;
}

const aliases = (n: number) =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ')} }`;

const directives = (n: number) => `{ __typename ${'@include(if: true) '.repeat(n)}}`;

const duplicated = (n: number) => `{ ${'__typename '.repeat(n)}}`;

/** `__schema { types { fields { type { fields { … } } } } }`: each level multiplies the answer. */
const deepIntrospection = (levels: number) =>
  `{ __schema { types { ${'fields { type { '.repeat(levels)}name${' } }'.repeat(levels)} } } }`;

const MB = 1024 * 1024;
const bodyOf = (query: string) => JSON.stringify({ query });

export function abuseShapes(): AbuseShape[] {
  const shapes: Omit<AbuseShape, 'body'>[] = [
    {
      name: 'fragment explosion (32 levels)',
      query: fragmentExplosion(32),
      status: 400,
      reason: 'COMPLEXITY_LIMIT',
    },
    {
      name: 'fragment explosion (64 levels)',
      query: fragmentExplosion(64),
      status: 400,
      reason: 'COMPLEXITY_LIMIT',
    },
    { name: '10,000 aliases', query: aliases(10_000), status: 400, reason: 'GRAPHQL_PARSE_FAILED' },
    { name: '60 aliases', query: aliases(60), status: 400, reason: 'ALIAS_LIMIT' },
    {
      name: '10,000 @include on one field',
      query: directives(10_000),
      status: 400,
      reason: 'GRAPHQL_PARSE_FAILED',
    },
    {
      name: 'field duplication (2,500)',
      query: duplicated(2500),
      status: 400,
      reason: 'GRAPHQL_VALIDATION_FAILED',
    },
    {
      name: 'field duplication (50,000)',
      query: duplicated(50_000),
      status: 400,
      reason: 'GRAPHQL_PARSE_FAILED',
    },
    {
      name: 'deep introspection',
      query: deepIntrospection(4),
      status: 400,
      reason: 'GRAPHQL_VALIDATION_FAILED',
    },
    {
      name: 'unicode-heavy names',
      query: `{ ${'ü'.repeat(2000)}: __typename }`,
      status: 400,
      reason: 'GRAPHQL_PARSE_FAILED',
    },
    {
      name: 'unicode-heavy operation name',
      query: `query ${'名'.repeat(5000)} { __typename }`,
      status: 400,
      reason: 'GRAPHQL_PARSE_FAILED',
    },
  ];
  return [
    ...shapes.map((shape) => ({ ...shape, body: bodyOf(shape.query!) })),
    {
      name: '1 MB string literal',
      body: bodyOf(`{ chats(filter: { search: "${'x'.repeat(MB)}" }) { total } }`),
      status: 413,
    },
    {
      name: '200-element batched array',
      body: JSON.stringify(Array.from({ length: 200 }, () => ({ query: '{ __typename }' }))),
      status: 400,
      reason: 'BAD_REQUEST',
    },
  ];
}
