import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { ChatModel } from '../../src/modules/chats/chat.model';
import { MessageModel, Sender } from '../../src/modules/chats/message.model';
import {
  InboundEventModel,
  InboundEventStatus,
} from '../../src/modules/webhookQueue/inboundEvent.model';
import { newCustomerId } from '../support/businessApp';
import { connectedBusiness, type ConnectedBusiness } from '../support/connectedBusiness';
import { startGraphApiFixture, type GraphApiFixture } from '../support/graphApiFixture';
import { delayed, startGroqFixture, type GroqFixture } from '../support/groqFixture';
import { APP_SECRET, messagingPayload } from '../support/metaPayloads';
import {
  deliverWithFailover,
  startServerProcess,
  type ServerProcess,
} from '../support/serverProcess';
import { startTestApp, testDbName, type TestApp } from '../support/testApp';
import { closeCodeOf, eventually, sleep } from '../support/wsSubscriber';

/**
 * A rolling restart, for real: server 1 is `server/src/main.ts` in a child process; it gets
 * SIGTERM in the middle of a burst of webhooks, and server 2 (another process, on the same
 * database) takes over. This jest process only sets the business up and reads the result;
 * its own inbox worker is stopped so that the two servers alone handle the events.
 */
const dbName = testDbName();
let graph: GraphApiFixture;
let groq: GroqFixture;
let setup: TestApp;
let business: ConnectedBusiness;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  graph = await startGraphApiFixture();
  groq = await startGroqFixture();
  setup = await startTestApp({ dbName, env: { GRAPH_API_URL: graph.url } });
  await setup.app.webhookQueue.stop();
  business = await connectedBusiness(setup, graph);
}, 60_000);
afterAll(async () => {
  for (const server of servers) server.kill();
  await setup?.stop();
  await graph?.close();
  await groq?.close();
});

const start = async () => {
  const server = await startServerProcess(dbName, {
    GRAPH_API_URL: graph.url,
    META_APP_SECRET: APP_SECRET,
    GROQ_API_KEY: 'gsk_test_key',
    GROQ_BASE_URL: groq.url,
  });
  servers.push(server);
  return server;
};

test('SIGTERM mid-burst: no event lost, none answered twice, the next server takes over at once', async () => {
  const server1 = await start();
  // A dashboard connected to server 1: told to reconnect when it stops.
  const dashboard = createClient({
    url: `${server1.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { token: business.owner.accessToken },
    retryAttempts: 0,
  });
  const connected = new Promise((resolve) => dashboard.on('connected', resolve));
  const closed = closeCodeOf(dashboard);
  await connected;

  // The first Groq calls hang past the shutdown's inbox drain (10 s): server 1 is
  // mid-reply on those events when it must stop, and hands them back instead.
  groq.enqueue(...Array.from({ length: 4 }, () => delayed(20_000)));
  const customers = Array.from({ length: 50 }, () => newCustomerId());
  // 100 messages: every customer writes twice; each webhook carries one message.
  const bodies = [0, 1].flatMap((round) =>
    customers.map((customerId) =>
      messagingPayload('page', business.pageId, [
        { customerId, text: `Message ${round + 1} from ${customerId}` },
      ]),
    ),
  );

  let server2: Promise<ServerProcess> | undefined;
  const second = () => (server2 ??= start());
  let stopped: Promise<number | null> | undefined;
  let stoppedAt = 0;
  const deliveredTo: ('first' | 'second')[] = [];
  // Five deliveries at a time, as Meta's retries and parallel deliveries would arrive.
  for (let index = 0; index < bodies.length; index += 5) {
    if (index === 20) {
      // Server 1 is mid-reply on the hanging calls when the signal comes.
      await eventually(() => groq.requests.length >= 4, 10_000, 'server 1 asked Groq');
      stoppedAt = Date.now();
      stopped = server1.terminate('SIGTERM');
      void second();
    }
    const batch = bodies.slice(index, index + 5);
    deliveredTo.push(
      ...(await Promise.all(
        batch.map((body) => deliverWithFailover('facebook', body, server1, second)),
      )),
    );
  }
  expect(deliveredTo.slice(0, 20)).toEqual(Array(20).fill('first'));
  expect(deliveredTo).toContain('second'); // server 1 stopped accepting

  // Server 1 drained, handed back what it could not finish, and exited cleanly in time.
  expect(await stopped).toBe(0);
  expect(Date.now() - stoppedAt).toBeLessThan(20_000);
  const logs1 = server1.logs();
  expect(logs1.map((line) => line.msg)).toContain('stopped');
  const handedBack = logs1.find(
    (line) => line.msg === 'inbox events handed back for another server',
  );
  expect(handedBack?.released).toBeGreaterThanOrEqual(1);
  expect(await closed).toMatchObject({ code: 1012 });

  // Server 2 finishes everything well before server 1's leases (60 s) would have run out.
  await eventually(
    async () =>
      (await InboundEventModel.countDocuments({ status: InboundEventStatus.DONE })) ===
      bodies.length,
    60_000,
    'all 100 events done',
  );
  await sleep(500); // a duplicate send, were there one, would arrive now
  const events = await InboundEventModel.find({}).lean();
  expect(events).toHaveLength(bodies.length);
  expect(events.every((event) => event.status === InboundEventStatus.DONE)).toBe(true);

  for (const customerId of customers) {
    const chat = await ChatModel.findOne({ customerId }).lean();
    const messages = await MessageModel.find({ chatId: chat!._id }).sort({ createdAt: 1 }).lean();
    // Two messages and two replies (a customer writing again before the first answer
    // sees both messages first: the order is by time, not necessarily alternating).
    const count = (sender: Sender) => messages.filter((message) => message.sender === sender);
    expect({
      customerId,
      customer: count(Sender.CUSTOMER).length,
      ai: count(Sender.AI).length,
    }).toEqual({
      customerId,
      customer: 2,
      ai: 2,
    });
    // Each reply is the one reserved on its event: written once, sent once.
    const replyIds = events
      .filter((event) => event.chatKey.endsWith(`:${customerId}`))
      .map((event) => String(event.replyId));
    const aiIds = count(Sender.AI).map((message) => String(message._id));
    expect(aiIds.sort()).toEqual(replyIds.sort());
    const sends = graph.sends().filter((send) => JSON.stringify(send.body).includes(customerId));
    expect({ customerId, sends: sends.length }).toEqual({ customerId, sends: 2 });
  }

  expect(await (await second()).terminate('SIGTERM')).toBe(0);
}, 150_000);
