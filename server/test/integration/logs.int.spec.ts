import { InboundEventModel } from '../../src/modules/webhookQueue/inboundEvent.model';
import { MessageModel } from '../../src/modules/chats/message.model';
import { newCustomerId } from '../support/businessApp';
import { connectedBusiness, type ConnectedBusiness } from '../support/connectedBusiness';
import { startGraphApiFixture, type GraphApiFixture } from '../support/graphApiFixture';
import { rateLimited, startGroqFixture, type GroqFixture } from '../support/groqFixture';
import {
  APP_SECRET,
  messagingPayload,
  mid,
  postWebhook,
  VERIFY_TOKEN,
} from '../support/metaPayloads';
import type { LogLine } from '../support/serverProcess';
import { startTestApp, TEST_JWT_SECRET, wsRequest, type TestApp } from '../support/testApp';
import { eventually } from '../support/wsSubscriber';

const PASSWORD = 'correct horse battery';
const SIMULATE = `mutation Simulate($input: SimulateCustomerMessageInput!) {
  simulateCustomerMessage(input: $input) { reply { content } }
}`;
const REPLIED = 'replied to a customer message';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Everything the app logs, parsed: pino writes one JSON object a line. */
const lines: LogLine[] = [];
const destination = {
  write(chunk: string) {
    for (const line of chunk.split('\n').filter(Boolean)) lines.push(JSON.parse(line) as LogLine);
  },
};

let graph: GraphApiFixture;
let groq: GroqFixture;
let t: TestApp;
let business: ConnectedBusiness;
beforeAll(async () => {
  graph = await startGraphApiFixture();
  groq = await startGroqFixture();
  t = await startTestApp({
    // Debug: the most a production operator could turn on.
    env: {
      LOG_LEVEL: 'debug',
      GRAPH_API_URL: graph.url,
      META_APP_SECRET: APP_SECRET,
      WEBHOOK_VERIFY_TOKEN: VERIFY_TOKEN,
      GROQ_API_KEY: 'gsk_test_key',
      GROQ_BASE_URL: groq.url,
    },
    logDestination: destination,
    configure: (config) => (config.pipeline.queue.pollMs = 50),
  });
  business = await connectedBusiness(t, graph);
});
afterAll(async () => {
  await t?.stop();
  await graph?.close();
  await groq?.close();
});

const since = (start: number, msg: string) => lines.slice(start).filter((line) => line.msg === msg);

test('an HTTP request: its id (given or made) is on its access line and on every line it causes', async () => {
  const start = lines.length;
  const response = await t.gql(
    SIMULATE,
    { input: { campaignId: business.campaignId, customerName: 'Ana', text: 'Hello there' } },
    { token: business.owner.accessToken, headers: { 'x-request-id': 'trace-http-0001' } },
  );
  expect(response.errors).toBeUndefined();
  // Written inside the resolver, past the body parser and Apollo: the scope survived both.
  expect(since(start, REPLIED).map((line) => line.requestId)).toEqual(['trace-http-0001']);
  await eventually(() => since(start, 'request').length > 0);
  expect(since(start, 'request')[0]).toMatchObject({
    requestId: 'trace-http-0001',
    method: 'POST',
    route: '/graphql',
    status: 200,
  });

  const made = await fetch(`${t.url}/graphql?query=%7B__typename%7D`, {
    headers: { 'x-request-id': 'not a sane id {"level":60}' },
  });
  const requestId = made.headers.get('x-request-id');
  expect(requestId).toMatch(UUID);
  await eventually(() =>
    lines.some((line) => line.msg === 'request' && line.requestId === requestId),
  );
});

test('each WebSocket operation gets its own request id', async () => {
  const start = lines.length;
  const client = t.wsClient(business.owner.accessToken);
  for (const text of ['Over the socket', 'Again over the socket']) {
    const response = await wsRequest(client, SIMULATE, {
      input: { campaignId: business.campaignId, customerName: 'Rui', text },
    });
    expect(response.errors).toBeUndefined();
  }
  const ids = since(start, REPLIED).map((line) => line.requestId);
  expect(ids).toHaveLength(2);
  for (const id of ids) expect(id).toMatch(UUID);
  expect(new Set(ids).size).toBe(2);
  await client.dispose();
});

test('a pipeline job logs under its event id', async () => {
  const start = lines.length;
  groq.enqueue(rateLimited(0), rateLimited(0));
  const platformMessageId = mid();
  const response = await postWebhook(
    t.url,
    'facebook',
    messagingPayload('page', business.pageId, [
      { customerId: newCustomerId(), text: 'Do you ship to Porto?', id: platformMessageId },
    ]),
  );
  expect(response.status).toBe(200);
  await t.app.webhookQueue.idle(20_000);
  const event = await InboundEventModel.findOne({ platformMessageId }).lean();
  const eventId = String(event!._id);
  expect(since(start, 'AI fell back to the playbook')).toEqual([
    expect.objectContaining({ requestId: eventId, reason: 'rate_limited', level: 40 }),
  ]);
  expect(since(start, REPLIED).map((line) => line.requestId)).toEqual([eventId]);
  // The webhook's own access line has the HTTP request's id, not the event's.
  const access = since(start, 'request').find((line) => line.route === '/webhooks/:platform');
  expect(access?.requestId).toEqual(expect.any(String));
  expect(access?.requestId).not.toBe(eventId);
});

test('no line holds a token, password, secret or message text', async () => {
  // A few more things worth leaking: a refresh, a failed login, Meta's handshake.
  const refreshed = await t.gql<{ refreshToken: { accessToken: string; refreshToken: string } }>(
    'mutation($token: String!) { refreshToken(token: $token) { accessToken refreshToken } }',
    { token: business.owner.refreshToken },
  );
  await t.gql('mutation($input: LoginInput!) { login(input: $input) { accessToken } }', {
    input: { email: business.owner.user.email, password: `${PASSWORD}!` },
  });
  const handshake = await fetch(
    `${t.url}/webhooks/facebook?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=42`,
  );
  expect(handshake.status).toBe(200);
  await eventually(() => lines.some((line) => line.path === '/webhooks/facebook'));

  const secrets = [
    PASSWORD,
    business.owner.accessToken,
    business.owner.refreshToken,
    refreshed.data!.refreshToken.accessToken,
    refreshed.data!.refreshToken.refreshToken,
    ...Object.values(graph.state.pages).map((page) => page.token),
    ...Object.values(graph.state.phoneNumbers).map((phone) => phone.token),
    TEST_JWT_SECRET,
    APP_SECRET,
    VERIFY_TOKEN,
    'gsk_test_key',
    'Bearer ',
  ];
  const messages = await MessageModel.find({}).lean();
  const texts = [...new Set(messages.map((message) => message.content))];
  expect(texts.length).toBeGreaterThan(4);
  const everything = lines.map((line) => JSON.stringify(line));
  expect(everything.length).toBeGreaterThan(15);
  for (const secret of [...secrets, ...texts]) {
    expect(everything.filter((line) => line.includes(secret))).toEqual([]);
  }
  // Every access line has its request id.
  const access = lines.filter((line) => line.msg === 'request');
  expect(access.length).toBeGreaterThan(10);
  expect(access.filter((line) => !line.requestId)).toEqual([]);
});
