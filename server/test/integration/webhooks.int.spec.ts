import { Types } from 'mongoose';
import { AnalyticsModel } from '../../src/modules/analytics/analytics.model';
import { ChatModel } from '../../src/modules/chats/chat.model';
import { MessageModel } from '../../src/modules/chats/message.model';
import { InboundEventModel } from '../../src/modules/webhookQueue/inboundEvent.model';
import { QueueItemModel } from '../../src/modules/webhookQueue/queueItem.model';
import { UnclaimedAccountModel } from '../../src/modules/integrations/unclaimedAccount.model';
import { type Platform } from '../../src/platforms/platform';
import type { Events } from '../../src/realtime/pubsub';
import { newCustomerId } from '../support/businessApp';
import { connectedBusiness, PLAYBOOK, type ConnectedBusiness } from '../support/connectedBusiness';
import { startGraphApiFixture, type GraphApiFixture } from '../support/graphApiFixture';
import {
  APP_SECRET,
  VERIFY_TOKEN,
  messagingPayload,
  mid,
  postWebhook,
  whatsappPayload,
  whatsappStatusPayload,
} from '../support/metaPayloads';
import { queueForVanishedPage } from '../support/vanishedPage';
import { startTestApp, type TestApp } from '../support/testApp';

let fixture: GraphApiFixture;
let t: TestApp;
let business: ConnectedBusiness;
const published: { topic: keyof Events; id: string }[] = [];

beforeAll(async () => {
  fixture = await startGraphApiFixture();
  t = await startTestApp({
    env: {
      GRAPH_API_URL: fixture.url,
      META_APP_SECRET: APP_SECRET,
      WEBHOOK_VERIFY_TOKEN: VERIFY_TOKEN,
    },
    configure: (config) => {
      config.pipeline.queue.pollMs = 50;
      config.pipeline.queue.retryBaseMs = 50;
      config.pipeline.sendRetryBaseMs = 1;
    },
  });
  const publish = t.app.pubsub.publish.bind(t.app.pubsub);
  t.app.pubsub.publish = ((topic: keyof Events, id: string, event: unknown) => {
    published.push({ topic, id });
    return (publish as (...args: unknown[]) => void)(topic, id, event);
  }) as typeof t.app.pubsub.publish;
  business = await connectedBusiness(t, fixture);
});
afterAll(async () => {
  await t.stop();
  await fixture.close();
});

const settle = () => t.app.webhookQueue.idle(15_000);
const customer = newCustomerId;

async function chatOf(customerId: string) {
  const chat = await ChatModel.findOne({ customerId }).lean();
  const messages = chat
    ? await MessageModel.find({ chatId: chat._id }).sort({ createdAt: 1 }).lean()
    : [];
  return { chat, messages };
}

describe.each([
  {
    platform: 'facebook' as const,
    payload: (to: string, text: string, id?: string) =>
      messagingPayload('page', business.pageId, [{ customerId: to, text, id }]),
    sendPath: () => `/v26.0/${business.pageId}/messages`,
    body: (to: string) => ({
      recipient: { id: to },
      messaging_type: 'RESPONSE',
      message: { text: expect.any(String) },
    }),
  },
  {
    platform: 'instagram' as const,
    payload: (to: string, text: string, id?: string) =>
      messagingPayload('instagram', business.igAccountId, [{ customerId: to, text, id }]),
    sendPath: () => `/v26.0/${business.pageId}/messages`,
    body: (to: string) => ({
      recipient: { id: to },
      messaging_type: 'RESPONSE',
      message: { text: expect.any(String) },
    }),
  },
  {
    platform: 'whatsapp' as const,
    payload: (to: string, text: string, id?: string) =>
      whatsappPayload(business.phoneNumberId, [{ customerId: to, text, id, name: 'Maria' }]),
    sendPath: () => `/v26.0/${business.phoneNumberId}/messages`,
    body: (to: string) => ({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to,
      type: 'text',
      text: { body: expect.any(String) },
      // Our id for the reply, echoed in its status webhooks.
      biz_opaque_callback_data: expect.stringMatching(/^[0-9a-f]{24}$/),
    }),
  },
])('$platform', ({ platform, payload, sendPath, body }) => {
  test('a signed message is stored, answered through the Send API, counted and published', async () => {
    const to = customer();
    const sendsBefore = fixture.sends().length;
    const response = await postWebhook(t.url, platform, payload(to, 'Hello, how much is it?'));
    expect(response.status).toBe(200);
    await settle();

    const { chat, messages } = await chatOf(to);
    expect(chat).toMatchObject({ platform, customerId: to, messageCount: 2 });
    expect(String(chat!.campaignId)).toBe(business.campaignId);
    expect(messages.map((message) => message.sender)).toEqual(['customer', 'ai']);
    expect(messages[0]!.content).toBe('Hello, how much is it?');
    expect(messages[1]!.delivery?.status).toBe('sent');
    expect(messages[1]!.content).toContain(PLAYBOOK.greeting);

    const sends = fixture.sends().slice(sendsBefore);
    expect(sends).toHaveLength(1);
    expect(sends[0]!.path).toBe(sendPath());
    expect(sends[0]!.body).toEqual(body(to));
    // The platform's id of our reply is kept, so receipts can find it.
    expect(messages[1]!.platformMessageId).not.toMatch(/^local:/);

    const day = await AnalyticsModel.findOne({
      userId: business.owner.user.id,
      platform: platform as Platform,
    }).lean();
    expect(day?.metrics).toMatchObject({
      messagesReceived: expect.any(Number),
      messagesSent: expect.any(Number),
    });
    expect(day!.metrics.messagesReceived).toBeGreaterThanOrEqual(1);
    expect(day!.metrics.conversationsStarted).toBeGreaterThanOrEqual(1);
    expect(day!.hourlyData).toHaveLength(24);
    expect(day!.hourlyData.reduce((sum, hour) => sum + hour.messages, 0)).toBeGreaterThanOrEqual(1);

    const chatId = String(chat!._id);
    expect(
      published.filter((event) => event.topic === 'messageAdded' && event.id === chatId),
    ).toHaveLength(2);
    expect(published).toContainEqual({ topic: 'chatUpdated', id: business.owner.user.id });
    expect(published).toContainEqual({ topic: 'statsUpdated', id: business.owner.user.id });
  });

  test('the same delivery 3 times in a row and 3 times at once gives one message and one reply', async () => {
    const to = customer();
    const body = payload(to, 'Hi there', mid(platform === 'whatsapp' ? 'wamid.' : 'm_'));
    const sendsBefore = fixture.sends().length;
    for (let i = 0; i < 3; i++) expect((await postWebhook(t.url, platform, body)).status).toBe(200);
    const concurrent = await Promise.all([1, 2, 3].map(() => postWebhook(t.url, platform, body)));
    expect(concurrent.map((response) => response.status)).toEqual([200, 200, 200]);
    await settle();
    const { messages } = await chatOf(to);
    expect(messages.map((message) => message.sender)).toEqual(['customer', 'ai']);
    expect(fixture.sends().length - sendsBefore).toBe(1);
  });

  test('a redelivery after the reply went out is dropped from the work list untouched', async () => {
    const to = customer();
    const id = mid(platform === 'whatsapp' ? 'wamid.' : 'm_');
    const body = payload(to, 'Is it in stock?', id);
    expect((await postWebhook(t.url, platform, body)).status).toBe(200);
    await settle();
    const event = await InboundEventModel.findOne({ platformMessageId: id }).lean();
    expect(event).toMatchObject({ status: 'done', attempts: 1 });
    const sendsBefore = fixture.sends().length;

    expect((await postWebhook(t.url, platform, body)).status).toBe(200);
    await settle();
    expect(fixture.sends().length).toBe(sendsBefore);
    expect(await QueueItemModel.exists({ _id: event!._id })).toBeNull();
    const again = await InboundEventModel.findById(event!._id).lean();
    expect(again).toMatchObject({ status: 'done', attempts: 1, processedAt: event!.processedAt });
    const { messages } = await chatOf(to);
    expect(messages.map((message) => message.sender)).toEqual(['customer', 'ai']);
  });
});

test('a batch of k messages across entries yields k customer messages, each answered in order', async () => {
  const to = customer();
  const base = Date.now() - 60_000;
  // Meta may deliver out of order: the later message comes first in the batch.
  const texts = ['first', 'second', 'third', 'fourth', 'fifth'];
  const entries = texts
    .map((text, index) => ({ customerId: to, text, at: new Date(base + index * 1000) }))
    .reverse();
  const body = messagingPayload('page', business.pageId, entries.slice(0, 3));
  const second = messagingPayload('page', business.pageId, entries.slice(3));
  (body.entry as unknown[]).push(...(second.entry as unknown[]));
  expect((await postWebhook(t.url, 'facebook', body)).status).toBe(200);
  await settle();
  const { messages } = await chatOf(to);
  expect(
    messages.filter((message) => message.sender === 'customer').map((message) => message.content),
  ).toEqual(texts);
  expect(messages.filter((message) => message.sender === 'ai')).toHaveLength(texts.length);
});

test('a bad or missing signature answers 401 and stores nothing', async () => {
  const to = customer();
  const body = messagingPayload('page', business.pageId, [{ customerId: to, text: 'hi' }]);
  const before = await InboundEventModel.countDocuments();
  expect((await postWebhook(t.url, 'facebook', body, 'sha256=' + '0'.repeat(64))).status).toBe(401);
  const unsigned = await fetch(`${t.url}/webhooks/facebook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(unsigned.status).toBe(401);
  expect(await InboundEventModel.countDocuments()).toBe(before);
  expect((await chatOf(to)).chat).toBeNull();
});

test('malformed JSON answers 400, a wrong object 400, an oversized body 413', async () => {
  expect((await postWebhook(t.url, 'facebook', '{"object": "page", ')).status).toBe(400);
  const wrong = await postWebhook(t.url, 'whatsapp', { object: 'page', entry: [] });
  expect(wrong.status).toBe(400);
  const body = (await wrong.json()) as { errors: { extensions: { code: string } }[] };
  expect(body.errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
  const huge = JSON.stringify({ object: 'page', entry: [], pad: 'x'.repeat(1024 * 1024 + 10) });
  expect((await postWebhook(t.url, 'facebook', huge)).status).toBe(413);
});

test('messages for a page nobody connected are counted on one record per page, not stored each', async () => {
  const pageId = '999000999';
  const ids = Array.from({ length: 20 }, () => mid());
  for (const [index, id] of ids.entries()) {
    const body = messagingPayload('page', pageId, [
      { customerId: customer(), text: `hello? ${index}`, id },
    ]);
    expect((await postWebhook(t.url, 'facebook', body)).status).toBe(200);
  }
  await settle();
  expect(await InboundEventModel.countDocuments({ platformMessageId: { $in: ids } })).toBe(0);
  const records = await UnclaimedAccountModel.find({ accountId: pageId }).lean();
  expect(records).toHaveLength(1);
  expect(records[0]).toMatchObject({
    _id: `facebook:${pageId}`,
    platform: 'facebook',
    events: 20,
    lastMessage: expect.objectContaining({ text: 'hello? 19', platformMessageId: ids[19] }),
  });
  expect(records[0]!.firstSeenAt.getTime()).toBeLessThanOrEqual(records[0]!.lastSeenAt.getTime());
});

test('a message whose page was disconnected after it arrived is kept as failed, with the reason', async () => {
  const id = mid();
  // Stored while connected; the integration is gone when the worker reaches it.
  await queueForVanishedPage('999000998', customer(), 'hello?', id);
  t.app.webhookQueue.notify();
  await settle();
  const event = await InboundEventModel.findOne({ platformMessageId: id }).lean();
  expect(event).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/999000998/) });
});

test('the GET handshake echoes the challenge only for the right verify token', async () => {
  const query = (token: string) =>
    `hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1158201444`;
  const ok = await fetch(`${t.url}/webhooks/whatsapp?${query(VERIFY_TOKEN)}`);
  expect(ok.status).toBe(200);
  expect(await ok.text()).toBe('1158201444');
  expect((await fetch(`${t.url}/webhooks/whatsapp?${query('nope')}`)).status).toBe(403);
  expect((await fetch(`${t.url}/webhooks/telegram?${query(VERIFY_TOKEN)}`)).status).toBe(404);
});

test('a WhatsApp read receipt moves our sent message to read', async () => {
  const to = customer();
  await postWebhook(
    t.url,
    'whatsapp',
    whatsappPayload(business.phoneNumberId, [{ customerId: to, text: 'hi' }]),
  );
  await settle();
  const reply = (await chatOf(to)).messages.find((message) => message.sender === 'ai')!;
  const receipt = whatsappStatusPayload(business.phoneNumberId, [
    { id: reply.platformMessageId, status: 'read', recipientId: to },
  ]);
  expect((await postWebhook(t.url, 'whatsapp', receipt)).status).toBe(200);
  const after = await MessageModel.findById(reply._id).lean();
  expect(after?.delivery?.status).toBe('read');
  expect(Types.ObjectId.isValid(String(after?._id))).toBe(true);
});
