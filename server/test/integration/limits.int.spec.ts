import WebSocket from 'ws';
import { signUp, startTestApp, wsRequest, type TestApp } from '../support/testApp';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

/** `__type(name: "User") { fields { type { ofType { ofType ... } } } }`, n levels deep. */
function deepIntrospection(levels: number): string {
  let selection = 'name';
  for (let level = 0; level < levels - 3; level++) selection = `ofType { ${selection} }`;
  return `{ __type(name: "User") { fields { type { ${selection} } } } }`;
}

/** A real query next to an over-deep part: the whole operation is refused, nothing runs. */
const DEEP_QUERY = `{ me { businessInfo { documents { name } } } ${deepIntrospection(20).slice(1, -1)} }`;

const codeOf = (response: { errors?: { extensions?: { code?: string } }[] }) =>
  response.errors?.[0]?.extensions?.code;

describe('query depth', () => {
  test('GraphiQL’s own introspection query is allowed', async () => {
    const { getIntrospectionQuery } = await import('graphql');
    const response = await t.gql(getIntrospectionQuery());
    expect(response.errors).toBeUndefined();
  });

  test('a query deeper than the limit is refused over HTTP, before any resolver runs', async () => {
    const response = await t.gql(deepIntrospection(20));
    expect(response.status).toBe(400);
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/more than 15 levels deep/);
    expect(response.data).toBeUndefined();
  });

  test('the same query is refused over WebSocket', async () => {
    const client = t.wsClient();
    const response = await wsRequest(client, deepIntrospection(20));
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/more than 15 levels deep/);
  });

  test('an operation with one over-deep part is refused whole on both transports', async () => {
    const session = await signUp(t);
    const ok = await t.gql(
      '{ me { businessInfo { documents { name } } } }',
      {},
      { token: session.accessToken },
    );
    expect(ok.errors).toBeUndefined();
    const http = await t.gql(DEEP_QUERY, {}, { token: session.accessToken });
    expect(codeOf(http)).toBe('BAD_USER_INPUT');
    const ws = await wsRequest(t.wsClient(session.accessToken), DEEP_QUERY);
    expect(codeOf(ws)).toBe('BAD_USER_INPUT');
  });
});

describe('request size', () => {
  test('a body over 1 MB answers 413 with a code', async () => {
    const response = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ __typename }',
        variables: { pad: 'x'.repeat(1024 * 1024) },
      }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      errors: [
        { message: 'The request body is too large.', extensions: { code: 'BAD_USER_INPUT' } },
      ],
    });
  });

  test('malformed JSON answers 400 with a code', async () => {
    const response = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });

  test('a WebSocket message over 64 KB closes the socket (1009)', async () => {
    // graphql-ws reports the refused frame on console.error; it is the expected outcome here.
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const socket = new WebSocket(`${t.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', resolve));
    socket.send(
      JSON.stringify({ type: 'connection_init', payload: { pad: 'x'.repeat(65 * 1024) } }),
    );
    expect(await closed).toBe(1009);
    consoleError.mockRestore();
  });
});

describe('WebSocket authentication', () => {
  test('a signed-in WebSocket client runs authenticated operations', async () => {
    const session = await signUp(t);
    const response = await wsRequest<{ me: { email: string } }>(
      t.wsClient(session.accessToken),
      '{ me { email } }',
    );
    expect(response.data?.me.email).toBe(session.user.email);
  });

  test('an invalid token in connectionParams closes the connection with 4401', async () => {
    const socket = new WebSocket(`${t.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { token: 'not.a.jwt' } }));
    expect(await closed).toBe(4401);
  });
});

describe('variables', () => {
  test('a variable with an unknown input field answers BAD_USER_INPUT (400), not INTERNAL', async () => {
    const response = await t.gql(
      'mutation($input: LoginInput!) { login(input: $input) { accessToken } }',
      {
        input: { email: 'a@example.com', password: 'whatever1', role: 'ADMIN' },
      },
    );
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'INVALID_VARIABLES',
    });
    expect(response.errors?.[0]?.message).toMatch(
      /Field "role" is not defined by type "LoginInput"/,
    );
  });
});

describe('requests GraphiQL and Apollo clients send', () => {
  test('an operationName that names no operation answers BAD_USER_INPUT, not INTERNAL', async () => {
    const response = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query Edited { __typename }', operationName: 'Original' }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      errors: { message: string; extensions: { code: string } }[];
    };
    expect(body.errors[0]).toMatchObject({
      message: 'Unknown operation named "Original".',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  test('the same over WebSocket', async () => {
    const client = t.wsClient();
    const response = await new Promise<{ errors?: { extensions?: { code?: string } }[] }>(
      (resolve) => {
        client.subscribe(
          { query: 'query Edited { __typename }', operationName: 'Original' },
          {
            next: (value) => resolve(value as never),
            error: (errors) => resolve({ errors: errors as never }),
            complete: () => undefined,
          },
        );
      },
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  test('a persisted query whose hash does not match answers 400 as the APQ protocol says', async () => {
    const response = await fetch(`${t.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ __typename }',
        extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } },
      }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      errors: { message: string; extensions: { code: string } }[];
    };
    expect(body.errors[0]).toMatchObject({
      message: 'provided sha does not match query',
      extensions: { code: 'BAD_USER_INPUT', reason: 'PERSISTED_QUERY_HASH_MISMATCH' },
    });
  });

  test.each([2, 0, '1'])(
    'a persisted query of an unsupported version (%p) answers 400 BAD_USER_INPUT',
    async (version) => {
      const response = await fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: '{ __typename }',
          extensions: { persistedQuery: { version, sha256Hash: 'f'.repeat(64) } },
        }),
      });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
    },
  );

  test('a persisted query with its right hash is registered and then found by hash alone', async () => {
    const { createHash } = await import('node:crypto');
    const query = '{ __typename }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const send = (body: object) =>
      fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then((response) => response.json());
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    expect(await send({ query, extensions })).toEqual({ data: { __typename: 'Query' } });
    expect(await send({ extensions })).toEqual({ data: { __typename: 'Query' } });
  });
});
