import jwt from 'jsonwebtoken';
import WebSocket from 'ws';
import { StatsSubscriptionResolver } from '../../src/modules/analytics/stats.subscription';
import { ChatSubscriptionResolver } from '../../src/modules/chats/chat.subscriptions';
import type { SubscriptionContext } from '../../src/realtime/subscription.types';
import { connectedBusiness, type ConnectedBusiness } from '../support/connectedBusiness';
import { startGraphApiFixture, type GraphApiFixture } from '../support/graphApiFixture';
import {
  signUp,
  startTestApp,
  TEST_JWT_SECRET,
  uniqueEmail,
  wsRequest,
  type AuthResult,
  type TestApp,
} from '../support/testApp';
import {
  closeCodeOf,
  eventually,
  sleep,
  subscribe,
  trackSubscriptions,
} from '../support/wsSubscriber';

const SIMULATE = `mutation($input: SimulateCustomerMessageInput!) {
  simulateCustomerMessage(input: $input) { chat { id } reply { id } }
}`;
const MESSAGE_ADDED = `subscription($chatId: ObjectId!) {
  messageAdded(chatId: $chatId) { id chatId sender content }
}`;
const CHAT_UPDATED = 'subscription { chatUpdated { id userId messageCount } }';
const STATS_UPDATED = 'subscription { statsUpdated { at reason } }';

interface MessageAdded {
  messageAdded: { id: string; chatId: string; sender: string; content: string };
}
interface ChatUpdated {
  chatUpdated: { id: string; userId: string; messageCount: number };
}
interface StatsUpdated {
  statsUpdated: { at: string; reason: string | null };
}

const adminEmail = uniqueEmail('rt-admin');
let fixture: GraphApiFixture;
let t: TestApp;
let a: ConnectedBusiness;
let b: ConnectedBusiness;
let admin: AuthResult;
beforeAll(async () => {
  fixture = await startGraphApiFixture();
  t = await startTestApp({
    env: { GRAPH_API_URL: fixture.url, ADMIN_EMAILS: adminEmail },
    // Chat nests 4 levels at most: a limit of 3 lets a real subscription be too deep.
    configure: (config) => (config.limits.maxQueryDepth = 3),
  });
  [a, b] = [await connectedBusiness(t, fixture), await connectedBusiness(t, fixture)];
  admin = await signUp(t, adminEmail);
});
afterAll(async () => {
  await t.stop();
  await fixture.close();
});

const codeOf = (response: { errors?: { extensions?: { code?: string } }[] }) =>
  response.errors?.[0]?.extensions?.code;

async function say(business: ConnectedBusiness, customerName: string, text: string) {
  const response = await t.gql<{ simulateCustomerMessage: { chat: { id: string } } }>(
    SIMULATE,
    { input: { campaignId: business.campaignId, customerName, text } },
    { token: business.owner.accessToken },
  );
  if (!response.data) throw new Error(JSON.stringify(response.errors));
  return response.data.simulateCustomerMessage.chat.id;
}

const token = (claims: object, expiresAt: number) =>
  jwt.sign({ ...claims, exp: expiresAt }, TEST_JWT_SECRET, { algorithm: 'HS256' });
/** The claims of a real session's access token, to sign variants of it. */
const claimsOf = (session: AuthResult) => {
  const { sub, email, role, sid } = jwt.decode(session.accessToken, { json: true })!;
  return { sub, email, role, sid };
};

test('each subscriber gets only its own chats, messages and stats; admins get everyone’s', async () => {
  const chatA = await say(a, 'Ana', 'Hello!');
  const chatB = await say(b, 'Bea', 'Hello!');
  const tracked = trackSubscriptions(t.app.pubsub);
  const resolvers = [
    jest.spyOn(ChatSubscriptionResolver.prototype, 'messageAdded'),
    jest.spyOn(ChatSubscriptionResolver.prototype, 'chatUpdated'),
    jest.spyOn(StatsSubscriptionResolver.prototype, 'statsUpdated'),
  ];

  const asA = t.wsClient(a.owner.accessToken);
  const aMessages = subscribe<MessageAdded>(asA, MESSAGE_ADDED, { chatId: chatA });
  const aChats = subscribe<ChatUpdated>(asA, CHAT_UPDATED);
  const aStats = subscribe<StatsUpdated>(asA, STATS_UPDATED);
  const asB = t.wsClient(b.owner.accessToken);
  const bMessages = subscribe<MessageAdded>(asB, MESSAGE_ADDED, { chatId: chatB });
  const bChats = subscribe<ChatUpdated>(asB, CHAT_UPDATED);
  const bStats = subscribe<StatsUpdated>(asB, STATS_UPDATED);
  const asAdmin = t.wsClient(admin.accessToken);
  const adminChats = subscribe<ChatUpdated>(asAdmin, CHAT_UPDATED);
  const adminMessages = subscribe<MessageAdded>(asAdmin, MESSAGE_ADDED, { chatId: chatA });

  // Another user's chat does not exist, for subscriptions as for queries.
  const foreign = await wsRequest(asB, MESSAGE_ADDED, { chatId: chatA });
  expect(codeOf(foreign)).toBe('NOT_FOUND');
  await tracked.waitFor(8);
  expect(tracked.topics).toEqual(
    expect.arrayContaining([
      `messageAdded:${chatA}`,
      `chatUpdated:${a.owner.user.id}`,
      'chatUpdated:*',
    ]),
  );

  await say(a, 'Ana', 'Which colours do you have?');
  const customer = await aMessages.waitFor(
    ({ messageAdded }) => messageAdded.content === 'Which colours do you have?',
  );
  expect(customer.messageAdded).toMatchObject({ chatId: chatA, sender: 'CUSTOMER' });
  const reply = await aMessages.waitFor(({ messageAdded }) => messageAdded.sender === 'AI');
  expect(reply.messageAdded.chatId).toBe(chatA);
  const chat = await aChats.waitFor(({ chatUpdated }) => chatUpdated.id === chatA);
  expect(chat.chatUpdated.userId).toBe(a.owner.user.id);
  expect((await aStats.waitFor(() => true)).statsUpdated.at).toEqual(expect.any(String));
  await adminChats.waitFor(({ chatUpdated }) => chatUpdated.id === chatA);
  await adminMessages.waitFor(({ messageAdded }) => messageAdded.sender === 'AI');

  // A's events arrived; anything meant for B would have too by now.
  await sleep(500);
  expect([bMessages, bChats, bStats].map((live) => live.results)).toEqual([[], [], []]);
  expect(aChats.data().every(({ chatUpdated }) => chatUpdated.id === chatA)).toBe(true);
  // The topic is the filter: B's resolvers never even ran for A's events.
  const subscribers = new Set(
    resolvers.flatMap((spy) =>
      spy.mock.calls.map((args) => (args.at(-1) as SubscriptionContext).user?.id),
    ),
  );
  expect(subscribers).toEqual(new Set([a.owner.user.id, admin.user.id]));
  resolvers.forEach((spy) => spy.mockRestore());
});

test('a subscription needs a signed-in user: UNAUTHENTICATED without a token', async () => {
  const client = t.wsClient();
  for (const query of [CHAT_UPDATED, STATS_UPDATED]) {
    expect(codeOf(await wsRequest(client, query))).toBe('UNAUTHENTICATED');
  }
  const chatId = await say(a, 'Noor', 'Hi');
  expect(codeOf(await wsRequest(client, MESSAGE_ADDED, { chatId }))).toBe('UNAUTHENTICATED');
});

test('an unknown chat id answers NOT_FOUND', async () => {
  const response = await wsRequest(t.wsClient(a.owner.accessToken), MESSAGE_ADDED, {
    chatId: '0123456789abcdef01234567',
  });
  expect(codeOf(response)).toBe('NOT_FOUND');
});

test('a bad, tampered or expired token closes the socket with 4401', async () => {
  const valid = a.owner.accessToken;
  const tampered = valid.slice(0, -4) + (valid.endsWith('AAAA') ? 'BBBB' : 'AAAA');
  const expired = token(claimsOf(a.owner), Math.floor(Date.now() / 1000) - 10);
  for (const [bad, reason] of [
    ['not.a.jwt', 'token invalid'],
    [tampered, 'token invalid'],
    [expired, 'token expired'],
  ]) {
    expect(await closeCodeOf(t.wsClient(bad))).toEqual({
      code: 4401,
      reason: `Unauthorized: ${reason}`,
    });
  }
});

test('the server closes a socket with 4401 when its token expires', async () => {
  const expiresAt = Math.floor(Date.now() / 1000) + 2;
  const client = t.wsClient(token(claimsOf(a.owner), expiresAt));
  let connectedAt = 0;
  client.on('connected', () => (connectedAt = Date.now()));
  expect(await closeCodeOf(client)).toEqual({
    code: 4401,
    reason: 'Unauthorized: token expired',
  });
  // It was a working connection until the token ran out, then closed promptly.
  expect(connectedAt).toBeGreaterThan(0);
  expect(Date.now()).toBeGreaterThanOrEqual(expiresAt * 1000);
  expect(Date.now() - expiresAt * 1000).toBeLessThan(1000);
});

test('a subscription deeper than the limit is refused (BAD_USER_INPUT)', async () => {
  const response = await wsRequest(
    t.wsClient(a.owner.accessToken),
    'subscription { chatUpdated { aiContext { qualificationAnswers { question } } } }',
  );
  expect(codeOf(response)).toBe('BAD_USER_INPUT');
  expect(response.errors?.[0]?.message).toMatch(/more than 3 levels deep/);
});

test('an anonymous subscribe on the raw protocol is answered at once with UNAUTHENTICATED', async () => {
  const socket = new WebSocket(`${t.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
  const messages: { id?: string; type: string; payload?: unknown }[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(String(data)) as never));
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ type: 'connection_init' }));
  await eventually(() => messages.some((message) => message.type === 'connection_ack'));
  const started = performance.now();
  socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: STATS_UPDATED } }));
  await eventually(() => messages.some((message) => message.id === '1'), 2000, 'an answer');
  const answer = messages.find((message) => message.id === '1')!;
  expect(answer.type).toBe('next');
  expect(JSON.stringify(answer.payload)).toContain('"code":"UNAUTHENTICATED"');
  expect(performance.now() - started).toBeLessThan(2000);
  socket.close();
});

test('a subscription sent over HTTP is refused with a code, never run without an event', async () => {
  for (const token of [undefined, a.owner.accessToken]) {
    const response = await t.gql(STATS_UPDATED, {}, { token });
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'SUBSCRIPTION_OVER_HTTP',
    });
  }
});
