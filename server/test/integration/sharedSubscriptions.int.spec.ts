import WebSocket from 'ws';
import { ChatSubscriptionResolver } from '../../src/modules/chats/chat.subscriptions';
import { connectedBusiness, type ConnectedBusiness } from '../support/connectedBusiness';
import { startGraphApiFixture, type GraphApiFixture } from '../support/graphApiFixture';
import {
  signUp,
  startTestApp,
  uniqueEmail,
  type AuthResult,
  type TestApp,
} from '../support/testApp';
import { eventually, sleep } from '../support/wsSubscriber';

/*
 * Subscriptions with the same document, variables and scope share one execution
 * (server/src/graphql/sharedSubscriptions.ts). Seen here on the raw protocol, frame by
 * frame: what is shared, and that a different scope never is.
 */

const SIMULATE = `mutation($input: SimulateCustomerMessageInput!) {
  simulateCustomerMessage(input: $input) { chat { id } }
}`;
const CHAT_UPDATED = 'subscription { chatUpdated { id userId messageCount } }';
const MESSAGE_ADDED = `subscription($chatId: ObjectId!) {
  messageAdded(chatId: $chatId) { id chatId sender content }
}`;

interface Frame {
  id?: string;
  type: string;
  payload?: {
    data?: {
      chatUpdated?: { id: string; userId: string };
      messageAdded?: { chatId: string; content: string };
    } | null;
    errors?: { extensions?: { code?: string } }[];
  };
}

const adminEmail = uniqueEmail('shared-admin');
let fixture: GraphApiFixture;
let t: TestApp;
let a: ConnectedBusiness;
let b: ConnectedBusiness;
let admin: AuthResult;
const sockets: WebSocket[] = [];
beforeAll(async () => {
  fixture = await startGraphApiFixture();
  t = await startTestApp({ env: { GRAPH_API_URL: fixture.url, ADMIN_EMAILS: adminEmail } });
  [a, b] = [await connectedBusiness(t, fixture), await connectedBusiness(t, fixture)];
  admin = await signUp(t, adminEmail);
});
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  await eventually(async () => (await live()) === 0, 10_000, 'every subscription ended');
});
afterAll(async () => {
  await t.stop();
  await fixture.close();
});

async function say(business: ConnectedBusiness, customerName: string, text: string) {
  const response = await t.gql<{ simulateCustomerMessage: { chat: { id: string } } }>(
    SIMULATE,
    { input: { campaignId: business.campaignId, customerName, text } },
    { token: business.owner.accessToken },
  );
  if (!response.data) throw new Error(JSON.stringify(response.errors));
  return response.data.simulateCustomerMessage.chat.id;
}

/** Subscriptions the server has listening (the salesdesk_websocket_subscriptions gauge). */
const live = async () => (await t.app.metrics.websocketSubscriptions.get()).values[0]?.value ?? 0;

/** A socket on the raw protocol, acknowledged, keeping every frame as it arrived. */
async function rawClient(token: string) {
  const socket = new WebSocket(`${t.url.replace('http', 'ws')}/graphql`, 'graphql-transport-ws');
  sockets.push(socket);
  const raw: string[] = [];
  socket.on('message', (data) => raw.push(String(data)));
  await new Promise((resolve) => socket.once('open', resolve));
  socket.send(JSON.stringify({ type: 'connection_init', payload: { token } }));
  await eventually(() => raw.some((frame) => frame === '{"type":"connection_ack"}'));
  const parsed = () => raw.map((frame) => JSON.parse(frame) as Frame);
  return {
    socket,
    raw,
    subscribe: (id: string, query: string, variables?: Record<string, unknown>) =>
      socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query, variables } })),
    complete: (id: string) => socket.send(JSON.stringify({ id, type: 'complete' })),
    /** The frames of one operation id. */
    of: (id: string) => parsed().filter((frame) => frame.id === id),
    /** The raw `next` frames of `id` about chat `chatId`. */
    chatFrames: (id: string, chatId: string) =>
      raw.filter((frame) => {
        const parsedFrame = JSON.parse(frame) as Frame;
        return (
          parsedFrame.id === id &&
          parsedFrame.type === 'next' &&
          parsedFrame.payload?.data?.chatUpdated?.id === chatId
        );
      }),
  };
}

test('subscribers with the same selection but another scope never get each other’s events', async () => {
  const before = await live();
  const asA = await rawClient(a.owner.accessToken);
  const asB = await rawClient(b.owner.accessToken);
  const asAdmin = await rawClient(admin.accessToken);
  // The very same frame (document, id) from each: only the scope differs.
  for (const client of [asA, asB, asAdmin]) client.subscribe('1', CHAT_UPDATED);
  await eventually(async () => (await live()) === before + 3, 10_000, '3 live subscriptions');

  const chatA = await say(a, 'Ana', 'Hello!');
  const chatB = await say(b, 'Bea', 'Hello!');
  const chatIdsOf = (client: Awaited<ReturnType<typeof rawClient>>) =>
    new Set(client.of('1').map((frame) => frame.payload?.data?.chatUpdated?.id));
  await eventually(() => chatIdsOf(asA).has(chatA) && chatIdsOf(asB).has(chatB));
  await eventually(() => chatIdsOf(asAdmin).has(chatA) && chatIdsOf(asAdmin).has(chatB));
  await sleep(300);
  expect(chatIdsOf(asA)).toEqual(new Set([chatA]));
  expect(chatIdsOf(asB)).toEqual(new Set([chatB]));
  for (const [client, owner] of [
    [asA, a],
    [asB, b],
  ] as const) {
    for (const frame of client.of('1')) {
      expect(frame.type).toBe('next');
      expect(frame.payload?.data?.chatUpdated?.userId).toBe(owner.owner.user.id);
    }
  }

  // A listens to its chat's messages; B then asks for exactly the same selection: it is
  // refused as over HTTP, and does not join A's live execution.
  asA.subscribe('2', MESSAGE_ADDED, { chatId: chatA });
  await eventually(async () => (await live()) === before + 4, 10_000, 'A listening to its chat');
  asB.subscribe('2', MESSAGE_ADDED, { chatId: chatA });
  await eventually(() => asB.of('2').some((frame) => frame.type === 'complete'));
  const refused = asB.of('2');
  expect(refused.map((frame) => frame.type)).toEqual(['next', 'complete']);
  expect(refused[0]!.payload?.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  expect(await live()).toBe(before + 4);

  await say(a, 'Ana', 'Which colours do you have?');
  await eventually(() =>
    asA
      .of('2')
      .some((frame) => frame.payload?.data?.messageAdded?.content === 'Which colours do you have?'),
  );
  await sleep(300);
  expect(asB.of('2')).toHaveLength(2);
  expect(asA.of('2').every((frame) => frame.payload?.data?.messageAdded?.chatId === chatA)).toBe(
    true,
  );
});

test('subscribers sharing a selection get the same bytes, each under its own id, resolved once', async () => {
  const resolver = jest.spyOn(ChatSubscriptionResolver.prototype, 'chatUpdated');
  try {
    const before = await live();
    const first = await rawClient(a.owner.accessToken);
    const second = await rawClient(a.owner.accessToken);
    // Two operations on one socket, one on another; an id that needs escaping.
    first.subscribe('one', CHAT_UPDATED);
    first.subscribe('two', CHAT_UPDATED);
    second.subscribe('x"y\\z', CHAT_UPDATED);
    await eventually(async () => (await live()) === before + 3, 10_000, '3 live subscriptions');
    resolver.mockClear();

    const chatId = await say(a, 'Caro', 'Hello!');
    const subscribers = [
      [first, 'one'],
      [first, 'two'],
      [second, 'x"y\\z'],
    ] as const;
    const framesOf = () => subscribers.map(([client, id]) => client.chatFrames(id, chatId));
    await eventually(() => framesOf().every((frames) => frames.length > 0));
    await sleep(300);
    const frames = framesOf();
    const count = frames[0]!.length;
    expect(frames.map((list) => list.length)).toEqual([count, count, count]);
    // Frame for frame: the same payload bytes; the id is each subscriber's own.
    const payloadOf = (frame: string) => frame.slice(frame.indexOf(',"type":"next","payload":'));
    for (let index = 0; index < count; index++) {
      const [one, two, three] = frames.map((list) => list[index]!);
      expect(payloadOf(two!)).toBe(payloadOf(one!));
      expect(payloadOf(three!)).toBe(payloadOf(one!));
      const ids = frames.map((list) => (JSON.parse(list[index]!) as Frame).id);
      expect(ids).toEqual(subscribers.map(([, id]) => id));
    }
    // Each event of the chat was resolved once for the three of them.
    const calls = resolver.mock.calls.filter(
      ([event]) => (event as { chatId: string }).chatId === chatId,
    );
    expect(calls).toHaveLength(count);

    // One leaves: the others keep receiving; the last to leave stops the execution.
    first.complete('one');
    await eventually(async () => (await live()) === before + 2, 10_000, 'one left');
    const later = await say(a, 'Dina', 'Hello!');
    await eventually(
      () =>
        first.chatFrames('two', later).length > 0 && second.chatFrames('x"y\\z', later).length > 0,
    );
    await sleep(300);
    expect(first.chatFrames('one', later)).toEqual([]);
    second.socket.close();
    first.socket.close();
    await eventually(async () => (await live()) === before, 10_000, 'all left');
  } finally {
    resolver.mockRestore();
  }
});
