import { ChatModel } from '../../src/modules/chats/chat.model';
import { MessageModel } from '../../src/modules/chats/message.model';
import {
  InboundEventModel,
  InboundEventStatus,
} from '../../src/modules/webhookQueue/inboundEvent.model';
import { handleInboundEvent } from '../../src/pipeline/pipeline';
import { WebhookQueueWorker } from '../../src/pipeline/webhookQueueWorker';
import { newCustomerId, startBusinessApp } from '../support/businessApp';
import type { ConnectedBusiness } from '../support/connectedBusiness';
import type { GraphApiFixture } from '../support/graphApiFixture';
import { delayed, startGroqFixture, type GroqFixture } from '../support/groqFixture';
import { messagingPayload, mid, postWebhook } from '../support/metaPayloads';
import type { TestApp } from '../support/testApp';

/**
 * A slow AI answer outlasting the lease is not taken by a second worker: the holder
 * extends its lease while the work runs, and only the holder marks the event done.
 */
let graph: GraphApiFixture;
let groq: GroqFixture;
let t: TestApp;
let business: ConnectedBusiness;
let stopApp: () => Promise<void>;
let second: WebhookQueueWorker;

const LEASE_MS = 600;

beforeAll(async () => {
  groq = await startGroqFixture();
  ({
    t,
    graph,
    business,
    stop: stopApp,
  } = await startBusinessApp({
    env: { GROQ_API_KEY: 'gsk_test_key', GROQ_BASE_URL: groq.url },
    configure: (config) => {
      config.pipeline.queue.leaseMs = LEASE_MS;
      config.pipeline.aiTimeoutMs = 10_000;
    },
  }));
  // Another server's worker on the same database, polling just as eagerly.
  second = new WebhookQueueWorker(
    handleInboundEvent(t.app.services.pipeline, t.app.services.threadActions),
    t.config.pipeline.queue,
    t.app.logger,
  );
  second.start();
});
afterAll(async () => {
  await second.stop();
  await stopApp();
  await groq.close();
});

test('an AI answer taking four leases is handled once: one AI call, one reply, one send', async () => {
  groq.enqueue(delayed(4 * LEASE_MS));
  const to = newCustomerId();
  const id = mid();
  await postWebhook(
    t.url,
    'facebook',
    messagingPayload('page', business.pageId, [{ customerId: to, text: 'Hello!', id }]),
  );
  second.notify();
  await t.app.webhookQueue.idle(20_000);
  await second.idle(20_000);

  const event = await InboundEventModel.findOne({ platformMessageId: id }).lean();
  expect(event).toMatchObject({ status: InboundEventStatus.DONE, attempts: 1 });
  expect(event!.leaseId).toBeUndefined();
  expect(groq.requests).toHaveLength(1);
  const chat = await ChatModel.findOne({ customerId: to }).lean();
  expect(await MessageModel.countDocuments({ chatId: chat!._id })).toBe(2);
  expect(graph.sends().filter((send) => JSON.stringify(send.body).includes(to))).toHaveLength(1);
});
