import WebSocket from 'ws';
import { defaultLimits } from '../../src/config';
import { abuseShapes, type AbuseShape } from '../support/graphqlAbuse';
import { signUp, startTestApp, wsRequest, type TestApp } from '../support/testApp';

/**
 * The known GraphQL denial-of-service shapes, over HTTP and over WebSocket, anonymous and
 * signed in: each is refused with a code, and /healthz keeps answering while they run.
 * How fast (server time, /healthz latency) is measured by `BENCH_SCENARIO=dos npm run bench`.
 */
let t: TestApp;
let token: string;
beforeAll(async () => {
  t = await startTestApp();
  token = (await signUp(t)).accessToken;
});
afterAll(() => t.stop());

const shapes = abuseShapes();
/** Far above any refusal's time: only a server that hangs on a shape gets near it. */
const HANG_MS = 5000;

/** Polls /healthz until stopped; resolves with the slowest answer it saw. */
function watchHealth() {
  let running = true;
  let slowest = 0;
  const done = (async () => {
    while (running) {
      const started = performance.now();
      const response = await fetch(`${t.url}/healthz`);
      await response.text();
      slowest = Math.max(slowest, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await done;
      return slowest;
    },
  };
}

async function postRaw(body: string, withToken: boolean) {
  const response = await fetch(`${t.url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(withToken ? { authorization: `Bearer ${token}` } : {}),
    },
    body,
  });
  return {
    status: response.status,
    body: (await response.json()) as {
      errors?: { message: string; extensions?: { code?: string; reason?: string } }[];
    },
  };
}

describe.each([
  ['anonymous', false],
  ['signed in', true],
])('over HTTP, %s', (_who, withToken) => {
  test.each(shapes.map((shape) => [shape.name, shape] as [string, AbuseShape]))(
    '%s is refused with a code',
    async (_name, shape) => {
      const health = watchHealth();
      const started = performance.now();
      const answer = await postRaw(shape.body, withToken);
      const elapsed = performance.now() - started;
      const slowestHealth = await health.stop();

      expect(answer.status).toBe(shape.status);
      const [error] = answer.body.errors ?? [];
      expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
      if (shape.reason) expect(error?.extensions?.reason).toBe(shape.reason);
      expect(error?.message.length).toBeLessThan(300);
      expect(elapsed).toBeLessThan(HANG_MS);
      expect(slowestHealth).toBeLessThan(HANG_MS);
    },
  );
});

describe.each([
  ['anonymous', false],
  ['signed in', true],
])('over WebSocket, %s', (_who, withToken) => {
  const wsShapes = shapes.filter((shape) => shape.query !== undefined);

  test.each(
    wsShapes
      .filter((shape) => shape.query!.length < defaultLimits.maxWsPayloadBytes)
      .map((shape) => [shape.name, shape] as [string, AbuseShape]),
  )('%s is refused with a code', async (_name, shape) => {
    const health = watchHealth();
    const response = await wsRequest(t.wsClient(withToken ? token : undefined), shape.query!);
    const slowestHealth = await health.stop();
    const [error] = response.errors ?? [];
    expect(error?.extensions?.code).toBe('BAD_USER_INPUT');
    if (shape.reason && shape.reason !== 'BAD_REQUEST') {
      expect(error?.extensions?.reason).toBe(shape.reason);
    }
    expect(slowestHealth).toBeLessThan(HANG_MS);
  });

  test.each(
    wsShapes
      .filter((shape) => shape.query!.length >= defaultLimits.maxWsPayloadBytes)
      .map((shape) => [shape.name, shape] as [string, AbuseShape]),
  )('%s is over the frame limit: the socket closes with 1009', async (_name, shape) => {
    // graphql-ws reports the refused frame on console.error; it is the expected outcome.
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const socket = new WebSocket(`${t.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', resolve));
    socket.send(
      JSON.stringify({ type: 'connection_init', payload: withToken ? { token } : undefined }),
    );
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: shape.query } }));
    expect(await closed).toBe(1009);
    consoleError.mockRestore();
  });
});
