import { Types } from 'mongoose';
import { PendingCounts } from '../../src/modules/analytics/pendingCounts';
import { ChatModel } from '../../src/modules/chats/chat.model';
import { DeliveryStatus, MessageModel, Sender } from '../../src/modules/chats/message.model';
import { QueueItemModel } from '../../src/modules/webhookQueue/queueItem.model';
import {
  InboundEventModel,
  InboundEventStatus,
} from '../../src/modules/webhookQueue/inboundEvent.model';
import { claim } from '../../src/modules/webhookQueue/queueStore';
import { enqueueMessages, eventIdOf } from '../../src/modules/webhookQueue/webhookQueue';
import { Platform } from '../../src/platforms/platform';
import { newCustomerId } from '../support/businessApp';
import { connectedBusiness, PLAYBOOK, type ConnectedBusiness } from '../support/connectedBusiness';
import { startGraphApiFixture, type GraphApiFixture } from '../support/graphApiFixture';
import {
  answerText,
  delayed,
  rateLimited,
  startGroqFixture,
  type GroqFixture,
} from '../support/groqFixture';
import { APP_SECRET, messagingPayload, mid, postWebhook } from '../support/metaPayloads';
import { startTestApp, testDbName, type TestApp } from '../support/testApp';

let graph: GraphApiFixture;
let groq: GroqFixture;
const dbName = testDbName();

/** An app on this file's database, with Groq answering from the local fixture. */
const start = (aiTimeoutMs = 1500) =>
  startTestApp({
    dbName,
    env: {
      GRAPH_API_URL: graph.url,
      META_APP_SECRET: APP_SECRET,
      GROQ_API_KEY: 'gsk_test_key',
      GROQ_BASE_URL: groq.url,
    },
    configure: (config) => {
      config.pipeline.queue.pollMs = 50;
      config.pipeline.queue.retryBaseMs = 50;
      config.pipeline.queue.leaseMs = 2000;
      config.pipeline.sendRetryBaseMs = 1;
      config.pipeline.aiTimeoutMs = aiTimeoutMs;
    },
  });

let t: TestApp;
let business: ConnectedBusiness;

beforeAll(async () => {
  graph = await startGraphApiFixture();
  groq = await startGroqFixture();
  t = await start();
  business = await connectedBusiness(t, graph);
});
afterAll(async () => {
  await t.stop();
  await graph.close();
  await groq.close();
});

const customer = newCustomerId;
const messagesOf = async (customerId: string) => {
  const chat = await ChatModel.findOne({ customerId }).lean();
  return chat ? MessageModel.find({ chatId: chat._id }).sort({ createdAt: 1 }).lean() : [];
};
const sendsTo = (customerId: string) =>
  graph.sends().filter((send) => JSON.stringify(send.body).includes(customerId));

describe('Groq failures fall back to the playbook', () => {
  test.each([
    ['a 429 (after the SDK retry)', () => groq.enqueue(rateLimited(0), rateLimited(0))],
    ['a timeout', () => groq.enqueue(delayed(5000), delayed(5000))],
    [
      'malformed JSON twice',
      () => groq.enqueue(answerText('not json'), answerText('still {not json')),
    ],
  ])('%s', async (_label, arrange) => {
    arrange();
    const to = customer();
    await postWebhook(
      t.url,
      'facebook',
      messagingPayload('page', business.pageId, [{ customerId: to, text: 'Hello!' }]),
    );
    await t.app.webhookQueue.idle(20_000);
    const messages = await messagesOf(to);
    expect(messages.map((message) => message.sender)).toEqual(['customer', 'ai']);
    // The playbook's greeting, not Groq's canned answer.
    expect(messages[1]!.content).toContain(PLAYBOOK.greeting);
    expect(messages[1]!.delivery?.status).toBe(DeliveryStatus.SENT);
  });

  test('a working Groq answers, and sees the playbook and the transcript in its prompt', async () => {
    const before = groq.requests.length;
    const to = customer();
    await postWebhook(
      t.url,
      'facebook',
      messagingPayload('page', business.pageId, [{ customerId: to, text: 'Is it leather?' }]),
    );
    await t.app.webhookQueue.idle(20_000);
    const messages = await messagesOf(to);
    expect(messages[1]!.content).toBe(
      "You're chatting with Porto Leather's assistant. Thanks for your message! How can I help you today?",
    );
    const prompt = JSON.stringify(groq.requests.slice(before).at(-1)?.body);
    expect(prompt).toContain('Is it leather?');
    expect(prompt).toContain(PLAYBOOK.qualificationQuestions[0]!);
  });
});

test('the webhook answers at once while the AI takes 10 seconds', async () => {
  await t.stop({ dropDatabase: false });
  t = await start(15_000);
  groq.enqueue(delayed(10_000));
  const to = customer();
  const started = performance.now();
  const response = await postWebhook(
    t.url,
    'facebook',
    messagingPayload('page', business.pageId, [{ customerId: to, text: 'Hello?' }]),
  );
  const ackMs = performance.now() - started;
  expect(response.status).toBe(200);
  expect(ackMs).toBeLessThan(1000);
  await new Promise((resolve) => setTimeout(resolve, 300));
  const event = await InboundEventModel.findOne({
    chatKey: `facebook:${business.pageId}:${to}`,
  }).lean();
  // In hand: its work item says so (the event records its outcome when it is done).
  const item = await QueueItemModel.findById(event!._id).lean();
  expect(item?.status).toBe(InboundEventStatus.PROCESSING);
  expect(item?.leaseUntil!.getTime()).toBeGreaterThan(Date.now());
  await t.app.webhookQueue.idle(20_000);
  expect((await messagesOf(to)).map((message) => message.sender)).toEqual(['customer', 'ai']);
  await t.stop({ dropDatabase: false });
  t = await start();
}, 40_000);

describe('a worker killed mid-event', () => {
  /** Leaves an event as a crashed worker would: claimed, its lease run out. */
  async function crashedEvent(text: string, stage: 'claimed' | 'stored' | 'counted' | 'replied') {
    const to = customer();
    const inbound = {
      platform: Platform.FACEBOOK,
      recipientId: business.pageId,
      customerId: to,
      text,
      attachments: [],
      platformMessageId: mid(),
      timestamp: new Date(),
    };
    await t.app.webhookQueue.stop();
    await enqueueMessages([inbound]);
    // Claimed as the worker claims (which writes the inbox event), before it died.
    const event = (await claim(eventIdOf(inbound), 60_000))!;
    if (stage !== 'claimed') {
      // Got as far as storing the customer message and counting it (and maybe writing the reply).
      const counted = new PendingCounts();
      await t.app.services.ingest.ingest(inbound, undefined, counted);
      await counted.write();
      if (stage === 'counted') {
        // The chat took the AI's result and reply; the reply message was not stored yet.
        const chat = (await ChatModel.findOne({ customerId: to }).lean())!;
        const entry = {
          messageId: event.replyId,
          sender: Sender.AI,
          content: 'The reply counted before the crash.',
          messageType: 'text',
          createdAt: new Date(),
        };
        await ChatModel.updateOne(
          { _id: chat._id },
          { $set: { recent: [...chat.recent, entry], leadScore: 42 }, $inc: { messageCount: 1 } },
        );
      }
      if (stage === 'replied') {
        const chat = (await ChatModel.findOne({ customerId: to }).lean())!;
        await MessageModel.create({
          _id: event.replyId,
          chatId: chat._id,
          userId: chat.userId,
          platform: Platform.FACEBOOK,
          sender: Sender.AI,
          content: 'The reply written before the crash.',
          delivery: { status: DeliveryStatus.PENDING, updatedAt: new Date() },
        });
      }
    }
    // Then its lease ran out.
    await QueueItemModel.updateOne(
      { _id: event._id },
      { $set: { leaseUntil: new Date(Date.now() - 1000) } },
    );
    return to;
  }

  test.each(['claimed', 'stored', 'counted', 'replied'] as const)(
    'after it had %s, a restart processes the event exactly once',
    async (stage) => {
      const to = await crashedEvent(`crash at ${stage}`, stage);
      await t.stop({ dropDatabase: false });
      t = await start();
      await t.app.webhookQueue.idle(20_000);
      const messages = await messagesOf(to);
      expect(messages.map((message) => message.sender)).toEqual(['customer', 'ai']);
      expect(messages[1]!.delivery?.status).toBe(DeliveryStatus.SENT);
      if (stage === 'replied')
        expect(messages[1]!.content).toBe('The reply written before the crash.');
      if (stage === 'counted') {
        // Stored from the chat's window: the responder was not asked again.
        expect(messages[1]!.content).toBe('The reply counted before the crash.');
        expect((await ChatModel.findOne({ customerId: to }).lean())?.leadScore).toBe(42);
      }
      expect(sendsTo(to)).toHaveLength(1);
      const chat = await ChatModel.findOne({ customerId: to }).lean();
      expect(chat?.messageCount).toBe(2);
      const event = await InboundEventModel.findOne({
        chatKey: `facebook:${business.pageId}:${to}`,
      }).lean();
      expect(event).toMatchObject({ status: InboundEventStatus.DONE, attempts: 2 });
    },
  );

  test('events stored while no worker runs are all handled after a restart', async () => {
    await t.app.webhookQueue.stop();
    const customers = [customer(), customer(), customer()];
    for (const to of customers) {
      const response = await postWebhook(
        t.url,
        'facebook',
        messagingPayload('page', business.pageId, [{ customerId: to, text: 'Anyone there?' }]),
      );
      expect(response.status).toBe(200);
    }
    await t.stop({ dropDatabase: false });
    t = await start();
    await t.app.webhookQueue.idle(20_000);
    for (const to of customers) {
      expect((await messagesOf(to)).map((message) => message.sender)).toEqual(['customer', 'ai']);
    }
  });
});

test('past the 24-hour window no automated reply is sent, and the message says why', async () => {
  const to = customer();
  const dayAndAnHourAgo = new Date(Date.now() - 25 * 60 * 60 * 1000);
  await postWebhook(
    t.url,
    'facebook',
    messagingPayload('page', business.pageId, [
      { customerId: to, text: 'Are you open?', at: dayAndAnHourAgo },
    ]),
  );
  await t.app.webhookQueue.idle(20_000);
  const messages = await messagesOf(to);
  expect(messages[1]?.delivery).toMatchObject({
    status: DeliveryStatus.NOT_SENT,
    reason: expect.stringMatching(/24 hours/),
  });
  expect(sendsTo(to)).toHaveLength(0);
  expect(Types.ObjectId.isValid(String(messages[1]!._id))).toBe(true);
});

test('a Send API failure is kept on the message and in the integration log', async () => {
  // A 500 may hide a delivered message: shown as not confirmed, never sent again by itself.
  graph.failNextSends(3, 'server-error');
  const to = customer();
  await postWebhook(
    t.url,
    'facebook',
    messagingPayload('page', business.pageId, [{ customerId: to, text: 'Hi' }]),
  );
  await t.app.webhookQueue.idle(20_000);
  const messages = await messagesOf(to);
  expect(messages[1]?.delivery?.status).toBe(DeliveryStatus.UNCONFIRMED);
  expect(sendsTo(to)).toHaveLength(1);
  const integration = await t.app.services.ingest.integrationFor(
    Platform.FACEBOOK,
    business.pageId,
  );
  expect(messages[1]?.delivery?.reason).toContain(integration?.errorLog.at(-1)?.error);
});
