import mongoose, { Types } from 'mongoose';
import { upgradeChatLayout } from '../../src/modules/chats/layoutUpgrade';
import { ChatMode, ChatModel, ChatStatus } from '../../src/modules/chats/chat.model';
import { ChatAliasModel } from '../../src/modules/chats/chatAlias.model';
import { chatIdOf } from '../../src/modules/chats/timeline';
import { HandbackTimerModel } from '../../src/modules/chats/handbackTimer.model';
import { MessageModel, Sender } from '../../src/modules/chats/message.model';
import { MessagePageModel } from '../../src/modules/chats/messagePage.model';
import {
  InboundEventModel,
  InboundEventStatus,
} from '../../src/modules/webhookQueue/inboundEvent.model';
import { QueueItemModel } from '../../src/modules/webhookQueue/queueItem.model';
import { Platform } from '../../src/platforms/platform';
import { newCustomerId, startBusinessApp, type BusinessApp } from '../support/businessApp';
import { messagingPayload, postWebhook } from '../support/metaPayloads';
import { signUp } from '../support/testApp';

// The structures that keep the embedded database's hot paths independent of history:
// derived chat ids, the webhook queue's work list, message pages, the in-memory inbox
// list and the hand-back timers. Each must give the same answers as the plain queries.

const CHATS = `query($filter: ChatFilter, $page: Int, $limit: Int) {
  chats(filter: $filter, page: $page, limit: $limit) { total items { id status customerName } } }`;
const MESSAGES = `query($chatId: ObjectId!, $before: DateTimeISO, $limit: Int) {
  messages(chatId: $chatId, before: $before, limit: $limit) { hasMore items { id content createdAt } } }`;

let app: BusinessApp;
beforeAll(async () => {
  app = await startBusinessApp();
});
afterAll(() => app.stop());

const owner = () => ({ token: app.business.owner.accessToken });
const userId = () => new Types.ObjectId(app.business.owner.user.id);

async function write(customerId: string, text: string, at?: Date) {
  await postWebhook(
    app.t.url,
    'facebook',
    messagingPayload('page', app.business.pageId, [{ customerId, text, at }]),
  );
  await app.t.app.webhookQueue.idle(15_000);
}

/** A chat as made before chat ids were derived from the customer: a random id. */
const chatFromBefore = (customerId: string) =>
  ChatModel.create({
    userId: userId(),
    platform: Platform.FACEBOOK,
    customerId,
    startedAt: new Date(),
    isTest: false,
  });

test('a finished event leaves the work list; its history stays, a retry of it is not queued', async () => {
  const customerId = newCustomerId();
  const body = messagingPayload('page', app.business.pageId, [{ customerId, text: 'Hi' }]);
  await postWebhook(app.t.url, 'facebook', body);
  await app.t.app.webhookQueue.idle(15_000);
  const event = await InboundEventModel.findOne({ chatKey: { $regex: customerId } }).lean();
  expect(event?.status).toBe(InboundEventStatus.DONE);
  expect(await QueueItemModel.findById(event!._id).lean()).toBeNull();
  // Meta delivers it again: stored once, not processed again.
  await postWebhook(app.t.url, 'facebook', body);
  await app.t.app.webhookQueue.idle(15_000);
  expect(await QueueItemModel.findById(event!._id).lean()).toBeNull();
  const chat = await ChatModel.findOne({ customerId }).lean();
  expect(await MessageModel.countDocuments({ chatId: chat!._id })).toBe(2);
});

test('a chat made before derived ids is found by its key once, then through its alias', async () => {
  const customerId = newCustomerId();
  const older = await chatFromBefore(customerId);
  expect(
    older._id.equals(chatIdOf({ userId: userId(), platform: Platform.FACEBOOK, customerId })),
  ).toBe(false);
  await write(customerId, 'Hello again');
  await write(customerId, 'Still there?');
  expect(await ChatModel.countDocuments({ customerId })).toBe(1);
  const alias = await ChatAliasModel.findById(
    chatIdOf({ userId: userId(), platform: Platform.FACEBOOK, customerId }),
  ).lean();
  expect(alias?.chatId.equals(older._id)).toBe(true);
  expect(await MessageModel.countDocuments({ chatId: older._id, sender: Sender.CUSTOMER })).toBe(2);
});

test('messages page through more than a page of the index in order, older chats by query', async () => {
  const customerId = newCustomerId();
  const start = Date.now() - 3_600_000;
  for (let i = 0; i < 60; i++) await write(customerId, `message ${i}`, new Date(start + i * 1000));
  const chat = (await ChatModel.findOne({ customerId }).lean())!;
  expect(chat.pagedMessages).toBe(true);
  expect(await MessagePageModel.countDocuments({ chatId: chat._id })).toBeGreaterThan(1);
  const expected = (
    await MessageModel.find({ chatId: chat._id }).sort({ createdAt: -1, _id: -1 }).lean()
  ).map((message) => String(message._id));
  const seen: string[] = [];
  let before: string | undefined;
  for (;;) {
    const page = (
      await app.t.gql<{
        messages: { hasMore: boolean; items: { id: string; createdAt: string }[] };
      }>(MESSAGES, { chatId: String(chat._id), before, limit: 25 }, owner())
    ).data!.messages;
    seen.unshift(...page.items.map((item) => item.id));
    if (!page.hasMore) break;
    before = page.items[0]!.createdAt;
  }
  expect(seen).toEqual([...expected].reverse());
  // The same chat without pages (as made before them) reads the same through the query.
  await ChatModel.updateOne({ _id: chat._id }, { $unset: { pagedMessages: '' } });
  const plain = (
    await app.t.gql<{ messages: { items: { id: string }[] } }>(
      MESSAGES,
      { chatId: String(chat._id), limit: 25 },
      owner(),
    )
  ).data!.messages.items.map((item) => item.id);
  expect(plain).toEqual(expected.slice(0, 25).reverse());
});

test('the inbox list follows every write, including ones made around the service', async () => {
  const a = newCustomerId();
  const b = newCustomerId();
  await write(a, 'first');
  await write(b, 'second');
  const list = async (filter = {}) =>
    (
      await app.t.gql<{ chats: { total: number; items: { id: string; status: string }[] } }>(
        CHATS,
        { filter, limit: 100 },
        owner(),
      )
    ).data!.chats;
  const chatA = (await ChatModel.findOne({ customerId: a }).lean())!;
  const chatB = (await ChatModel.findOne({ customerId: b }).lean())!;
  const ids = (await list()).items.map((item) => item.id);
  expect(ids.indexOf(String(chatB._id))).toBeLessThan(ids.indexOf(String(chatA._id)));
  // A write straight through the model (a status no service set) shows at once.
  await ChatModel.updateOne({ _id: chatA._id }, { $set: { status: ChatStatus.CONVERTED } });
  const converted = await list({ status: 'CONVERTED' });
  expect(converted.items.map((item) => item.id)).toContain(String(chatA._id));
  expect(converted.total).toBe(
    await ChatModel.countDocuments({ userId: userId(), status: ChatStatus.CONVERTED }),
  );
  // Deleted chats leave it; totals match the collection.
  await ChatModel.deleteOne({ _id: chatB._id });
  const all = await list();
  expect(all.items.map((item) => item.id)).not.toContain(String(chatB._id));
  expect(all.total).toBe(await ChatModel.countDocuments({ userId: userId() }));
  // Another owner's list never shows these.
  const stranger = await signUp(app.t);
  const theirs = await app.t.gql<{ chats: { total: number } }>(
    CHATS,
    {},
    { token: stranger.accessToken },
  );
  expect(theirs.data!.chats.total).toBe(0);
});

test('a chat taken by a person gets a timer, and the sweep hands it back by it', async () => {
  const customerId = newCustomerId();
  await write(customerId, 'I need help');
  const chat = (await ChatModel.findOne({ customerId }).lean())!;
  await app.t.gql(
    `mutation($chatId: ObjectId!) { setChatMode(chatId: $chatId, mode: HUMAN) { id } }`,
    { chatId: String(chat._id) },
    owner(),
  );
  const timer = await HandbackTimerModel.findById(chat._id).lean();
  expect(timer?.at).toBeInstanceOf(Date);
  await HandbackTimerModel.updateOne({ _id: chat._id }, { $set: { at: new Date(0) } });
  await ChatModel.updateOne(
    { _id: chat._id },
    { $set: { handbackAt: new Date(Date.now() - 1000) } },
  );
  expect(await app.t.app.services.handback.sweep()).toBe(1);
  expect((await ChatModel.findById(chat._id).lean())?.mode).toBe(ChatMode.AI);
  expect(await HandbackTimerModel.findById(chat._id).lean()).toBeNull();
});

test('an older database is upgraded once: its chats filed in pages, aliases for their ids', async () => {
  const customerId = newCustomerId();
  const older = await chatFromBefore(customerId);
  const start = Date.now() - 3_600_000;
  await MessageModel.insertMany(
    Array.from({ length: 70 }, (_, i) => ({
      chatId: older._id,
      userId: userId(),
      platform: Platform.FACEBOOK,
      sender: i % 2 ? Sender.AI : Sender.CUSTOMER,
      content: `old ${i}`,
      createdAt: new Date(start + i * 1000),
    })),
  );
  await mongoose.connection.db!.collection('migrations').deleteOne({ _id: 'chatlayout' as never });
  await upgradeChatLayout(app.t.app.logger);
  const chat = (await ChatModel.findById(older._id).lean())!;
  expect(chat).toMatchObject({ pagedMessages: true, messageCount: 70 });
  expect(await MessagePageModel.countDocuments({ chatId: older._id })).toBe(2);
  const alias = await ChatAliasModel.findById(
    chatIdOf({ userId: userId(), platform: Platform.FACEBOOK, customerId }),
  ).lean();
  expect(alias?.chatId.equals(older._id)).toBe(true);
  const newest = (
    await app.t.gql<{ messages: { hasMore: boolean; items: { content: string }[] } }>(
      MESSAGES,
      { chatId: String(older._id), limit: 30 },
      owner(),
    )
  ).data!.messages;
  expect(newest.hasMore).toBe(true);
  expect(newest.items.map((item) => item.content)).toEqual(
    Array.from({ length: 30 }, (_, i) => `old ${40 + i}`),
  );
  // A new message lands in the chat it had, after the old ones.
  await write(customerId, 'back again');
  expect(await ChatModel.countDocuments({ customerId })).toBe(1);
  const latest = (
    await app.t.gql<{ messages: { items: { content: string }[] } }>(
      MESSAGES,
      { chatId: String(older._id), limit: 3 },
      owner(),
    )
  ).data!.messages.items.map((item) => item.content);
  // The old ones, the customer's new message, then the AI's answer to it.
  expect(latest.slice(0, 2)).toEqual(['old 69', 'back again']);
});
