import { AnalyticsModel } from '../../src/modules/analytics/analytics.model';
import { MessageModel } from '../../src/modules/chats/message.model';
import { Platform } from '../../src/platforms/platform';
import { connectedBusiness, PLAYBOOK, type ConnectedBusiness } from '../support/connectedBusiness';
import { startGraphApiFixture, type GraphApiFixture } from '../support/graphApiFixture';
import { mid } from '../support/metaPayloads';
import { signUp, startTestApp, type AuthResult, type TestApp } from '../support/testApp';

const SIMULATE = `mutation($input: SimulateCustomerMessageInput!) {
  simulateCustomerMessage(input: $input) {
    deliveryStatus silentReason
    reply { content sender }
    customerMessage { content sender platform }
    chat {
      id status leadScore mode isTest platform messageCount
      leadScoreReasons { signal delta }
      aiContext { qualificationAnswers { question answer } objections customerIntent nextAction }
      conversion { converted orderValue orderDetails }
    }
  }
}`;
const INGEST = `mutation($input: IngestMessageInput!) {
  ingestMessage(input: $input) { chat { id platform customerId } reply { content } deliveryStatus }
}`;

interface Outcome {
  deliveryStatus: string | null;
  silentReason: string | null;
  reply: { content: string; sender: string } | null;
  chat: {
    id: string;
    status: string;
    leadScore: number;
    mode: string;
    isTest: boolean;
    platform: string;
    messageCount: number;
    leadScoreReasons: { signal: string; delta: number }[];
    aiContext: {
      qualificationAnswers: { question: string; answer: string }[];
      objections: string[];
      customerIntent: string | null;
      nextAction: string | null;
    };
    conversion: { converted: boolean; orderValue: number | null; orderDetails: string | null };
  };
}

let fixture: GraphApiFixture;
let t: TestApp;
let business: ConnectedBusiness;
beforeAll(async () => {
  fixture = await startGraphApiFixture();
  t = await startTestApp({
    env: { GRAPH_API_URL: fixture.url, ADMIN_EMAILS: 'sim-admin@example.com' },
  });
  business = await connectedBusiness(t, fixture);
});
afterAll(async () => {
  await t.stop();
  await fixture.close();
});

const say = async (
  user: AuthResult,
  customerName: string,
  text: string,
  campaignId = business.campaignId,
) => {
  const response = await t.gql<{ simulateCustomerMessage: Outcome }>(
    SIMULATE,
    { input: { campaignId, customerName, text } },
    { token: user.accessToken },
  );
  if (!response.data) throw new Error(JSON.stringify(response.errors));
  return response.data.simulateCustomerMessage;
};

test('a scripted conversation with the playbook ends converted with 2 × price', async () => {
  const name = `Rita ${Date.now()}`;
  const greeting = await say(business.owner, name, 'Hi, I saw your ad');
  expect(greeting.reply?.content).toContain(PLAYBOOK.greeting);
  expect(greeting.reply?.content).toContain(PLAYBOOK.qualificationQuestions[0]);
  expect(greeting.chat).toMatchObject({ platform: 'SIMULATOR', isTest: true, status: 'ACTIVE' });
  expect(greeting.deliveryStatus).toBe('SENT');

  const first = await say(business.owner, name, 'For work, to carry my laptop');
  expect(first.reply?.content).toContain(PLAYBOOK.qualificationQuestions[1]);
  const second = await say(business.owner, name, 'Brown please');
  expect(second.chat.status).toBe('QUALIFIED');
  expect(second.chat.aiContext.qualificationAnswers).toEqual([
    { question: PLAYBOOK.qualificationQuestions[0], answer: 'For work, to carry my laptop' },
    { question: PLAYBOOK.qualificationQuestions[1], answer: 'Brown please' },
  ]);

  const objection = await say(business.owner, name, 'Hmm, that is too expensive for me');
  expect(objection.reply?.content).toContain(PLAYBOOK.objectionHandling[0]!.response);
  expect(objection.chat.aiContext.objections).toEqual(['too expensive']);

  const sale = await say(business.owner, name, "OK, I'll take 2");
  expect(sale.chat.status).toBe('CONVERTED');
  expect(sale.chat.conversion).toMatchObject({ converted: true, orderValue: 2 * business.price });
  expect(sale.reply?.content).toContain(PLAYBOOK.closingMessage);
  expect(sale.chat.leadScore).toBeGreaterThanOrEqual(90);
  expect(sale.chat.leadScoreReasons.map((reason) => reason.signal)).toEqual(
    expect.arrayContaining(['buying intent', 'objection raised']),
  );
  expect(sale.chat.messageCount).toBe(10);

  // Simulator chats are recorded under their own platform, apart from real ones.
  const days = await AnalyticsModel.find({
    userId: business.owner.user.id,
    platform: Platform.SIMULATOR,
  }).lean();
  expect(days.reduce((sum, day) => sum + day.metrics.conversions, 0)).toBeGreaterThanOrEqual(1);

  // The dashboard leaves them out unless asked to count them.
  const DASHBOARD = `query($includeTests: Boolean!) { dashboardStats(includeTests: $includeTests) {
    conversions { today } revenue { today } } }`;
  type Stats = { dashboardStats: { conversions: { today: number }; revenue: { today: number } } };
  const as = { token: business.owner.accessToken };
  const real = await t.gql<Stats>(DASHBOARD, { includeTests: false }, as);
  const all = await t.gql<Stats>(DASHBOARD, { includeTests: true }, as);
  expect(real.data!.dashboardStats.conversions.today).toBe(0);
  expect(all.data!.dashboardStats.conversions.today).toBeGreaterThanOrEqual(1);
  expect(all.data!.dashboardStats.revenue.today).toBeGreaterThanOrEqual(2 * business.price);
  const TRENDS = `query { analytics(range: { preset: LAST_7_DAYS }, includeTests: true) { totals { conversions } }
    funnel(range: { preset: LAST_7_DAYS }, includeTests: true) { steps { count } }
    leads(minScore: 50, includeTests: true) { total } }`;
  const trends = await t.gql<{
    analytics: { totals: { conversions: number } };
    funnel: { steps: { count: number }[] };
    leads: { total: number };
  }>(TRENDS, {}, as);
  expect(trends.data!.analytics.totals.conversions).toBeGreaterThanOrEqual(1);
  expect(trends.data!.funnel.steps[0]!.count).toBeGreaterThanOrEqual(1);
  expect(trends.data!.leads.total).toBeGreaterThanOrEqual(1);
});

test("another user's campaign answers NOT_FOUND in the simulator, and an admin may use it", async () => {
  const stranger = await signUp(t);
  const response = await t.gql(
    SIMULATE,
    { input: { campaignId: business.campaignId, customerName: 'X', text: 'hi' } },
    { token: stranger.accessToken },
  );
  expect(response.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  const admin = await signUp(t, 'sim-admin@example.com');
  expect((await say(admin, 'Admin test', 'hello')).reply).not.toBeNull();
});

test('simulator input is validated', async () => {
  const response = await t.gql(
    SIMULATE,
    { input: { campaignId: business.campaignId, customerName: '', text: 'hi' } },
    { token: business.owner.accessToken },
  );
  expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
});

describe('ingestMessage', () => {
  const input = (recipientId: string) => ({
    platform: 'FACEBOOK',
    recipientId,
    customerId: `psid-${Date.now()}`,
    customerName: 'Tiago',
    text: 'Do you ship to Spain?',
    platformMessageId: mid(),
    timestamp: new Date().toISOString(),
  });

  test('the integration owner can ingest a message; it is answered like a webhook one', async () => {
    const response = await t.gql<{
      ingestMessage: { chat: { platform: string }; reply: { content: string } };
    }>(INGEST, { input: input(business.pageId) }, { token: business.owner.accessToken });
    expect(response.data?.ingestMessage.chat.platform).toBe('FACEBOOK');
    expect(response.data?.ingestMessage.reply.content).toBeTruthy();
  });

  test('another user gets NOT_FOUND for this page, and stores nothing', async () => {
    const stranger = await signUp(t);
    const message = input(business.pageId);
    const response = await t.gql(INGEST, { input: message }, { token: stranger.accessToken });
    expect(response.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await MessageModel.exists({ platformMessageId: message.platformMessageId })).toBeNull();
  });

  test('SIMULATOR is refused here, with the field path', async () => {
    const response = await t.gql(
      INGEST,
      { input: { ...input('simulator'), platform: 'SIMULATOR' } },
      { token: business.owner.accessToken },
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  test('unauthenticated calls are refused', async () => {
    const response = await t.gql(INGEST, { input: input(business.pageId) });
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

test('a simulator chat has no profile: its fields read as null, not an error', async () => {
  const { data } = await t.gql<{ simulateCustomerMessage: { chat: { id: string } } }>(
    SIMULATE,
    { input: { campaignId: business.campaignId, customerName: 'Nora Profile', text: 'Hi' } },
    { token: business.owner.accessToken },
  );
  const response = await t.gql<{
    chats: { items: { customerProfile: { profilePic: string | null; email: string | null } }[] };
  }>(
    '{ chats(limit: 50) { items { id customerProfile { profilePic email phone } } } }',
    {},
    { token: business.owner.accessToken },
  );
  expect(response.errors).toBeUndefined();
  const chat = (response.data!.chats.items as { id?: string; customerProfile: object }[]).find(
    (item) => item.id === data!.simulateCustomerMessage.chat.id,
  );
  expect(chat?.customerProfile).toEqual({ profilePic: null, email: null, phone: null });
});
