import { AdStatsModel } from '../../src/modules/analytics/adStats.model';
import { AnalyticsModel } from '../../src/modules/analytics/analytics.model';
import { ChatModel } from '../../src/modules/chats/chat.model';
import { MessageModel } from '../../src/modules/chats/message.model';
import { newCustomerId } from '../support/businessApp';
import { connectedBusiness, type ConnectedBusiness } from '../support/connectedBusiness';
import { startGraphApiFixture, type GraphApiFixture } from '../support/graphApiFixture';
import {
  APP_SECRET,
  VERIFY_TOKEN,
  mid,
  postWebhook,
  whatsappChange,
} from '../support/metaPayloads';
import { startTestApp, type TestApp } from '../support/testApp';

/*
 * Per kind of message or thread event: what is stored, whether the AI answers, and what
 * the inbox query returns. Payload shapes as in test/unit/messageKinds.spec.ts.
 */

const APP_ID = '1517776481860111';
const PAGE_INBOX_APP = '263902037430900';

let fixture: GraphApiFixture;
let t: TestApp;
let business: ConnectedBusiness;

beforeAll(async () => {
  fixture = await startGraphApiFixture();
  t = await startTestApp({
    env: {
      GRAPH_API_URL: fixture.url,
      META_APP_ID: APP_ID,
      META_APP_SECRET: APP_SECRET,
      WEBHOOK_VERIFY_TOKEN: VERIFY_TOKEN,
    },
    configure: (config) => {
      config.pipeline.queue.pollMs = 50;
    },
  });
  business = await connectedBusiness(t, fixture);
});
afterAll(async () => {
  await t.stop();
  await fixture.close();
});

const settle = () => t.app.webhookQueue.idle(15_000);
const seconds = () => String(Math.floor(Date.now() / 1000));

async function messenger(...events: object[]) {
  const response = await postWebhook(t.url, 'facebook', {
    object: 'page',
    entry: [{ id: business.pageId, time: Date.now(), messaging: events }],
  });
  expect(response.status).toBe(200);
  await settle();
}
const fromCustomer = (customerId: string, event: object) => ({
  sender: { id: customerId },
  recipient: { id: business.pageId },
  timestamp: Date.now(),
  ...event,
});

async function whatsapp(messages: object[], contacts: object[] = []) {
  const response = await postWebhook(
    t.url,
    'whatsapp',
    whatsappChange(business.phoneNumberId, { contacts, messages }),
  );
  expect(response.status).toBe(200);
  await settle();
}

async function chatOf(customerId: string) {
  const chat = await ChatModel.findOne({ customerId }).lean();
  const messages = chat
    ? await MessageModel.find({ chatId: chat._id }).sort({ createdAt: 1, _id: 1 }).lean()
    : [];
  return { chat, messages };
}

const INBOX = `query($chatId: ObjectId!) { messages(chatId: $chatId) { items {
  sender content kind deletedAt reaction { emoji } edits { previousContent }
  parts { type name address latitude items { productId quantity unitPrice currency } }
} } }`;

async function inbox(chatId: unknown) {
  const result = await t.gql<{ messages: { items: Record<string, unknown>[] } }>(
    INBOX,
    { chatId: String(chatId) },
    { token: business.owner.accessToken },
  );
  expect(result.errors).toBeUndefined();
  return result.data!.messages.items;
}

test('a WhatsApp order is the sale: its items priced by the server, confirmed, counted', async () => {
  const customer = `1555${Date.now() % 10_000_000}`;
  await whatsapp([
    {
      from: customer,
      id: mid('wamid.'),
      timestamp: seconds(),
      type: 'order',
      order: {
        catalog_id: 'cat1',
        product_items: [
          { product_retailer_id: 'tote-01', quantity: 2, item_price: 189, currency: 'EUR' },
          { product_retailer_id: 'wallet-02', quantity: 1, item_price: 49.5, currency: 'EUR' },
        ],
      },
    },
  ]);
  const { chat, messages } = await chatOf(customer);
  expect(chat?.conversion).toMatchObject({ converted: true, orderValue: 427.5, currency: 'EUR' });
  expect(chat?.status).toBe('converted');
  expect(messages.map((m) => m.sender)).toEqual(['customer', 'ai']);
  expect(messages[1]!.content).toContain('2 x tote-01 at €189.00; 1 x wallet-02 at €49.50');
  expect(messages[1]!.content).toContain('Total: €427.50');
  // Nothing of the campaign's own product or price.
  expect(messages[1]!.content).not.toMatch(/Porto Tote|120/);
  const revenue = await AnalyticsModel.find({ userId: chat!.userId }).lean();
  expect(revenue.reduce((sum, day) => sum + (day.metrics.revenue ?? 0), 0)).toBeCloseTo(427.5);
  const items = await inbox(chat!._id);
  expect(items[0]).toMatchObject({
    kind: 'ORDER',
    parts: [{ type: 'order', items: [{ productId: 'tote-01', quantity: 2, unitPrice: 189 }, {}] }],
  });
});

test('stickers and unsupported content get no reply; a photo without words a short one and a flag', async () => {
  const customer = newCustomerId();
  await messenger(
    fromCustomer(customer, {
      message: {
        mid: mid(),
        attachments: [
          { type: 'image', payload: { url: 'https://cdn/s.png', sticker_id: 369239263222822 } },
        ],
      },
    }),
  );
  let { messages } = await chatOf(customer);
  let chat;
  expect(messages.map((m) => [m.sender, m.kind])).toEqual([['customer', 'sticker']]);
  await messenger(fromCustomer(customer, { message: { mid: mid(), is_unsupported: true } }));
  ({ chat, messages } = await chatOf(customer));
  expect(messages.map((m) => m.sender)).toEqual(['customer', 'customer']);
  expect(chat?.needsAttention).toBe(true);
  await messenger(
    fromCustomer(customer, {
      message: {
        mid: mid(),
        attachments: [{ type: 'image', payload: { url: 'https://cdn/bag.jpg' } }],
      },
    }),
  );
  ({ chat, messages } = await chatOf(customer));
  expect(messages.at(-1)).toMatchObject({ sender: 'ai' });
  expect(messages.at(-1)!.content).toMatch(/Thanks for sending that/);
  expect(chat?.attentionReason).toBe('The customer sent a photo.');
});

test('a voice note without transcription is left for the owner, not guessed at', async () => {
  const customer = `1556${Date.now() % 10_000_000}`;
  await whatsapp([
    {
      from: customer,
      id: mid('wamid.'),
      timestamp: seconds(),
      type: 'audio',
      audio: { id: '3003', mime_type: 'audio/ogg; codecs=opus', voice: true },
    },
  ]);
  const { chat, messages } = await chatOf(customer);
  expect(messages.map((m) => m.sender)).toEqual(['customer']);
  expect(chat).toMatchObject({
    needsAttention: true,
    attentionReason: expect.stringMatching(/voice/),
  });
});

test('reactions, edits and unsends change the message they name, and are never answered', async () => {
  const customer = newCustomerId();
  const first = mid();
  await messenger(fromCustomer(customer, { message: { mid: first, text: 'Size 42 please' } }));
  let { messages } = await chatOf(customer);
  let chat;
  const reply = messages[1]!;
  expect(reply.platformMessageId).not.toMatch(/^local:/);
  await messenger(
    fromCustomer(customer, {
      reaction: { mid: reply.platformMessageId, action: 'react', emoji: '❤️' },
    }),
    fromCustomer(customer, { message_edit: { mid: first, text: 'Size 43 please', num_edit: 1 } }),
  );
  ({ chat, messages } = await chatOf(customer));
  expect(messages).toHaveLength(2);
  expect(messages[1]!.reaction?.emoji).toBe('❤️');
  expect(messages[0]).toMatchObject({
    content: 'Size 43 please',
    edits: [{ previousContent: 'Size 42 please' }],
  });
  expect(chat!.recent[0]!.content).toBe('Size 43 please');
  await messenger(fromCustomer(customer, { message: { mid: first, is_deleted: true } }));
  ({ chat, messages } = await chatOf(customer));
  expect(messages).toHaveLength(2);
  expect(messages[0]!.deletedAt).toBeInstanceOf(Date);
  // Out of the AI's context.
  expect(chat!.recent.map((entry) => String(entry.messageId))).not.toContain(
    String(messages[0]!._id),
  );
  const items = await inbox(chat!._id);
  expect(items[0]).toMatchObject({
    deletedAt: expect.any(String),
    edits: [{ previousContent: 'Size 42 please' }],
  });
  expect(items[1]).toMatchObject({ reaction: { emoji: '❤️' } });
});

test('a person replying from the Page inbox takes the chat; our own echoes are ignored', async () => {
  const customer = newCustomerId();
  await messenger(fromCustomer(customer, { message: { mid: mid(), text: 'Hello' } }));
  const echo = (appId: string, text: string) => ({
    sender: { id: business.pageId },
    recipient: { id: customer },
    timestamp: Date.now(),
    message: { mid: mid(), is_echo: true, app_id: Number(appId), text },
  });
  await messenger(echo(APP_ID, 'Our own reply, echoed'));
  let { chat, messages } = await chatOf(customer);
  expect(messages).toHaveLength(2);
  expect(chat?.mode).toBe('ai');
  await messenger(echo(PAGE_INBOX_APP, 'Hi, this is Marta from the shop'));
  ({ chat, messages } = await chatOf(customer));
  expect(messages.at(-1)).toMatchObject({ sender: 'business', fromOutside: true });
  expect(chat?.mode).toBe('human');
  await messenger(fromCustomer(customer, { message: { mid: mid(), text: 'Great, thanks Marta' } }));
  ({ messages } = await chatOf(customer));
  expect(messages.at(-1)!.sender).toBe('customer');
});

test('handover: standby messages are kept unanswered; the thread follows its owner', async () => {
  const customer = newCustomerId();
  const response = await postWebhook(t.url, 'facebook', {
    object: 'page',
    entry: [
      {
        id: business.pageId,
        time: Date.now(),
        standby: [fromCustomer(customer, { message: { mid: mid(), text: 'Is anyone there?' } })],
      },
    ],
  });
  expect(response.status).toBe(200);
  await settle();
  let { messages } = await chatOf(customer);
  let chat;
  expect(messages.map((m) => m.sender)).toEqual(['customer']);
  await messenger(
    fromCustomer(customer, { take_thread_control: { previous_owner_app_id: APP_ID } }),
  );
  ({ chat } = await chatOf(customer));
  expect(chat?.mode).toBe('human');
  await messenger(fromCustomer(customer, { pass_thread_control: { new_owner_app_id: APP_ID } }));
  ({ chat } = await chatOf(customer));
  expect(chat?.mode).toBe('ai');
  await messenger(fromCustomer(customer, { message: { mid: mid(), text: 'Hello?' } }));
  ({ messages } = await chatOf(customer));
  expect(messages.at(-1)!.sender).toBe('ai');
});

test('a standalone referral attributes an existing chat to its ad', async () => {
  const customer = newCustomerId();
  await messenger(fromCustomer(customer, { message: { mid: mid(), text: 'Hi' } }));
  await messenger(
    fromCustomer(customer, {
      referral: { ref: 'winter', source: 'ADS', type: 'OPEN_THREAD', ad_id: '777' },
    }),
  );
  const { chat, messages } = await chatOf(customer);
  expect(chat?.referral).toMatchObject({ adId: '777', ref: 'winter' });
  expect(messages).toHaveLength(2);
});

test('WhatsApp: a user id beside a known phone keeps the customer’s one chat, replies go to the number', async () => {
  const phone = `1557${Date.now() % 10_000_000}`;
  await whatsapp(
    [{ from: phone, id: mid('wamid.'), timestamp: seconds(), type: 'text', text: { body: 'Hi' } }],
    [{ profile: { name: 'Ana' }, wa_id: phone }],
  );
  const userId = `US.${Date.now()}${Math.floor(Math.random() * 1e6)}`;
  await whatsapp(
    [
      {
        from_user_id: userId,
        from: phone,
        id: mid('wamid.'),
        timestamp: seconds(),
        type: 'text',
        text: { body: 'Still there?' },
      },
    ],
    [{ profile: { name: 'Ana' }, wa_id: phone, user_id: userId }],
  );
  const { chat, messages } = await chatOf(phone);
  expect(messages.filter((m) => m.sender === 'customer')).toHaveLength(2);
  expect(await ChatModel.countDocuments({ customerId: userId })).toBe(0);
  const sends = fixture.sends().filter((send) => JSON.stringify(send.body).includes(phone));
  expect(sends.length).toBe(2);
  expect(chat?.customerPhone).toBe(phone);
});

test('a Click-to-WhatsApp ad keeps its click id, and the order it led to counts for the ad', async () => {
  const customer = `1560${Date.now() % 10_000_000}`;
  const adId = `ad-${Date.now()}`;
  await whatsapp([
    {
      from: customer,
      id: mid('wamid.'),
      timestamp: seconds(),
      type: 'text',
      text: { body: 'Is this still on sale?' },
      referral: {
        source_type: 'ad',
        source_id: adId,
        ctwa_clid:
          'ARAkLkA8rmlFeiCktEJQ-QTwRiyYHAFDLMNDBH0CD3qpjd0HR4irJ6LEkR7JwFF4XvnO2E4Nx0-eM-GABDLOPaOdRMv-_zfUQ2a',
      },
    },
  ]);
  await whatsapp([
    {
      from: customer,
      id: mid('wamid.'),
      timestamp: seconds(),
      type: 'order',
      order: {
        product_items: [
          { product_retailer_id: 'tote-01', quantity: 1, item_price: 189, currency: 'EUR' },
        ],
      },
    },
  ]);
  const { chat } = await chatOf(customer);
  expect(chat?.referral).toMatchObject({ adId, clickId: expect.stringMatching(/^ARAk/) });
  const stats = await AdStatsModel.find({ userId: chat!.userId, adId }).lean();
  expect(stats.reduce((sum, day) => sum + (day.conversions ?? 0), 0)).toBe(1);
  expect(stats.reduce((sum, day) => sum + (day.revenue ?? 0), 0)).toBe(189);
});
