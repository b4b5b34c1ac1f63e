import { Redis } from 'ioredis';
import { connectedBusiness, type ConnectedBusiness } from '../support/connectedBusiness';
import { startGraphApiFixture, type GraphApiFixture } from '../support/graphApiFixture';
import { missingRedisServer, startRedis, type TestRedis } from '../support/redis';
import { whenInstalled } from '../support/systemServices';
import {
  signUp,
  startTestApp,
  testDbName,
  uniqueEmail,
  wsRequest,
  type TestApp,
} from '../support/testApp';
import { closeCodeOf, eventually, sleep, subscribe } from '../support/wsSubscriber';

// Without redis-server every test here is skipped (one loud line says what to install),
// and so are the hooks; in CI (CI=true) they run, and fail.
const test = whenInstalled(missingRedisServer(), globalThis.test);

/**
 * Two app processes behind one address, sharing a database and a Redis. Both apps live
 * in this jest worker and so share mongoose's default connection: only the last app to
 * stop may close it (see afterAll).
 */
const SIMULATE = `mutation($input: SimulateCustomerMessageInput!) {
  simulateCustomerMessage(input: $input) { chat { id } reply { content } }
}`;
const MESSAGE_ADDED = `subscription($chatId: ObjectId!) {
  messageAdded(chatId: $chatId) { id chatId sender content }
}`;
const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { accessToken } }';

interface MessageAdded {
  messageAdded: { id: string; chatId: string; sender: string; content: string };
}

let redis: TestRedis;
let fixture: GraphApiFixture;
let t1: TestApp;
let t2: TestApp;
let owner: ConnectedBusiness;
beforeAll(async () => {
  redis = await startRedis();
  fixture = await startGraphApiFixture();
  const options = {
    dbName: testDbName(),
    env: { REDIS_URL: redis.url, GRAPH_API_URL: fixture.url },
    configure: (config: TestApp['config']) => (config.limits.authFailuresPerEmailAndIp = 3),
  };
  t1 = await startTestApp(options);
  t2 = await startTestApp(options);
  owner = await connectedBusiness(t1, fixture);
}, 60_000);
afterAll(async () => {
  // Neither worker may touch the database once the shared connection closes.
  await Promise.all([t1?.app.webhookQueue.stop(), t2?.app.webhookQueue.stop()]);
  await t1?.stop(); // drops the shared database, then closes the shared connection
  await t2?.stop({ dropDatabase: false });
  await fixture?.close();
  await redis?.close();
});

const codeOf = (response: { errors?: { extensions?: { code?: string } }[] }) =>
  response.errors?.[0]?.extensions?.code;

async function say(t: TestApp, customerName: string, text: string): Promise<string> {
  const response = await t.gql<{ simulateCustomerMessage: { chat: { id: string } } }>(
    SIMULATE,
    { input: { campaignId: owner.campaignId, customerName, text } },
    { token: owner.owner.accessToken },
  );
  if (!response.data) throw new Error(JSON.stringify(response.errors));
  return response.data.simulateCustomerMessage.chat.id;
}

/** How many connections (over all apps) listen on a Redis channel. */
async function listeners(channel: string): Promise<number> {
  const probe = new Redis(redis.url, { retryStrategy: () => null, maxRetriesPerRequest: 0 });
  probe.on('error', () => undefined);
  try {
    const [, count] = (await probe.pubsub('NUMSUB', channel)) as [string, number];
    return Number(count);
  } catch {
    return 0;
  } finally {
    probe.disconnect();
  }
}

const readiness = async (t: TestApp) =>
  (await (await fetch(`${t.url}/readyz`)).json()) as { status: string; realtime: unknown };

test('an event published by app 1 reaches a subscriber connected to app 2, once', async () => {
  const chatId = await say(t1, 'Ana', 'Hello!');
  const live = subscribe<MessageAdded>(t2.wsClient(owner.owner.accessToken), MESSAGE_ADDED, {
    chatId,
  });
  await eventually(async () => (await listeners(`messageAdded:${chatId}`)) === 1);

  await say(t1, 'Ana', 'Do you ship to Lisbon?');
  const question = await live.waitFor(
    ({ messageAdded }) => messageAdded.content === 'Do you ship to Lisbon?',
  );
  expect(question.messageAdded).toMatchObject({ chatId, sender: 'CUSTOMER' });
  await live.waitFor(({ messageAdded }) => messageAdded.sender === 'AI');
  await sleep(300);
  const ids = live.data().map(({ messageAdded }) => messageAdded.id);
  expect(new Set(ids).size).toBe(ids.length);
  live.stop();
});

test('login limits are shared: attempts on app 1 and app 2 add up', async () => {
  const email = uniqueEmail();
  await signUp(t1, email, 'the right password');
  const wrong = { input: { email, password: 'wrong password' } };
  for (const t of [t1, t2, t1]) expect(codeOf(await t.gql(LOGIN, wrong))).toBe('UNAUTHENTICATED');
  // Three attempts is the limit: each app alone has seen at most two.
  const limited = await t2.gql(LOGIN, { input: { email, password: 'the right password' } });
  expect(codeOf(limited)).toBe('RATE_LIMITED');
  // The window's end comes from the key's TTL in Redis: within the 15-minute window.
  const retryAfter = limited.errors?.[0]?.extensions?.retryAfterSeconds as number;
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(15 * 60);
});

test('a session ended on app 1 ends on app 2 at once: its socket there closes, its token stops', async () => {
  const session = await signUp(t2);
  // App 2 has seen the session active (cached), and holds a socket of it.
  expect(
    (await t2.gql('{ me { id } }', {}, { token: session.accessToken })).errors,
  ).toBeUndefined();
  const client = t2.wsClient(session.accessToken);
  const closed = closeCodeOf(client);
  await new Promise<void>((resolve) => client.on('connected', () => resolve()));

  const started = performance.now();
  await t1.gql('mutation { logout }', {}, { token: session.accessToken });
  expect((await closed).code).toBe(4401);
  expect(performance.now() - started).toBeLessThan(1000);
  expect(codeOf(await t2.gql('{ me { id } }', {}, { token: session.accessToken }))).toBe(
    'UNAUTHENTICATED',
  );
});

test('Redis down: both apps degrade but keep working; back: subscriptions resume', async () => {
  const chatId = await say(t1, 'Rui', 'Hello!');
  const client = t2.wsClient(owner.owner.accessToken);
  let connections = 0;
  client.on('connected', () => (connections += 1));
  const live = subscribe<MessageAdded>(client, MESSAGE_ADDED, { chatId });
  await eventually(async () => (await listeners(`messageAdded:${chatId}`)) === 1);

  await redis.stop();
  for (const t of [t1, t2]) {
    const degraded = await eventually(async () => {
      const body = await readiness(t);
      return body.status === 'degraded' && body;
    });
    expect(degraded).toMatchObject({ realtime: { backend: 'redis', healthy: false } });
  }
  // Queries and mutations do not need Redis; logins are not blocked (limits fail open).
  const me = await t2.gql('{ me { email } }', {}, { token: owner.owner.accessToken });
  expect(me.errors).toBeUndefined();
  await say(t1, 'Rui', 'Are you there?');
  const email = uniqueEmail();
  await signUp(t2, email, 'the right password');
  const login = await t1.gql(LOGIN, { input: { email, password: 'the right password' } });
  expect(login.errors).toBeUndefined();

  await redis.start();
  for (const t of [t1, t2]) {
    await eventually(async () => (await readiness(t)).status === 'ready', 15_000, 'ready');
  }
  // ioredis re-subscribes app 2's channels on its own; the client never reconnected.
  await eventually(async () => (await listeners(`messageAdded:${chatId}`)) === 1);
  await say(t1, 'Rui', 'After the outage');
  await live.waitFor(({ messageAdded }) => messageAdded.content === 'After the outage');
  expect(connections).toBe(1);
  expect((await wsRequest(client, '{ me { email } }')).errors).toBeUndefined();
}, 60_000);
