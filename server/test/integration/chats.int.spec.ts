import { ChatModel } from '../../src/modules/chats/chat.model';
import { MessageModel } from '../../src/modules/chats/message.model';
import { newCustomerId, startBusinessApp, type BusinessApp } from '../support/businessApp';
import type { ConnectedBusiness } from '../support/connectedBusiness';
import type { GraphApiFixture } from '../support/graphApiFixture';
import { messagingPayload, postWebhook, whatsappPayload } from '../support/metaPayloads';
import { signUp, type AuthResult, type TestApp } from '../support/testApp';

const CHAT = `id customerId customerName status mode needsAttention attentionReason handbackAt platform isTest`;
const CHATS = `query($filter: ChatFilter, $page: Int, $limit: Int) {
  chats(filter: $filter, page: $page, limit: $limit) { total page pages items { ${CHAT} } } }`;
const ONE = `query($id: ObjectId!) { chat(id: $id) { ${CHAT} recent { content sender } } }`;
const MESSAGES = `query($chatId: ObjectId!, $before: DateTimeISO, $limit: Int) {
  messages(chatId: $chatId, before: $before, limit: $limit) { hasMore items { id content sender createdAt } } }`;
const SEND = `mutation($chatId: ObjectId!, $text: String!) {
  sendMessage(chatId: $chatId, text: $text) { id sender content delivery { status reason } } }`;
const MODE = `mutation($chatId: ObjectId!, $mode: ChatMode!) { setChatMode(chatId: $chatId, mode: $mode) { ${CHAT} } }`;
const STATUS = `mutation($chatId: ObjectId!, $status: ChatStatus!) {
  setChatStatus(chatId: $chatId, status: $status) { ${CHAT} conversion { converted } } }`;

interface ChatView {
  id: string;
  customerId: string;
  customerName: string | null;
  status: string;
  mode: string;
  needsAttention: boolean;
  attentionReason: string | null;
  handbackAt: string | null;
  platform: string;
}

let app: BusinessApp;
let graph: GraphApiFixture;
let t: TestApp;
let business: ConnectedBusiness;
let stranger: AuthResult;
let admin: AuthResult;

beforeAll(async () => {
  app = await startBusinessApp({
    env: { ADMIN_EMAILS: 'chats-admin@example.com' },
    configure: (config) => {
      config.handbackMinutes = 0.02; // 1.2 seconds
    },
  });
  ({ t, graph, business } = app);
  stranger = await signUp(t);
  admin = await signUp(t, 'chats-admin@example.com');
});
afterAll(() => app.stop());

const as = (user: AuthResult) => ({ token: user.accessToken });
const customer = newCustomerId;
async function fromCustomer(to: string, text: string, at?: Date, name?: string) {
  await postWebhook(
    t.url,
    'facebook',
    messagingPayload('page', business.pageId, [{ customerId: to, text, at }]),
  );
  await t.app.webhookQueue.idle(15_000);
  const chat = (await ChatModel.findOne({ customerId: to }).lean())!;
  if (name) await ChatModel.updateOne({ _id: chat._id }, { $set: { customerName: name } });
  return String(chat._id);
}
const sendersOf = async (chatId: string) =>
  (await MessageModel.find({ chatId }).sort({ createdAt: 1 }).lean()).map(
    (message) => message.sender,
  );

describe('reading chats', () => {
  test('chats lists the owner’s chats, newest activity first, with filters and search', async () => {
    const older = await fromCustomer(customer(), 'hello', undefined, 'Beatriz Alves');
    const newer = await fromCustomer(customer(), 'hi', undefined, 'Carlos Dias');
    const all = await t.gql<{ chats: { total: number; items: ChatView[] } }>(
      CHATS,
      {},
      as(business.owner),
    );
    const ids = all.data!.chats.items.map((chat) => chat.id);
    expect(ids.indexOf(newer)).toBeLessThan(ids.indexOf(older));

    const searched = await t.gql<{ chats: { items: ChatView[] } }>(
      CHATS,
      { filter: { search: 'beatriz' } },
      as(business.owner),
    );
    expect(searched.data!.chats.items.map((chat) => chat.id)).toEqual([older]);
    const regex = await t.gql<{ chats: { items: ChatView[] } }>(
      CHATS,
      { filter: { search: '.*' } },
      as(business.owner),
    );
    expect(regex.data!.chats.items).toEqual([]);

    const paged = await t.gql<{ chats: { total: number; pages: number; items: ChatView[] } }>(
      CHATS,
      { filter: { platform: 'FACEBOOK' }, page: 1, limit: 1 },
      as(business.owner),
    );
    expect(paged.data!.chats.items).toHaveLength(1);
    expect(paged.data!.chats.pages).toBe(paged.data!.chats.total);
  });

  test('messages pages backwards, oldest first within a page', async () => {
    const to = customer();
    let chatId = '';
    for (const text of ['one', 'two', 'three']) chatId = await fromCustomer(to, text);
    const last = await t.gql<{
      messages: { hasMore: boolean; items: { content: string; createdAt: string }[] };
    }>(MESSAGES, { chatId, limit: 4 }, as(business.owner));
    expect(last.data!.messages.hasMore).toBe(true);
    expect(last.data!.messages.items).toHaveLength(4);
    const before = last.data!.messages.items[0]!.createdAt;
    const first = await t.gql<{ messages: { hasMore: boolean; items: { content: string }[] } }>(
      MESSAGES,
      { chatId, before, limit: 4 },
      as(business.owner),
    );
    expect(first.data!.messages.hasMore).toBe(false);
    expect(first.data!.messages.items.map((message) => message.content)[0]).toBe('one');
  });
});

describe("another user's chat", () => {
  test('answers NOT_FOUND to every read and change, and is left unchanged', async () => {
    const chatId = await fromCustomer(customer(), 'private');
    const attempts: [string, Record<string, unknown>][] = [
      [ONE, { id: chatId }],
      [MESSAGES, { chatId }],
      [SEND, { chatId, text: 'hijack' }],
      [MODE, { chatId, mode: 'HUMAN' }],
      [STATUS, { chatId, status: 'CLOSED' }],
    ];
    for (const [query, variables] of attempts) {
      const response = await t.gql(query, variables, as(stranger));
      expect(response.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    }
    const list = await t.gql<{ chats: { total: number } }>(CHATS, {}, as(stranger));
    expect(list.data!.chats.total).toBe(0);
    const chat = await ChatModel.findById(chatId).lean();
    expect(chat).toMatchObject({ mode: 'ai', status: 'active', messageCount: 2 });
  });

  test('an admin can read and change it, and list by owner', async () => {
    const chatId = await fromCustomer(customer(), 'for the admin');
    expect((await t.gql(ONE, { id: chatId }, as(admin))).errors).toBeUndefined();
    const byOwner = await t.gql<{ chats: { items: ChatView[] } }>(
      CHATS,
      { filter: { userId: business.owner.user.id } },
      as(admin),
    );
    expect(byOwner.data!.chats.items.map((chat) => chat.id)).toContain(chatId);
    const closed = await t.gql<{ setChatStatus: ChatView }>(
      STATUS,
      { chatId, status: 'CLOSED' },
      as(admin),
    );
    expect(closed.data!.setChatStatus.status).toBe('CLOSED');
  });

  test('a non-admin naming another owner is FORBIDDEN', async () => {
    const response = await t.gql(
      CHATS,
      { filter: { userId: business.owner.user.id } },
      as(stranger),
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('human takeover', () => {
  test('a business reply takes the chat; the AI stays silent until the hand-back time', async () => {
    const to = customer();
    const chatId = await fromCustomer(to, 'Hi');
    const sent = await t.gql<{ sendMessage: { sender: string; delivery: { status: string } } }>(
      SEND,
      { chatId, text: 'Hello, this is Ana from the shop.' },
      as(business.owner),
    );
    expect(sent.data!.sendMessage).toMatchObject({
      sender: 'BUSINESS',
      delivery: { status: 'SENT' },
    });
    const body = graph.sends().at(-1)!.body as {
      messaging_type: string;
      message: { text: string };
    };
    expect(body).toMatchObject({
      messaging_type: 'RESPONSE',
      message: { text: 'Hello, this is Ana from the shop.' },
    });
    const chat = (await t.gql<{ chat: ChatView }>(ONE, { id: chatId }, as(business.owner))).data!
      .chat;
    expect(chat.mode).toBe('HUMAN');

    await fromCustomer(to, 'Thanks Ana!');
    expect(await sendersOf(chatId)).toEqual(['customer', 'ai', 'business', 'customer']);

    await new Promise((resolve) => setTimeout(resolve, 1500));
    await fromCustomer(to, 'Are you still there?');
    expect(await sendersOf(chatId)).toEqual([
      'customer',
      'ai',
      'business',
      'customer',
      'customer',
      'ai',
    ]);
    expect((await ChatModel.findById(chatId).lean())?.mode).toBe('ai');
  });

  test('the sweeper hands idle chats back and says so', async () => {
    const chatId = await fromCustomer(customer(), 'Hi');
    await t.gql(MODE, { chatId, mode: 'HUMAN' }, as(business.owner));
    expect(await t.app.services.handback.sweep()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await t.app.services.handback.sweep()).toBeGreaterThanOrEqual(1);
    expect((await ChatModel.findById(chatId).lean())?.mode).toBe('ai');
  });

  test('setChatMode AI hands back at once and clears the attention flag', async () => {
    const to = customer();
    const chatId = await fromCustomer(to, 'I want to talk to a real person please');
    const flagged = (await t.gql<{ chat: ChatView }>(ONE, { id: chatId }, as(business.owner))).data!
      .chat;
    expect(flagged).toMatchObject({ mode: 'HUMAN', needsAttention: true });
    expect(flagged.attentionReason).toMatch(/person/);
    const back = await t.gql<{ setChatMode: ChatView }>(
      MODE,
      { chatId, mode: 'AI' },
      as(business.owner),
    );
    expect(back.data!.setChatMode).toMatchObject({
      mode: 'AI',
      needsAttention: false,
      handbackAt: null,
    });
  });

  test('a customer asking for a person gets no further AI replies', async () => {
    const to = customer();
    const chatId = await fromCustomer(to, 'Can I speak to a human?');
    await fromCustomer(to, 'Hello??');
    expect(await sendersOf(chatId)).toEqual(['customer', 'ai', 'customer']);
  });
});

describe('reply windows for business replies', () => {
  test('Messenger past 24 hours sends with the HUMAN_AGENT tag', async () => {
    const chatId = await fromCustomer(customer(), 'Hello', new Date(Date.now() - 48 * 3600_000));
    const sent = await t.gql<{ sendMessage: { delivery: { status: string } } }>(
      SEND,
      { chatId, text: 'Sorry for the wait!' },
      as(business.owner),
    );
    expect(sent.data!.sendMessage.delivery.status).toBe('SENT');
    expect(graph.sends().at(-1)!.body).toMatchObject({
      messaging_type: 'MESSAGE_TAG',
      tag: 'HUMAN_AGENT',
    });
  });

  test('WhatsApp past 24 hours is refused with the reason and nothing is stored', async () => {
    const to = customer();
    await postWebhook(
      t.url,
      'whatsapp',
      whatsappPayload(business.phoneNumberId, [
        { customerId: to, text: 'hi', at: new Date(Date.now() - 30 * 3600_000) },
      ]),
    );
    await t.app.webhookQueue.idle(15_000);
    const chat = (await ChatModel.findOne({ customerId: to }).lean())!;
    const before = await MessageModel.countDocuments({ chatId: chat._id });
    const response = await t.gql(
      SEND,
      { chatId: String(chat._id), text: 'Hello again' },
      as(business.owner),
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/template/i);
    expect(await MessageModel.countDocuments({ chatId: chat._id })).toBe(before);
  });
});

test('setChatStatus CONVERTED records the sale; bad input is refused', async () => {
  const chatId = await fromCustomer(customer(), 'I paid by bank transfer');
  const converted = await t.gql<{
    setChatStatus: { status: string; conversion: { converted: boolean } };
  }>(STATUS, { chatId, status: 'CONVERTED' }, as(business.owner));
  expect(converted.data!.setChatStatus).toMatchObject({
    status: 'CONVERTED',
    conversion: { converted: true },
  });
  const bad = await t.gql(STATUS, { chatId, status: 'WON' }, as(business.owner));
  expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  const empty = await t.gql(SEND, { chatId, text: '' }, as(business.owner));
  expect(empty.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
});
