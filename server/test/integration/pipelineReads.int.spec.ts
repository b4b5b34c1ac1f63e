import mongoose from 'mongoose';
import type { mongo } from 'mongoose';
import { MessageModel } from '../../src/modules/chats/message.model';
import { ChatModel } from '../../src/modules/chats/chat.model';
import { newCustomerId } from '../support/businessApp';
import { connectedBusiness, PLAYBOOK, type ConnectedBusiness } from '../support/connectedBusiness';
import { startGraphApiFixture, type GraphApiFixture } from '../support/graphApiFixture';
import { APP_SECRET, VERIFY_TOKEN, messagingPayload, postWebhook } from '../support/metaPayloads';
import { startTestApp, type TestApp } from '../support/testApp';

/*
 * On the embedded database the pipeline keeps what it reads for every message (the
 * account's integration, the campaign's playbook, the business's profile) in memory:
 * these show that every way the owner changes them applies to the very next message, and
 * that the per-message counters do not empty the cache.
 */

let fixture: GraphApiFixture;
let t: TestApp;
let business: ConnectedBusiness;

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
    },
  });
  business = await connectedBusiness(t, fixture);
});
afterAll(async () => {
  await t.stop();
  await fixture.close();
});

const as = () => ({ token: business.owner.accessToken });

async function say(customerId: string, text: string): Promise<string[]> {
  const response = await postWebhook(
    t.url,
    'facebook',
    messagingPayload('page', business.pageId, [{ customerId, text }]),
  );
  expect(response.status).toBe(200);
  await t.app.webhookQueue.idle(15_000);
  const chat = await ChatModel.findOne({ customerId }).lean();
  const messages = await MessageModel.find({ chatId: chat!._id }).sort({ createdAt: 1 }).lean();
  return messages.filter((m) => m.sender === 'ai').map((m) => m.content);
}

/** The commands the server sends to the database while `run` runs, by collection. */
async function commandsDuring(run: () => Promise<unknown>): Promise<Map<string, number>> {
  const client = mongoose.connection.getClient();
  const seen = new Map<string, number>();
  const listener = (event: mongo.CommandStartedEvent) => {
    const collection = event.command[event.commandName] as unknown;
    const key = `${event.commandName} ${typeof collection === 'string' ? collection : ''}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  };
  client.on('commandStarted', listener);
  try {
    await run();
  } finally {
    client.off('commandStarted', listener);
  }
  return seen;
}

test('a changed greeting is used by the next new chat', async () => {
  expect((await say(newCustomerId(), 'Hello'))[0]).toContain(PLAYBOOK.greeting);
  const greeting = 'Welcome to Porto Leather, where every bag is cut by hand.';
  const updated = await t.gql(
    'mutation($id: ObjectId!, $input: UpdateCampaignInput!) { updateCampaign(id: $id, input: $input) { id } }',
    { id: business.campaignId, input: { chatFlow: { greeting } } },
    as(),
  );
  expect(updated.errors).toBeUndefined();
  expect((await say(newCustomerId(), 'Hello'))[0]).toContain(greeting);
});

test('auto-reply turned off applies to the next message, and on again to the one after', async () => {
  const customerId = newCustomerId();
  expect(await say(customerId, 'Hi there')).toHaveLength(1);
  const settings = (autoReply: boolean) =>
    t.gql(
      'mutation($input: IntegrationSettingsInput!) { updateIntegrationSettings(platform: FACEBOOK, input: $input) { id } }',
      { input: { autoReply } },
      as(),
    );
  expect((await settings(false)).errors).toBeUndefined();
  expect(await say(customerId, 'Anyone there?')).toHaveLength(1);
  expect((await settings(true)).errors).toBeUndefined();
  expect(await say(customerId, 'Hello again?')).toHaveLength(2);
});

test('a disconnected Page gets no replies from its next webhook on', async () => {
  const customerId = newCustomerId();
  expect(await say(customerId, 'Hi')).toHaveLength(1);
  const disconnected = await t.gql(
    'mutation { disconnectIntegration(platform: FACEBOOK) { id } }',
    {},
    as(),
  );
  expect(disconnected.errors).toBeUndefined();
  const sendsBefore = fixture.sends().length;
  await postWebhook(
    t.url,
    'facebook',
    messagingPayload('page', business.pageId, [{ customerId, text: 'Still there?' }]),
  );
  await t.app.webhookQueue.idle(15_000);
  expect(fixture.sends().length).toBe(sendsBefore);
  expect(await MessageModel.countDocuments({ content: 'Still there?' })).toBe(0);
});

test('after the first message, a reply reads no campaign, integration or user from the database', async () => {
  // Runs before the disconnect above would matter: a fresh business of its own.
  const other = await connectedBusiness(t, fixture);
  const customerId = newCustomerId();
  const first = () =>
    postWebhook(
      t.url,
      'facebook',
      messagingPayload('page', other.pageId, [{ customerId, text: 'Hello' }]),
    );
  await first();
  await t.app.webhookQueue.idle(15_000);
  const seen = await commandsDuring(async () => {
    for (const text of ['For work', 'Black please', 'Is it waterproof?']) {
      await postWebhook(
        t.url,
        'facebook',
        messagingPayload('page', other.pageId, [{ customerId, text }]),
      );
      await t.app.webhookQueue.idle(15_000);
    }
  });
  expect(seen.get('update campaigns')).toBeGreaterThanOrEqual(3);
  expect(seen.get('find campaigns') ?? 0).toBe(0);
  expect(seen.get('find integrations') ?? 0).toBe(0);
  expect(seen.get('find users') ?? 0).toBe(0);
});
