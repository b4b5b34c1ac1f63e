import { dayCache } from '../../src/modules/analytics/dayCache';
import { Types } from 'mongoose';
import { AdStatsModel } from '../../src/modules/analytics/adStats.model';
import { AnalyticsModel } from '../../src/modules/analytics/analytics.model';
import { forgetSlices } from '../../src/modules/analytics/analyticsSlices';
import { AnalyticsSlicesModel } from '../../src/modules/analytics/analyticsSlices.model';
import { ChatModel } from '../../src/modules/chats/chat.model';
import { MessageModel } from '../../src/modules/chats/message.model';
import type { Events } from '../../src/realtime/pubsub';
import {
  ADJUST,
  ANALYTICS,
  ATTRIBUTION,
  DASHBOARD,
  FUNNEL,
  LEADS,
} from '../support/analyticsQueries';
import { runScenario, type Scenario } from '../support/analyticsScenario';
import { startGraphApiFixture, type GraphApiFixture } from '../support/graphApiFixture';
import { APP_SECRET } from '../support/metaPayloads';
import { signUp, startTestApp, type AuthResult, type TestApp } from '../support/testApp';

type Row = Record<string, unknown>;
interface LeadPage {
  total: number;
  pages: number;
  items: {
    chat: { id: string; leadScore: number };
    topReasons: { signal: string; delta: number }[];
  }[];
}
const LAST_7 = { range: { preset: 'LAST_7_DAYS' } };

let fixture: GraphApiFixture;
let t: TestApp;
let s: Scenario;
let admin: AuthResult;
const published: { topic: keyof Events; id: string; event: unknown }[] = [];

beforeAll(async () => {
  fixture = await startGraphApiFixture();
  t = await startTestApp({
    env: {
      GRAPH_API_URL: fixture.url,
      META_APP_SECRET: APP_SECRET,
      ADMIN_EMAILS: 'leads-admin@example.com',
    },
    configure: (config) => {
      config.pipeline.queue.pollMs = 20;
    },
  });
  const publish = t.app.pubsub.publish.bind(t.app.pubsub);
  t.app.pubsub.publish = ((topic: keyof Events, id: string, event: unknown) => {
    published.push({ topic, id, event });
    return (publish as (...args: unknown[]) => void)(topic, id, event);
  }) as typeof t.app.pubsub.publish;
  s = await runScenario(t, fixture);
  admin = await signUp(t, 'leads-admin@example.com');
}, 120_000);
afterAll(async () => {
  await t.stop();
  await fixture.close();
});

const asA = () => ({ token: s.a.owner.accessToken });
async function query<T = Row>(document: string, variables = {}, as = asA()): Promise<T> {
  const response = await t.gql<T>(document, variables, as);
  if (!response.data) throw new Error(JSON.stringify(response.errors));
  return response.data;
}
const leads = async (variables: Record<string, unknown> = {}) =>
  (await query<{ leads: LeadPage }>(LEADS, variables)).leads;
const ids = (page: LeadPage) => page.items.map((item) => item.chat.id);
const codeOf = async (document: string, variables: Record<string, unknown>, as = asA()) =>
  (await t.gql(document, variables, as)).errors?.[0]?.extensions?.code;

test('leads: by score, most recently active first among equals, with the top reasons', async () => {
  const { chats } = s;
  const first = await leads();
  expect(first).toMatchObject({ total: 7, pages: 2 });
  expect(ids(first)).toEqual([chats.w2, chats.f1, chats.w1, chats.i2, chats.f3]);
  expect(ids(await leads({ page: 2 }))).toEqual([chats.f2, chats.i1]);
  const f1 = first.items[1]!;
  expect(f1.chat.leadScore).toBe(90);
  expect(f1.topReasons).toEqual([
    { signal: 'buying intent', delta: 30 },
    { signal: 'answered a qualification question', delta: 10 },
    { signal: 'all qualification questions answered', delta: 10 },
  ]);
  expect(first.items[2]!.topReasons).toEqual([
    { signal: 'answered a qualification question', delta: 10 },
  ]);
  expect(ids(await leads({ minScore: 50 }))).toEqual([chats.w2, chats.f1]);
  expect(ids(await leads({ status: 'CONVERTED' }))).toEqual([chats.w2, chats.f1]);
  expect(ids(await leads({ status: 'ACTIVE', minScore: 5 }))).toEqual([chats.w1]);
  // The simulator's test chat (score 90) only when asked for.
  expect(ids(await leads({ platform: 'SIMULATOR' }))).toEqual([s.simulatorChat]);
});

test('adjustLeadScore records the owner’s reason, publishes the chat, and is owner-only', async () => {
  const chatId = s.chats.f3;
  const before = published.length;
  const up = (
    await query<{ adjustLeadScore: { leadScore: number; leadScoreReasons: Row[] } }>(ADJUST, {
      chatId,
      score: 75,
      note: '  Called back, wants 3  ',
    })
  ).adjustLeadScore;
  expect(up.leadScore).toBe(75);
  expect(up.leadScoreReasons.at(-1)).toMatchObject({
    signal: 'owner: Called back, wants 3',
    delta: 75,
  });
  expect(published.slice(before)).toContainEqual({
    topic: 'chatUpdated',
    id: s.a.owner.user.id,
    event: { chatId, userId: s.a.owner.user.id },
  });
  expect(ids(await leads({ minScore: 50 }))).toEqual([s.chats.w2, s.chats.f1, chatId]);
  const down = (
    await query<{ adjustLeadScore: { leadScoreReasons: Row[] } }>(ADJUST, {
      chatId,
      score: 60,
      note: 'cooled down',
    })
  ).adjustLeadScore;
  expect(down.leadScoreReasons.at(-1)).toMatchObject({ signal: 'owner: cooled down', delta: -15 });

  const asB = { token: s.b.owner.accessToken };
  expect(await codeOf(ADJUST, { chatId, score: 1, note: 'mine now' }, asB)).toBe('NOT_FOUND');
  expect((await ChatModel.findById(chatId).lean())!.leadScore).toBe(60);
  expect(await codeOf(ADJUST, { chatId, score: 101, note: 'too high' })).toBe('BAD_USER_INPUT');
  expect(await codeOf(ADJUST, { chatId, score: 50, note: '   ' })).toBe('BAD_USER_INPUT');
  expect(
    await codeOf(ADJUST, { chatId: new Types.ObjectId().toHexString(), score: 5, note: 'x' }),
  ).toBe('NOT_FOUND');

  // Reasons stay bounded to the newest 20.
  for (let i = 1; i <= 21; i++)
    await query(ADJUST, { chatId: s.chats.f2, score: i, note: `call ${i}` });
  const reasons = (await ChatModel.findById(s.chats.f2).lean())!.leadScoreReasons;
  expect(reasons).toHaveLength(20);
  expect(reasons.at(-1)).toMatchObject({ signal: 'owner: call 21', delta: 1 });
});

test('a range is either from/to or a preset, from <= to, at most 366 days', async () => {
  const now = Date.now();
  const iso = (days: number) => new Date(now - days * 86_400_000).toISOString();
  const bad = [
    { preset: 'LAST_7_DAYS', from: iso(1), to: iso(0) },
    {},
    { from: iso(3) },
    { from: iso(0), to: iso(2) },
    { from: iso(366), to: iso(0) },
  ];
  for (const range of bad) expect(await codeOf(ANALYTICS, { range })).toBe('BAD_USER_INPUT');
  const year = await query<{ analytics: { days: unknown[] } }>(ANALYTICS, {
    range: { from: iso(365), to: iso(0) },
  });
  expect(year.analytics.days).toHaveLength(366);
  expect(await codeOf(FUNNEL, { range: {} })).toBe('BAD_USER_INPUT');
});

test("user B sees only B's numbers; an admin may look at A's", async () => {
  const asB = { token: s.b.owner.accessToken };
  const b = (await query(DASHBOARD, {}, asB)).dashboardStats;
  expect(b).toMatchObject({
    timezone: 'UTC',
    chats: { total: { today: 1 }, active: { today: 1 } },
    conversions: { today: 0 },
    revenue: { today: 0 },
    campaigns: { running: 1 },
  });
  const series = (await query<{ analytics: { totals: Row } }>(ANALYTICS, LAST_7, asB)).analytics;
  expect(series.totals).toMatchObject({
    conversationsStarted: 1,
    messagesReceived: 1,
    messagesSent: 1,
    revenue: 0,
  });
  const funnel = (await query<{ funnel: { steps: Row[] } }>(FUNNEL, LAST_7, asB)).funnel;
  expect(funnel.steps.map((step) => step.count)).toEqual([1, 0, 0, 0]);
  const money = (await query(ATTRIBUTION, LAST_7, asB)).revenueAttribution;
  expect(money).toMatchObject({ total: { chats: 1, revenue: 0 }, byAd: [] });
  const theirs = (await t.gql<{ leads: LeadPage }>(LEADS, {}, asB)).data!.leads;
  expect(theirs.total).toBe(1);
  expect(ids(theirs)).not.toContain(s.chats.f1);
  expect(await codeOf(DASHBOARD, { userId: s.a.owner.user.id }, asB)).toBe('FORBIDDEN');

  const asAdmin = { token: admin.accessToken };
  const forA = (await query(DASHBOARD, { userId: s.a.owner.user.id }, asAdmin)).dashboardStats;
  expect(forA).toEqual((await query(DASHBOARD)).dashboardStats);
  expect((await t.gql(DASHBOARD)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
});

test('owner reads look day documents up by _id alone, and never touch messages or chats', async () => {
  const scans = [AnalyticsModel, AdStatsModel].map((model) => jest.spyOn(model, 'find'));
  const lookups = [AnalyticsModel, AdStatsModel].map((model) =>
    jest.spyOn(model.collection, 'findOne'),
  );
  const methods = ['find', 'findOne', 'countDocuments', 'aggregate'] as const;
  const untouched = [MessageModel, ChatModel].flatMap((model) =>
    methods.map((name) => jest.spyOn(model as typeof ChatModel, name)),
  );
  // Read from the database, not from what earlier tests left in the day cache.
  dayCache.forget('all');
  try {
    await query(DASHBOARD);
    await query(ANALYTICS, LAST_7);
    await query(FUNNEL, LAST_7);
    await query(ATTRIBUTION, LAST_7);
    const [days, ads] = lookups.map((spy) => spy.mock.calls.map((call) => call[0] as Row));
    // 7 days x this owner's series (2 campaigns x 3 platforms + a campaign-less one...).
    expect(days!.length).toBeGreaterThanOrEqual(7 * 3);
    expect(ads!.length).toBeGreaterThanOrEqual(7);
    for (const filter of [...days!, ...ads!]) {
      expect(Object.keys(filter)).toEqual(['_id']);
      expect(filter._id).toBeInstanceOf(Types.ObjectId);
    }
    for (const spy of [...scans, ...untouched]) expect(spy).not.toHaveBeenCalled();
  } finally {
    for (const spy of [...scans, ...lookups, ...untouched]) spy.mockRestore();
  }
  // Owner, then day: the leading fields of an index on each collection.
  for (const model of [AnalyticsModel, AdStatsModel]) {
    const keys = model.schema
      .indexes()
      .map(([fields]: [object, unknown]) => Object.keys(fields).slice(0, 2).join());
    expect(keys).toContain('userId,date');
  }
  expect(
    ChatModel.schema.indexes().map(([fields]: [object, unknown]) => Object.keys(fields).join()),
  ).toContain('userId,leadScore,lastMessageAt');
});

test('without its series record an owner’s numbers are rebuilt from the documents, unchanged', async () => {
  const before = await Promise.all([query(ANALYTICS, LAST_7), query(ATTRIBUTION, LAST_7)]);
  await forgetSlices(new Types.ObjectId(s.a.owner.user.id));
  expect(await AnalyticsSlicesModel.countDocuments({ _id: s.a.owner.user.id })).toBe(0);
  expect(await Promise.all([query(ANALYTICS, LAST_7), query(ATTRIBUTION, LAST_7)])).toEqual(before);
  expect(await AnalyticsSlicesModel.countDocuments({ _id: s.a.owner.user.id })).toBe(1);
});
