import { CampaignModel } from '../../src/modules/campaigns/campaign.model';
import { ChatMode, ChatModel } from '../../src/modules/chats/chat.model';
import { MessageModel } from '../../src/modules/chats/message.model';
import { AWAY_MESSAGE } from '../../src/messaging/reply.service';
import { connectedBusiness, type ConnectedBusiness } from '../support/connectedBusiness';
import { startGraphApiFixture, type GraphApiFixture } from '../support/graphApiFixture';
import { APP_SECRET, messagingPayload, postWebhook } from '../support/metaPayloads';
import { startTestApp, type TestApp } from '../support/testApp';

const SETTINGS = `mutation($platform: Platform!, $input: IntegrationSettingsInput!) {
  updateIntegrationSettings(platform: $platform, input: $input) { settings { autoReply } } }`;

let graph: GraphApiFixture;
let t: TestApp;
let business: ConnectedBusiness;

beforeAll(async () => {
  graph = await startGraphApiFixture();
  t = await startTestApp({
    env: { GRAPH_API_URL: graph.url, META_APP_SECRET: APP_SECRET },
    configure: (config) => {
      config.pipeline.inbox.pollMs = 50;
    },
  });
  business = await connectedBusiness(t, graph);
});
afterAll(async () => {
  await t.stop();
  await graph.close();
});

const customer = () => `${Date.now()}${Math.floor(Math.random() * 1e6)}`;
const settings = (input: object) =>
  t.gql(SETTINGS, { platform: 'FACEBOOK', input }, { token: business.owner.accessToken });
async function say(to: string, text: string) {
  await postWebhook(
    t.url,
    'facebook',
    messagingPayload('page', business.pageId, [{ customerId: to, text }]),
  );
  await t.app.inbox.idle(15_000);
  const chat = await ChatModel.findOne({ customerId: to }).lean();
  return MessageModel.find({ chatId: chat!._id }).sort({ createdAt: 1 }).lean();
}

test('with auto-reply off the message is stored and not answered', async () => {
  await settings({ autoReply: false });
  try {
    const to = customer();
    const messages = await say(to, 'Hello?');
    expect(messages.map((message) => message.sender)).toEqual(['customer']);
    expect(graph.sends().filter((send) => JSON.stringify(send.body).includes(to))).toHaveLength(0);
  } finally {
    await settings({ autoReply: true });
  }
});

test('outside business hours one away message is sent per day, then silence', async () => {
  // Open only tomorrow: closed at the time of the test, whatever time it is.
  const schedule = [{ day: (new Date().getUTCDay() + 1) % 7, open: '10:00', close: '11:00' }];
  await settings({ businessHours: { enabled: true, timezone: 'UTC', schedule } });
  try {
    const to = customer();
    const first = await say(to, 'Are you there?');
    expect(first.map((message) => [message.sender, message.content])).toEqual([
      ['customer', 'Are you there?'],
      ['ai', AWAY_MESSAGE],
    ]);
    const second = await say(to, 'Hello??');
    expect(second.map((message) => message.sender)).toEqual(['customer', 'ai', 'customer']);
  } finally {
    await settings({ businessHours: { enabled: false } });
  }
});

test('while a person handles the chat the AI stays silent', async () => {
  const to = customer();
  await say(to, 'Hi');
  await ChatModel.updateOne({ customerId: to }, { $set: { mode: ChatMode.HUMAN } });
  const messages = await say(to, 'Are you a bot?');
  expect(messages.map((message) => message.sender)).toEqual(['customer', 'ai', 'customer']);
});

test("a sale through the pipeline moves the campaign's stats", async () => {
  const before = (await CampaignModel.findById(business.campaignId).lean())!.stats;
  const to = customer();
  await say(to, 'Hi');
  await say(to, "I'll take 3");
  const after = (await CampaignModel.findById(business.campaignId).lean())!.stats;
  expect(after.conversions - before.conversions).toBe(1);
  expect(after.revenue - before.revenue).toBe(3 * business.price);
  expect(after.messagesSent - before.messagesSent).toBe(2);
  expect(after.responses - before.responses).toBe(2);
});
