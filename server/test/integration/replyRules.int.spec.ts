import { CampaignModel } from '../../src/modules/campaigns/campaign.model';
import { ChatMode, ChatModel } from '../../src/modules/chats/chat.model';
import { MessageModel } from '../../src/modules/chats/message.model';
import { AWAY_MESSAGE } from '../../src/pipeline/reply';
import { newCustomerId, startBusinessApp, type BusinessApp } from '../support/businessApp';
import type { ConnectedBusiness } from '../support/connectedBusiness';
import type { GraphApiFixture } from '../support/graphApiFixture';
import { messagingPayload, postWebhook } from '../support/metaPayloads';
import type { TestApp } from '../support/testApp';

const SETTINGS = `mutation($platform: Platform!, $input: IntegrationSettingsInput!) {
  updateIntegrationSettings(platform: $platform, input: $input) { settings { autoReply } } }`;

let app: BusinessApp;
let t: TestApp;
let graph: GraphApiFixture;
let business: ConnectedBusiness;

beforeAll(async () => {
  app = await startBusinessApp();
  ({ t, graph, business } = app);
});
afterAll(() => app.stop());

const customer = newCustomerId;
const settings = (input: object) =>
  t.gql(SETTINGS, { platform: 'FACEBOOK', input }, { token: business.owner.accessToken });
async function say(to: string, text: string) {
  await postWebhook(
    t.url,
    'facebook',
    messagingPayload('page', business.pageId, [{ customerId: to, text }]),
  );
  await t.app.webhookQueue.idle(15_000);
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
