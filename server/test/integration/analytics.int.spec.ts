import { DeliveryStatus, MessageModel, Sender } from '../../src/modules/chats/message.model';
import { ANALYTICS, ATTRIBUTION, DASHBOARD, FUNNEL } from '../support/analyticsQueries';
import { localHour, runScenario, type Scenario } from '../support/analyticsScenario';
import { startGraphApiFixture, type GraphApiFixture } from '../support/graphApiFixture';
import { APP_SECRET } from '../support/metaPayloads';
import { startTestApp, type TestApp } from '../support/testApp';

type Row = Record<string, number>;
const LAST_7 = { range: { preset: 'LAST_7_DAYS' } };
/** Floats compared to 9 places, everything else exactly. */
const rounded = (value: unknown): unknown =>
  typeof value === 'number'
    ? Math.round(value * 1e9) / 1e9
    : Array.isArray(value)
      ? value.map(rounded)
      : value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([key, item]) => [key, rounded(item)]))
        : value;
const same = (actual: unknown, expected: unknown) =>
  expect(rounded(actual)).toEqual(rounded(expected));

let fixture: GraphApiFixture;
let t: TestApp;
let s: Scenario;
/** What the AI's replies took: the sum over replies of (reply - the customer message it answers). */
let responseMs = 0;
/** Hours (business clock) of our sent replies, and of the two replies that closed a sale. */
const replyHours: number[] = [];
const saleHours: number[] = [];

beforeAll(async () => {
  fixture = await startGraphApiFixture();
  t = await startTestApp({
    env: { GRAPH_API_URL: fixture.url, META_APP_SECRET: APP_SECRET },
    configure: (config) => {
      config.pipeline.queue.pollMs = 20;
    },
  });
  s = await runScenario(t, fixture);
  for (const name of Object.keys(s.chats) as (keyof Scenario['chats'])[]) {
    const messages = await MessageModel.find({ chatId: s.chats[name] })
      .sort({ createdAt: 1 })
      .lean();
    const asked = messages.filter((message) => message.sender === Sender.CUSTOMER);
    const answers = messages.filter((message) => message.sender === Sender.AI);
    // In this script every customer message the AI saw got exactly one reply, in order.
    if (answers.length > 0) expect(answers).toHaveLength(asked.length);
    answers.forEach((answer, index) => {
      responseMs += answer.createdAt.getTime() - asked[index]!.createdAt.getTime();
    });
    for (const message of messages) {
      if (message.sender !== Sender.CUSTOMER && message.delivery?.status === DeliveryStatus.SENT)
        replyHours.push(localHour(s.zone, message.createdAt));
    }
    if (name === 'f1' || name === 'w2')
      saleHours.push(localHour(s.zone, answers.at(-1)!.createdAt));
  }
}, 120_000);
afterAll(async () => {
  await t.stop();
  await fixture.close();
});

const asA = () => ({ token: s.a.owner.accessToken });
async function query<T = Record<string, unknown>>(document: string, variables = {}, as = asA()) {
  const response = await t.gql<T>(document, variables, as);
  if (!response.data) throw new Error(JSON.stringify(response.errors));
  return response.data;
}

// Hand-counted from the script (support/analyticsScenario.ts). Yesterday: f1 (3 messages,
// engaged, later qualified and converted), i1 (1 message, never answered), w1 (1, engaged
// today). Today: f1 1 and w1 1 more; f2 2 (hand-off), i2 1 (taken over), w2 4 (converted),
// f3 1; 14 AI replies and 1 from the owner went out, all today; i1 closed today.
// prettier-ignore
const yesterday = {
  messagesSent: 0, messagesReceived: 5, responseRate: 2 / 3, avgResponseTime: 0,
  conversationsStarted: 3, activeConversations: 3, conversationsCompleted: 0, leadsGenerated: 3,
  qualifiedLeads: 0, conversions: 0, conversionRate: 1 / 3, revenue: 0, avgOrderValue: 0,
  engagementRate: 2 / 3, bounceRate: 1 / 3, aiAccuracy: 1, aiHandoffRate: 0,
};
// prettier-ignore
const today = () => ({
  messagesSent: 15, messagesReceived: 10, responseRate: 1, avgResponseTime: responseMs / 14,
  conversationsStarted: 4, activeConversations: 6, conversationsCompleted: 3, leadsGenerated: 4,
  qualifiedLeads: 2, conversions: 2, conversionRate: 1 / 4, revenue: 320, avgOrderValue: 160,
  engagementRate: 2 / 4, bounceRate: 2 / 4, aiAccuracy: 1 - 1 / 4, aiHandoffRate: 1 / 4,
});
const zeros = Object.fromEntries(Object.keys(yesterday).map((key) => [key, 0]));

test('dashboardStats: today against the previous business day, in the business time zone', async () => {
  const { dashboardStats } = await query<{ dashboardStats: Row }>(DASHBOARD);
  const change = (today: number, previous: number) => ({
    today,
    previous,
    change: today - previous,
  });
  same(dashboardStats, {
    date: s.zone.todayKey,
    previousDate: s.zone.yesterdayKey,
    timezone: s.zone.name,
    campaigns: { total: change(2, 0), active: change(2, 2), running: 2 },
    chats: { total: change(4, 3), active: change(6, 3), needingAttention: change(1, 0) },
    conversions: change(2, 0),
    revenue: change(320, 0),
    responseRate: change(1, 2 / 3),
    avgFirstResponseTime: change(responseMs / 14, 0),
  });
});

test('analytics: every metric per business day, zeros elsewhere, and the hourly profile', async () => {
  const { analytics } = await query<{
    analytics: { days: Row[]; totals: Row; hourly: Row[] } & Row;
  }>(ANALYTICS, LAST_7);
  expect(analytics).toMatchObject({
    from: s.zone.weekStartKey,
    to: s.zone.todayKey,
    timezone: s.zone.name,
  });
  expect(analytics.days.map((day) => day.date)).toHaveLength(7);
  const [five, [before, now]] = [analytics.days.slice(0, 5), analytics.days.slice(5)];
  for (const day of five) same({ ...day, date: undefined }, { ...zeros, date: undefined });
  same(before, { date: s.zone.yesterdayKey, ...yesterday });
  same(now, { date: s.zone.todayKey, ...today() });
  // prettier-ignore
  same(analytics.totals, {
    messagesSent: 15, messagesReceived: 15, responseRate: 6 / 7, avgResponseTime: responseMs / 14,
    conversationsStarted: 7, activeConversations: 9, conversationsCompleted: 3, leadsGenerated: 7,
    qualifiedLeads: 2, conversions: 2, conversionRate: 2 / 7, revenue: 320, avgOrderValue: 160,
    engagementRate: 4 / 7, bounceRate: 3 / 7, aiAccuracy: 1 - 1 / 6, aiHandoffRate: 1 / 6,
  });

  // Customer messages: 5 at 23:00-23:30 yesterday, 9 at 00:10-00:53 and 1 at 01:00 today.
  const hourly = Array.from({ length: 24 }, (_, hour) => ({
    hour,
    messages: 0,
    conversations: 0,
    conversions: 0,
  }));
  hourly[23]!.messages += 5;
  hourly[0]!.messages += 9;
  hourly[1]!.messages += 1;
  for (const hour of replyHours) hourly[hour]!.messages += 1;
  Object.assign(hourly[23]!, { conversations: 3 });
  hourly[0]!.conversations = 3;
  hourly[1]!.conversations = 1;
  for (const hour of saleHours) hourly[hour]!.conversions += 1;
  expect(replyHours).toHaveLength(15);
  expect(analytics.hourly).toEqual(hourly);
});

test('analytics narrows by platform, campaign, explicit dates; the simulator only by name', async () => {
  const totals = async (variables: object) =>
    (await query<{ analytics: { totals: Row; days: Row[] } }>(ANALYTICS, variables)).analytics;
  const facebook = await totals({ ...LAST_7, platform: 'FACEBOOK' });
  expect(facebook.totals).toMatchObject({
    conversationsStarted: 3,
    messagesReceived: 7,
    messagesSent: 7,
    conversions: 1,
    revenue: 240,
  });
  same(facebook.totals.engagementRate, 2 / 3);
  same(facebook.totals.aiHandoffRate, 1 / 3);
  const gifts = await totals({ ...LAST_7, campaignId: s.campaign2 });
  expect(gifts.totals).toMatchObject({
    conversationsStarted: 2,
    messagesReceived: 6,
    messagesSent: 6,
    conversions: 1,
    revenue: 80,
    engagementRate: 1,
    conversionRate: 0.5,
  });
  const simulator = await totals({ ...LAST_7, platform: 'SIMULATOR' });
  expect(simulator.totals).toMatchObject({
    conversationsStarted: 1,
    messagesReceived: 2,
    messagesSent: 2,
    conversions: 1,
    revenue: 240,
  });
  expect(simulator.days.filter((day) => (day.conversationsStarted ?? 0) > 0)).toEqual([
    expect.objectContaining({ date: s.zone.todayKey }),
  ]);

  // An instant late yesterday (business clock) to now: exactly the two business days.
  const range = {
    from: new Date(s.zone.midnight.getTime() - 60_000).toISOString(),
    to: new Date().toISOString(),
  };
  const dated = (
    await query<{ analytics: { days: Row[]; totals: Row } & Row }>(ANALYTICS, { range })
  ).analytics;
  expect(dated.days.map((day) => day.date)).toEqual([s.zone.yesterdayKey, s.zone.todayKey]);
  expect(dated.totals).toMatchObject({
    conversationsStarted: 7,
    messagesReceived: 15,
    revenue: 320,
  });
});

test('funnel: conversations -> engaged -> qualified -> converted, per campaign and platform', async () => {
  const steps = (counts: number[]) =>
    ['CONVERSATIONS', 'ENGAGED', 'QUALIFIED', 'CONVERTED'].map((stage, index) => ({
      stage,
      count: counts[index],
      rateFromPrevious:
        index === 0
          ? counts[0]! > 0
            ? 1
            : 0
          : counts[index - 1]
            ? counts[index]! / counts[index - 1]!
            : 0,
      rateFromStart: counts[0] ? counts[index]! / counts[0] : 0,
    }));
  const { funnel } = await query<{ funnel: Row }>(FUNNEL, LAST_7);
  expect(funnel).toMatchObject({ from: s.zone.weekStartKey, to: s.zone.todayKey });
  same(funnel, {
    from: s.zone.weekStartKey,
    to: s.zone.todayKey,
    steps: steps([7, 4, 2, 2]),
    byCampaign: [
      { campaignId: s.campaign1, campaignName: 'Tote launch', steps: steps([5, 2, 1, 1]) },
      { campaignId: s.campaign2, campaignName: 'Gift box', steps: steps([2, 2, 1, 1]) },
    ],
    byPlatform: [
      { platform: 'FACEBOOK', steps: steps([3, 2, 1, 1]) },
      { platform: 'INSTAGRAM', steps: steps([2, 0, 0, 0]) },
      { platform: 'WHATSAPP', steps: steps([2, 2, 1, 1]) },
    ],
  });
  const one = await query<{ funnel: { steps: Row[]; byCampaign: Row[] } }>(FUNNEL, {
    ...LAST_7,
    campaignId: s.campaign2,
  });
  same(one.funnel.steps, steps([2, 2, 1, 1]));
  expect(one.funnel.byCampaign.map((row) => row.campaignId)).toEqual([s.campaign2]);
});

test('revenueAttribution: chats, sales, revenue and order value by campaign, platform and ad', async () => {
  const { revenueAttribution } = await query<{ revenueAttribution: Row }>(ATTRIBUTION, LAST_7);
  const figures = (chats: number, conversions: number, revenue: number) => ({
    chats,
    conversions,
    revenue,
    avgOrderValue: conversions ? revenue / conversions : 0,
  });
  same(revenueAttribution, {
    total: figures(7, 2, 320),
    byCampaign: [
      { campaignId: s.campaign1, campaignName: 'Tote launch', ...figures(5, 1, 240) },
      { campaignId: s.campaign2, campaignName: 'Gift box', ...figures(2, 1, 80) },
    ],
    byPlatform: [
      { platform: 'FACEBOOK', ...figures(3, 1, 240) },
      { platform: 'WHATSAPP', ...figures(2, 1, 80) },
      { platform: 'INSTAGRAM', ...figures(2, 0, 0) },
    ],
    byAd: [
      {
        adId: s.ad.adId,
        source: 'ADS',
        headline: 'Tote sale',
        platform: 'FACEBOOK',
        ...figures(1, 1, 240),
      },
    ],
  });
});
