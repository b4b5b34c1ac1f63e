import type {
  ChatMode,
  ChatStatus,
  DeliveryStatus,
  IntegrationStatus,
  Platform,
  Role,
  Sender,
} from '../src/gql/graphql';

/**
 * What the server answers, built once for every spec. Each fixture carries every field any
 * query of the client selects, with __typename on each object as the server sends it:
 * a query picks its fields from it, so a new fragment needs only a new field here.
 */

export const USER_ID = '665f1c2e9b1e8a3d4c5b6a70';
export const CHAT_ID = '665f1c2e9b1e8a3d4c5b6a80';

export const minutesAgo = (minutes: number) =>
  new Date(Date.now() - minutes * 60_000).toISOString();

export function userFixture(
  overrides: {
    role?: Role;
    email?: string;
    onboardingCompleted?: boolean;
    businessInfo?: Partial<ReturnType<typeof businessInfoFixture>>;
    globalAI?: Partial<ReturnType<typeof globalAIFixture>>;
  } = {},
) {
  const { businessInfo, globalAI, ...rest } = overrides;
  return {
    __typename: 'User' as const,
    id: USER_ID,
    email: 'owner@shop.test',
    role: 'USER' as Role,
    onboardingCompleted: true,
    createdAt: '2025-01-01T00:00:00.000Z',
    ...rest,
    businessInfo: { ...businessInfoFixture(), ...businessInfo },
    globalAI: { ...globalAIFixture(), ...globalAI },
  };
}

const businessInfoFixture = () => ({
  __typename: 'BusinessInfo' as const,
  businessName: 'Bloom Flowers' as string | null,
  ownerName: 'Ada Lovelace' as string | null,
  industry: null as string | null,
  description: null as string | null,
  phone: null as string | null,
  website: null as string | null,
  currency: 'USD' as string | null,
  timezone: 'UTC' as string | null,
  aiDisclosure: null as boolean | null,
  documents: [] as { __typename: 'BusinessDocument'; name: string; url: string }[],
});

const globalAIFixture = () => ({
  __typename: 'GlobalAI' as const,
  trained: false,
  lastTrainedAt: null as string | null,
  ownerText: null as string | null,
  passageCount: 0,
});

const replyWindowOpen = () => ({
  __typename: 'ReplyWindowState' as const,
  open: true,
  closesAt: new Date(Date.now() + 20 * 60 * 60_000).toISOString() as string | null,
  reason: null as string | null,
});

export type ReplyWindowFixture = ReturnType<typeof replyWindowOpen>;

/** A chat as the inbox, the simulator and the dashboard's leads ask for it. */
export function chatFixture(overrides: Partial<ChatFixture> = {}) {
  return { ...baseChat(), ...overrides };
}

export type ChatFixture = ReturnType<typeof baseChat>;

const baseChat = () => ({
  __typename: 'Chat' as const,
  id: CHAT_ID,
  customerId: 'psid-1',
  customerName: 'Ann Buyer' as string | null,
  platform: 'FACEBOOK' as Platform,
  status: 'ACTIVE' as ChatStatus,
  mode: 'AI' as ChatMode,
  isTest: false,
  needsAttention: false,
  attentionReason: null as string | null,
  handbackAt: null as string | null,
  leadScore: 55,
  leadScoreReasons: [
    {
      __typename: 'LeadScoreReason' as const,
      at: minutesAgo(3),
      delta: 15,
      signal: 'asked the price',
    },
  ],
  messageCount: 1,
  lastMessageAt: minutesAgo(2) as string | null,
  replyWindow: replyWindowOpen(),
  conversion: {
    __typename: 'Conversion' as const,
    converted: false,
    convertedAt: null as string | null,
    orderValue: null as number | null,
    orderDetails: null as string | null,
    currency: null as string | null,
    discount: null as number | null,
    coupon: null as string | null,
  },
  aiContext: aiContextFixture({
    conversationSummary: 'Ann wants a sun hat for the beach.',
    customerIntent: 'buy',
    nextAction: 'Ask for her size',
    objections: ['price'],
    qualificationAnswers: [{ question: 'Which colour?', answer: 'Blue' }],
  }),
  recent: [] as { __typename: 'RecentMessage'; sender: Sender; content: string }[],
});

/** What the AI knows of a chat; answers get their __typename here. */
export function aiContextFixture(context: {
  conversationSummary: string | null;
  customerIntent: string | null;
  nextAction: string | null;
  objections: string[];
  qualificationAnswers: { question: string; answer: string }[];
}) {
  return {
    __typename: 'AIContext' as const,
    ...context,
    qualificationAnswers: context.qualificationAnswers.map((answer) => ({
      __typename: 'QualificationAnswer' as const,
      ...answer,
    })),
  };
}

/** A message, delivered unless `delivery` says otherwise. */
export function messageFixture(
  id: string,
  content: string,
  sender: Sender,
  createdAt: string,
  delivery: { status: DeliveryStatus; reason: string | null } | null = null,
) {
  return {
    __typename: 'Message' as const,
    id,
    sender,
    content,
    createdAt,
    delivery: delivery && { __typename: 'Delivery' as const, ...delivery },
    fromOutside: null,
    reaction: null,
    kind: null,
    metadata: null,
    transcript: null,
    deletedAt: null,
    edits: null,
    parts: null,
  };
}

/** A channel connection as the integrations page asks for it: connected, no errors. */
export function integrationFixture(
  platform: Platform,
  overrides: Partial<IntegrationFixture> = {},
) {
  return { ...baseIntegration(platform), ...overrides };
}

export type IntegrationFixture = ReturnType<typeof baseIntegration>;

const INTEGRATION_IDS: Record<Platform, string> = {
  FACEBOOK: '665f1c2e9b1e8a3d4c5b6d01',
  INSTAGRAM: '665f1c2e9b1e8a3d4c5b6d02',
  WHATSAPP: '665f1c2e9b1e8a3d4c5b6d03',
  SIMULATOR: '665f1c2e9b1e8a3d4c5b6d04',
};

const baseIntegration = (platform: Platform) => ({
  __typename: 'Integration' as const,
  id: INTEGRATION_IDS[platform],
  platform,
  status: 'CONNECTED' as IntegrationStatus,
  webhookVerified: true,
  lastError: null as string | null,
  connectedAt: '2025-02-01T09:00:00.000Z' as string | null,
  lastSync: '2025-02-02T09:00:00.000Z' as string | null,
  platformData: {
    __typename: 'PlatformData' as const,
    pageName: 'Bloom Flowers' as string | null,
    pageUsername: 'bloomflowers' as string | null,
    followersCount: 1200 as number | null,
    qualityRating: null as string | null,
  },
  settings: {
    __typename: 'IntegrationSettings' as const,
    autoReply: true,
    handbackMinutes: null as number | null,
    notifications: { __typename: 'NotificationSettings' as const, email: true, push: false },
    businessHours: {
      __typename: 'BusinessHours' as const,
      enabled: false,
      timezone: 'Europe/Paris',
      schedule: [] as { __typename: 'DaySchedule'; day: number; open: string; close: string }[],
    },
  },
  errorLog: [] as {
    __typename: 'IntegrationError';
    error: string;
    resolved: boolean;
    timestamp: string;
  }[],
});

/** One business day of the analytics report; every metric zero unless given. */
export function analyticsDayFixture(
  date: string,
  metrics: Partial<Record<DayMetric, number>> = {},
) {
  const zeros = Object.fromEntries(DAY_METRICS.map((metric) => [metric, 0])) as Record<
    DayMetric,
    number
  >;
  return { __typename: 'AnalyticsDay' as const, date, ...zeros, ...metrics };
}

const DAY_METRICS = [
  'messagesReceived',
  'messagesSent',
  'conversationsStarted',
  'activeConversations',
  'conversationsCompleted',
  'leadsGenerated',
  'qualifiedLeads',
  'conversions',
  'revenue',
  'avgOrderValue',
  'avgResponseTime',
  'responseRate',
  'engagementRate',
  'bounceRate',
  'conversionRate',
  'aiAccuracy',
  'aiHandoffRate',
] as const;

type DayMetric = (typeof DAY_METRICS)[number];

/** The four funnel stages from the stage counts, each with its rates. */
export function funnelStepsFixture(counts: [number, number, number, number]) {
  const stages = ['CONVERSATIONS', 'ENGAGED', 'QUALIFIED', 'CONVERTED'] as const;
  return stages.map((stage, index) => {
    const count = counts[index] ?? 0;
    const previous = index === 0 ? count : (counts[index - 1] ?? 0);
    return {
      __typename: 'FunnelStep' as const,
      stage,
      count,
      rateFromPrevious: previous ? count / previous : 0,
      rateFromStart: counts[0] ? count / counts[0] : 0,
    };
  });
}

const ALERT_EVENT_NAMES = [
  'HANDOFF',
  'PERSON_REQUESTED',
  'ATTENTION',
  'REPLY_NOT_SENT',
  'INTEGRATION_ERROR',
  'UNANSWERED_CHAT',
  'SALE',
] as const;

/** A new owner's alert preferences: what needs a person by email too, sales in the app. */
export function alertPreferencesFixture(overrides: { emailAvailable?: boolean } = {}) {
  return {
    __typename: 'AlertPreferences' as const,
    email: 'owner@shop.test',
    emailAvailable: overrides.emailAvailable ?? true,
    pushPublicKey:
      'BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U',
    pushBrowsers: 0,
    events: ALERT_EVENT_NAMES.map((event) => ({
      __typename: 'AlertChannels' as const,
      event,
      inApp: true,
      email: event !== 'SALE' && event !== 'UNANSWERED_CHAT',
      push: event !== 'SALE' && event !== 'UNANSWERED_CHAT',
    })),
    quietHours: { __typename: 'QuietHours' as const, enabled: false, start: '22:00', end: '07:00' },
    dailySummary: { __typename: 'DailySummary' as const, enabled: true, hour: 8 },
  };
}

export function alertFixture(overrides: { id?: string; title?: string; link?: string } = {}) {
  return {
    __typename: 'Alert' as const,
    id: overrides.id ?? '665f1c2e9b1e8a3d4c5b6a90',
    event: 'PERSON_REQUESTED' as const,
    title: overrides.title ?? 'Jane Doe asked for a person',
    body: 'The AI handed the chat on Messenger to you: customer asked for a person.',
    link: overrides.link ?? `/inbox/${CHAT_ID}`,
    test: false,
    chatId: CHAT_ID,
    createdAt: minutesAgo(1),
  };
}
