import { connect, type Socket } from 'node:net';
import { signBody } from '../../src/platforms/webhookSignature';
import { connectedBusiness } from '../support/connectedBusiness';
import { startGraphApiFixture, type GraphApiFixture } from '../support/graphApiFixture';
import { APP_SECRET, messagingPayload, mid } from '../support/metaPayloads';
import { signUp, startTestApp, type TestApp } from '../support/testApp';
import { closeCodeOf, eventually, trackSubscriptions } from '../support/wsSubscriber';

/*
 * Stopping the server (server/src/http/drain.ts): a request in flight is answered and
 * what it stored stays; idle keep-alive connections do not hold the stop; open WebSockets
 * are told to reconnect elsewhere (1012); nothing new is accepted.
 */

let fixture: GraphApiFixture;
let t: TestApp;
beforeAll(async () => {
  fixture = await startGraphApiFixture();
  t = await startTestApp({ env: { GRAPH_API_URL: fixture.url, META_APP_SECRET: APP_SECRET } });
});
afterAll(async () => {
  await t.stop().catch(() => undefined);
  await fixture.close();
});

function rawSocket(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => resolve(socket));
    socket.once('error', reject);
  });
}

/** What the server writes to `socket`: so far, and all of it once it closes the socket. */
function reader(socket: Socket) {
  let text = '';
  socket.on('data', (chunk) => (text += chunk.toString('utf8')));
  const closed = new Promise<string>((resolve) => socket.on('close', () => resolve(text)));
  return { text: () => text, closed };
}

test('stop answers the webhook in flight, ends idle and WebSocket connections, then refuses new ones', async () => {
  const business = await connectedBusiness(t, fixture);
  const owner = await signUp(t);
  const subscriptions = trackSubscriptions(t.app.pubsub);
  const closed = closeCodeOf(t.wsClient(owner.accessToken));
  await subscriptions.waitFor(1);

  // An idle keep-alive connection: one finished request, then silence.
  const idle = await rawSocket(t.url);
  const idleRead = reader(idle);
  idle.write('GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n');
  await eventually(() => /\r\n\r\n\S/.test(idleRead.text()), 5000, 'the idle answer');

  // A webhook whose body is still arriving when the stop begins.
  const messageId = mid();
  const body = JSON.stringify(
    messagingPayload('page', business.pageId, [
      { customerId: 'drain-customer', text: 'Is it still available?', id: messageId },
    ]),
  );
  const inFlight = await rawSocket(t.url);
  const answer = reader(inFlight);
  const half = Math.floor(body.length / 2);
  inFlight.write(
    'POST /webhooks/facebook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
      `X-Hub-Signature-256: ${signBody(body, APP_SECRET)}\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n` +
      body.slice(0, half),
  );
  await new Promise((resolve) => setTimeout(resolve, 100));

  const stopped = t.app.stop();
  await new Promise((resolve) => setTimeout(resolve, 100));
  inFlight.write(body.slice(half));

  expect(await answer.closed).toMatch(/^HTTP\/1\.1 200 OK[\s\S]*EVENT_RECEIVED$/);
  expect(await closed).toEqual({ code: 1012, reason: 'Service restart' });
  expect(await idleRead.closed).toMatch(/^HTTP\/1\.1 200/);
  const started = Date.now();
  await stopped;
  // Well inside the 10 s grace: nothing was left to wait for.
  expect(Date.now() - started).toBeLessThan(5000);
  await expect(rawSocket(t.url)).rejects.toThrow(/ECONNREFUSED/);
});
