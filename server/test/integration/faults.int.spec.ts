import { createServer } from 'node:net';
import { ChatModel } from '../../src/modules/chats/chat.model';
import { DeliveryStatus, MessageModel, Sender } from '../../src/modules/chats/message.model';
import { IntegrationModel } from '../../src/modules/integrations/integration.model';
import {
  InboundEventModel,
  InboundEventStatus,
} from '../../src/modules/webhookQueue/inboundEvent.model';
import { OutboxModel } from '../../src/pipeline/outbox.model';
import { SendAttemptModel } from '../../src/pipeline/sendAttempt.model';
import { newCustomerId } from '../support/businessApp';
import { connectedBusiness, type ConnectedBusiness } from '../support/connectedBusiness';
import { startGraphApiFixture, type GraphApiFixture } from '../support/graphApiFixture';
import {
  APP_SECRET,
  messagingPayload,
  postWebhook,
  whatsappPayload,
} from '../support/metaPayloads';
import { startServerProcess, type ServerProcess } from '../support/serverProcess';
import { startTestApp, testDbName, type TestApp } from '../support/testApp';
import { eventually, sleep } from '../support/wsSubscriber';

/**
 * Faults on real processes: the server is `main` in a child process of its own; this jest
 * process sets the business up (its own inbox stopped) and reads the outcome.
 */
let graph: GraphApiFixture;
const servers: ServerProcess[] = [];

beforeAll(async () => {
  graph = await startGraphApiFixture();
});
afterAll(async () => {
  for (const server of servers) server.kill();
  await graph?.close();
});

const env = () => ({ GRAPH_API_URL: graph.url, META_APP_SECRET: APP_SECRET });

async function track(server: Promise<ServerProcess>): Promise<ServerProcess> {
  servers.push(await server);
  return servers[servers.length - 1]!;
}

/** A business on its own database, set up through a TestApp whose worker is off. */
async function businessOn(
  dbName: string,
): Promise<{ setup: TestApp; business: ConnectedBusiness }> {
  const setup = await startTestApp({ dbName, env: env() });
  await setup.app.webhookQueue.stop();
  return { setup, business: await connectedBusiness(setup, graph) };
}

const sendsTo = (customerId: string) =>
  graph.sends().filter((send) => JSON.stringify(send.body).includes(customerId));

describe('the embedded FerretDB killed while the server runs', () => {
  const signup = (server: ServerProcess, email: string) =>
    fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: 'mutation($input: SignupInput!) { signup(input: $input) { user { id } } }',
        variables: { input: { email, password: 'correct horse battery' } },
      }),
    }).then((response) => response.json() as Promise<{ errors?: unknown }>);

  /** Starts a server on its own embedded FerretDB; resolves with FerretDB's pid and port. */
  async function embeddedServer() {
    const server = await track(startServerProcess('unused', env(), { embedded: true }));
    const up = server.logs().find((line) => line.msg === 'embedded FerretDB is up');
    const port = Number(/:(\d+)\/$/.exec(String(up?.uri))?.[1]);
    return { server, pid: Number(up?.pid), port };
  }

  test('/readyz answers 503 within 2 s, then the server starts FerretDB again and recovers', async () => {
    const { server, pid } = await embeddedServer();
    expect((await signup(server, 'before@example.com')).errors).toBeUndefined();

    process.kill(pid, 'SIGKILL');
    const killedAt = Date.now();
    await eventually(
      async () => (await fetch(`${server.url}/readyz`)).status === 503,
      2000,
      'not ready',
    );
    expect(Date.now() - killedAt).toBeLessThan(2000);

    await eventually(
      async () => (await fetch(`${server.url}/readyz`)).status === 200,
      20_000,
      'ready again',
    );
    await eventually(
      () => server.logs().some((line) => line.msg === 'the embedded FerretDB is back'),
      2000,
      'the restart logged',
    );
    // What was written before the kill is there, and writes work again.
    expect(JSON.stringify((await signup(server, 'before@example.com')).errors)).toMatch(
      /already exists/,
    );
    expect((await signup(server, 'after@example.com')).errors).toBeUndefined();
    expect(await server.terminate('SIGTERM')).toBe(0);
  }, 60_000);

  test('when FerretDB cannot start again, the server exits non-zero instead of hanging', async () => {
    const { server, pid, port } = await embeddedServer();
    process.kill(pid, 'SIGKILL');
    // Something else takes FerretDB's port before the restart: every attempt fails.
    const squatter = createServer();
    await eventually(
      () =>
        new Promise<boolean>((resolve) => {
          squatter.once('error', () => resolve(false));
          squatter.listen(port, '127.0.0.1', () => resolve(true));
        }),
      2000,
      "FerretDB's port",
    );
    try {
      expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
      const code = await Promise.race([server.exited, sleep(20_000).then(() => 'still running')]);
      expect(code).toBe(1);
      expect(server.logs().map((line) => line.msg)).toContain(
        'the embedded FerretDB cannot be started: stopping the server',
      );
    } finally {
      squatter.close();
    }
  }, 60_000);
});

describe('the Graph API down for 30 s, then back', () => {
  let setup: TestApp;
  let business: ConnectedBusiness;
  beforeAll(async () => {
    ({ setup, business } = await businessOn(testDbName()));
  });
  afterAll(() => setup.stop());

  test('replies wait and are sent once when it is back; failures shown; no retry storm', async () => {
    const server = await track(startServerProcess(setup.app.database.connection.name, env()));
    const customers = Array.from({ length: 10 }, () => newCustomerId());
    await graph.goDown();
    const downAt = Date.now();
    try {
      for (const customerId of customers) {
        const body = messagingPayload('page', business.pageId, [{ customerId, text: 'Hello?' }]);
        expect((await postWebhook(server.url, 'facebook', body)).status).toBe(200);
      }
      // While it is down, the owner sees why each reply waits, and the integration says so.
      await eventually(
        async () =>
          (await MessageModel.countDocuments({
            sender: Sender.AI,
            'delivery.status': DeliveryStatus.RETRYING,
          })) === customers.length,
        20_000,
        'every reply retrying',
      );
      const waiting = await MessageModel.findOne({ sender: Sender.AI }).lean();
      expect(waiting?.delivery?.reason).toMatch(/could not be reached .*Trying again at/);
      const integration = await IntegrationModel.findOne({ userId: business.owner.user.id }).lean();
      expect(JSON.stringify(integration?.errorLog)).toMatch(/could not be reached/);
      await sleep(Math.max(0, 30_000 - (Date.now() - downAt)));
    } finally {
      await graph.comeBack();
    }
    await eventually(
      async () =>
        (await MessageModel.countDocuments({
          sender: Sender.AI,
          'delivery.status': DeliveryStatus.SENT,
        })) === customers.length && (await OutboxModel.countDocuments({})) === 0,
      // The backoff's next attempt may fall ~45 s after the outage on a loaded machine.
      90_000,
      'every reply sent and its outbox entry settled',
    );
    await sleep(500);
    for (const customerId of customers) expect(sendsTo(customerId)).toHaveLength(1);
    // Backoff, not a storm: attempts at about 0, 5, 15 and 35 s, each recorded first.
    const attempts = await SendAttemptModel.countDocuments({});
    expect(attempts).toBeLessThanOrEqual(customers.length * 5);
    console.log(
      `Graph API down 30 s: ${customers.length} replies, ${attempts} send attempts, ` +
        `${graph.sends().length} calls answered`,
    );
    expect(await server.terminate('SIGTERM')).toBe(0);
  }, 150_000);
});

describe('kill -9 at random moments of a 200-message burst', () => {
  /** Short leases and a short stale time: a killed server's work is taken over in seconds. */
  const pipeline = {
    queue: { pollMs: 100, leaseMs: 2000, retryBaseMs: 200 },
    delivery: { staleMs: 3000, sweepMs: 200, retryBaseMs: 200 },
  };
  const KILLS = 5;
  /** Seeded, so a failing run can be replayed (FAULT_SEED). */
  let seed = Number(process.env.FAULT_SEED ?? 20_261_201);
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };

  let setup: TestApp;
  let business: ConnectedBusiness;
  const dbName = testDbName();
  beforeAll(async () => {
    ({ setup, business } = await businessOn(dbName));
  });
  afterAll(async () => {
    graph.setSendDelay(0);
    await setup.stop();
  });

  test(`${KILLS} kills: no reply sent twice, every message stored once, every reply sent or shown as not confirmed`, async () => {
    // Each Send API call takes a moment, so a kill can land in the middle of one.
    graph.setSendDelay(30);
    const start = () => track(startServerProcess(dbName, env(), { pipeline }));
    let current = await start();

    const customers = Array.from({ length: 100 }, () => `3519${newCustomerId().slice(-9)}`);
    const bodies = [0, 1].flatMap((round) =>
      customers.map((customerId) =>
        whatsappPayload(business.phoneNumberId, [
          { customerId, text: `Message ${round + 1} from ${customerId}` },
        ]),
      ),
    );
    /** Meta's side: a delivery that is not answered 200 is retried until one is. */
    const deliver = async (body: unknown) => {
      for (;;) {
        const server = current;
        try {
          if ((await postWebhook(server.url, 'whatsapp', body)).status === 200) return;
        } catch {
          // the server died under this delivery
        }
        while (current === server) await sleep(50);
      }
    };
    const deliveries = (async () => {
      // Eight at a time, as Meta's parallel deliveries would arrive.
      for (let index = 0; index < bodies.length; index += 8) {
        await Promise.all(bodies.slice(index, index + 8).map(deliver));
      }
    })();
    const kills: number[] = [];
    for (let kill = 0; kill < KILLS; kill++) {
      const afterMs = 1000 + Math.floor(random() * 5000);
      await sleep(afterMs);
      kills.push(afterMs);
      current.kill();
      current = await start();
    }
    await deliveries;

    try {
      await eventually(
        async () =>
          (await InboundEventModel.countDocuments({ status: InboundEventStatus.DONE })) ===
            bodies.length && (await OutboxModel.countDocuments({})) === 0,
        // Generous: this checks what happens to each message, not how fast a starved
        // machine gets there (a run beside another heavy suite took over two minutes).
        180_000,
        'every event done and every send settled',
      );
    } catch (error) {
      // What is left, and what the servers said about it, for the failure's reader.
      const open = await InboundEventModel.find({ status: { $ne: InboundEventStatus.DONE } })
        .select({ status: 1, attempts: 1, lastError: 1, leaseUntil: 1 })
        .lean();
      const ids = new Set(open.map((event) => String(event._id)));
      const said = servers.flatMap((server) =>
        server.logs().filter((line) => ids.has(String(line.requestId)) || line.level >= 50),
      );
      console.log(JSON.stringify({ open, outbox: await OutboxModel.find({}).lean(), said }));
      throw error;
    }
    await sleep(500); // a duplicate send, were there one, would arrive now

    const replies = await MessageModel.find({ sender: Sender.AI }).lean();
    const inbound = await MessageModel.find({ sender: Sender.CUSTOMER }).lean();
    const replyIds = new Set(replies.map((reply) => String(reply._id)));
    const calls = graph
      .sends()
      .map((send) => (send.body as { biz_opaque_callback_data?: string }).biz_opaque_callback_data)
      .filter((reference): reference is string => replyIds.has(reference ?? ''));
    const callsOf = (id: string) => calls.filter((reference) => reference === id).length;
    const duplicates = replies.filter((reply) => callsOf(String(reply._id)) > 1).length;
    const unconfirmed = replies.filter(
      (reply) => reply.delivery?.status === DeliveryStatus.UNCONFIRMED,
    );
    console.log(
      `kill -9 x${KILLS} (after ${kills.join(', ')} ms): ${bodies.length} messages, ` +
        `${inbound.length} stored, ${replies.length} replies, ${calls.length} sends, ` +
        `${duplicates} duplicates, ${unconfirmed.length} not confirmed`,
    );
    expect(duplicates).toBe(0);
    // Every customer message stored once, in its chat.
    expect(inbound).toHaveLength(bodies.length);
    expect(new Set(inbound.map((message) => message.platformMessageId)).size).toBe(bodies.length);
    for (const customerId of customers) {
      const chat = await ChatModel.findOne({ customerId }).lean();
      expect(inbound.filter((message) => message.chatId.equals(chat!._id))).toHaveLength(2);
    }
    // One reply per message: sent once, or shown as not confirmed (and sent at most once).
    expect(replies).toHaveLength(bodies.length);
    for (const reply of replies) {
      const status = reply.delivery?.status;
      expect([DeliveryStatus.SENT, DeliveryStatus.UNCONFIRMED]).toContain(status);
      if (status === DeliveryStatus.SENT) expect(callsOf(String(reply._id))).toBe(1);
      else expect(callsOf(String(reply._id))).toBeLessThanOrEqual(1);
    }
    expect(await current.terminate('SIGTERM')).toBe(0);
  }, 300_000);
});
