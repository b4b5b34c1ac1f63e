import { ChatModel } from '../../src/modules/chats/chat.model';
import { connectedBusiness, PLAYBOOK, type ConnectedBusiness } from './connectedBusiness';
import type { GraphApiFixture } from './graphApiFixture';
import { messagingPayload, postWebhook, whatsappPayload } from './metaPayloads';
import type { TestApp } from './testApp';

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * Zones without daylight saving, so a fixed offset gives their wall clock. The scenario
 * takes the first whose local time is between 02:30 and 21:00: then "yesterday 23:00"
 * is still inside Meta's 24-hour reply window, "today 00:10 to 01:00" has passed, and
 * around the business's midnight the UTC date is the same on both sides (a UTC-day
 * grouping would merge the two days the test tells apart).
 */
const ZONES: [string, number][] = [
  ['Pacific/Kiritimati', 14 * 60],
  ['Asia/Tokyo', 9 * 60],
  ['Asia/Kolkata', 5.5 * 60],
  ['Pacific/Honolulu', -10 * 60],
  ['America/Sao_Paulo', -3 * 60],
];

export interface BusinessZone {
  name: string;
  offsetMinutes: number;
  /** The instant today's business day began. */
  midnight: Date;
  todayKey: string;
  yesterdayKey: string;
  /** The first of the last 7 business days. */
  weekStartKey: string;
}

export function pickZone(now = Date.now()): BusinessZone {
  for (const [name, offsetMinutes] of ZONES) {
    const local = now + offsetMinutes * MINUTE;
    const minuteOfDay = (local % DAY) / MINUTE;
    if (minuteOfDay < 150 || minuteOfDay >= 21 * 60) continue;
    const localMidnight = local - (local % DAY);
    return {
      name,
      offsetMinutes,
      midnight: new Date(localMidnight - offsetMinutes * MINUTE),
      todayKey: new Date(localMidnight).toISOString().slice(0, 10),
      yesterdayKey: new Date(localMidnight - DAY).toISOString().slice(0, 10),
      weekStartKey: new Date(localMidnight - 6 * DAY).toISOString().slice(0, 10),
    };
  }
  throw new Error('no zone fits the current time (cannot happen: the offsets cover the day)');
}

/** The business's wall-clock hour of an instant. */
export const localHour = (zone: BusinessZone, at: Date): number =>
  new Date(at.getTime() + zone.offsetMinutes * MINUTE).getUTCHours();

export type ChatName = 'f1' | 'i1' | 'w1' | 'f2' | 'i2' | 'w2' | 'f3';

export interface Scenario {
  a: ConnectedBusiness;
  b: ConnectedBusiness;
  campaign1: string;
  campaign2: string;
  zone: BusinessZone;
  chats: Record<ChatName, string>;
  customers: Record<ChatName, string>;
  simulatorChat: string;
  ad: { adId: string; source: string; headline: string };
  /** Prices: campaign 1 sells at 120 (the connected business's), campaign 2 at 80. */
  price2: number;
}

const SETTINGS = `mutation($platform: Platform!, $input: IntegrationSettingsInput!) {
  updateIntegrationSettings(platform: $platform, input: $input) { platform } }`;

/**
 * Business A: campaign 1 (all platforms, 120) and campaign 2 (WhatsApp only, 80), in a
 * zone whose midnight is not UTC's. Yesterday (business day, 23:00-23:30): f1 on Messenger
 * from an ad answers both questions (qualifies); i1 on Instagram writes once while auto-reply
 * is off on Instagram (never answered); w1 on WhatsApp says hi. Today (00:10-01:00): f1
 * buys 2 (240); w1 answers a question (engages); f2 asks for a person (AI hand-off); i2 says
 * hi and the owner takes over with a reply; w2 qualifies and buys 1 (80); f3 says hello once.
 * The owner closes i1. A simulator chat buys 2 (test only). Business B gets one message.
 */
export async function runScenario(t: TestApp, fixture: GraphApiFixture): Promise<Scenario> {
  const zone = pickZone();
  const a = await connectedBusiness(t, fixture);
  const b = await connectedBusiness(t, fixture);
  const as = { token: a.owner.accessToken };
  const price2 = 80;
  const created = await t.gql<{ createCampaign: { id: string } }>(
    'mutation($input: CampaignInput!) { createCampaign(input: $input) { id } }',
    {
      input: {
        name: 'Gift box',
        targetPlatform: 'WHATSAPP',
        product: { name: 'Gift box', price: price2, features: ['wrapped'] },
        chatFlow: PLAYBOOK,
      },
    },
    as,
  );
  const campaign2 = created.data!.createCampaign.id;
  await t.gql(
    'mutation($id: ObjectId!) { setCampaignStatus(id: $id, status: ACTIVE) { id } }',
    { id: campaign2 },
    as,
  );
  const settings = (platform: string, input: object) =>
    t.gql(SETTINGS, { platform, input }, as).then((response) => {
      if (response.errors) throw new Error(JSON.stringify(response.errors));
    });
  for (const platform of ['FACEBOOK', 'INSTAGRAM', 'WHATSAPP']) {
    await settings(platform, { businessHours: { enabled: false, timezone: zone.name } });
  }

  const run = `${Date.now()}${Math.floor(Math.random() * 1e4)}`;
  const customers = Object.fromEntries(
    (['f1', 'i1', 'w1', 'f2', 'i2', 'w2', 'f3'] as const).map((name, index) => [
      name,
      `${run}${index}`,
    ]),
  ) as Record<ChatName, string>;
  const ad = { adId: `AD-${run}`, source: 'ADS', headline: 'Tote sale' };
  const yesterday = (minutes: number) =>
    new Date(zone.midnight.getTime() - (60 - minutes) * MINUTE);
  const today = (minutes: number) => new Date(zone.midnight.getTime() + minutes * MINUTE);

  const say = async (
    name: ChatName,
    text: string,
    at: Date,
    referral?: Record<string, unknown>,
  ) => {
    const customerId = customers[name];
    const message = { customerId, text, at, referral };
    const [platform, body] =
      name[0] === 'f'
        ? (['facebook', messagingPayload('page', a.pageId, [message])] as const)
        : name[0] === 'i'
          ? (['instagram', messagingPayload('instagram', a.igAccountId, [message])] as const)
          : (['whatsapp', whatsappPayload(a.phoneNumberId, [message])] as const);
    const response = await postWebhook(t.url, platform, body);
    if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
    await t.app.webhookQueue.idle(15_000);
  };

  await settings('INSTAGRAM', { autoReply: false });
  const referral = {
    source: ad.source,
    type: 'OPEN_THREAD',
    ad_id: ad.adId,
    ads_context_data: { ad_title: ad.headline },
  };
  await say('f1', 'Hi, I saw your ad', yesterday(0), referral);
  await say('f1', 'For work, to carry my laptop', yesterday(5));
  await say('f1', 'Brown please', yesterday(10));
  await say('i1', 'Hello, how much is it?', yesterday(20));
  await say('w1', 'Hi', yesterday(30));
  await settings('INSTAGRAM', { autoReply: true });

  await say('f1', "OK, I'll take 2", today(10));
  await say('w1', 'For gifts', today(20));
  await say('f2', 'Hi there', today(30));
  await say('f2', 'Can I talk to a person?', today(35));
  await say('i2', 'Hi', today(40));
  await say('w2', 'Hi', today(50));
  await say('w2', 'For a trip', today(51));
  await say('w2', 'Black', today(52));
  await say('w2', "I'll take 1", today(53));
  await say('f3', 'Hello', today(60));

  const chats = {} as Record<ChatName, string>;
  for (const name of Object.keys(customers) as ChatName[]) {
    const chat = await ChatModel.findOne({ customerId: customers[name] }).lean();
    if (!chat) throw new Error(`no chat for ${name}`);
    chats[name] = String(chat._id);
  }
  const owner = async (query: string, variables: Record<string, unknown>) => {
    const response = await t.gql(query, variables, as);
    if (response.errors) throw new Error(JSON.stringify(response.errors));
  };
  await owner(
    'mutation($chatId: ObjectId!, $text: String!) { sendMessage(chatId: $chatId, text: $text) { id } }',
    { chatId: chats.i2, text: 'Hi! Ana here from Porto Leather.' },
  );
  await owner(
    'mutation($chatId: ObjectId!) { setChatStatus(chatId: $chatId, status: CLOSED) { id } }',
    { chatId: chats.i1 },
  );
  const simulate = `mutation($input: SimulateCustomerMessageInput!) {
    simulateCustomerMessage(input: $input) { chat { id } } }`;
  await owner(simulate, {
    input: { campaignId: a.campaignId, customerName: `Sim ${run}`, text: 'Hi' },
  });
  const sim = await t.gql<{ simulateCustomerMessage: { chat: { id: string } } }>(
    simulate,
    { input: { campaignId: a.campaignId, customerName: `Sim ${run}`, text: "I'll take 2" } },
    as,
  );

  await postWebhook(
    t.url,
    'facebook',
    messagingPayload('page', b.pageId, [{ customerId: `${run}b`, text: 'Hello B' }]),
  );
  await t.app.webhookQueue.idle(15_000);

  return {
    a,
    b,
    campaign1: a.campaignId,
    campaign2,
    zone,
    chats,
    customers,
    simulatorChat: sim.data!.simulateCustomerMessage.chat.id,
    ad,
    price2,
  };
}
