/**
 * The one place every analytics number is defined: the counters stored on each day's
 * document, and each shown metric's definition next to its computation. The texts are
 * also the GraphQL descriptions (analytics.types.ts) and are copied in docs/analytics.md.
 *
 * Days are the business's days (businessTimeZone.ts). "Event" counters count a thing on
 * the day it happened. "Cohort" counters count a conversation under the day it started,
 * once, whenever it reaches the milestone: so every rate over conversations compares
 * like with like and stays within 0..1. Over a range, metrics are computed from the sums
 * of the counters, never by averaging daily rates. A rate whose denominator is 0 is 0.
 */
export const COUNTERS = [
  // event counters
  'messagesReceived',
  'messagesSent',
  'conversationsStarted',
  'activeConversations',
  'conversationsCompleted',
  'leadsGenerated',
  'qualifiedLeads',
  'conversions',
  'revenue',
  'aiReplies',
  'aiHandoffs',
  'responseTimeSumMs',
  'responseTimeCount',
  // cohort counters
  'engagedConversations',
  'respondedConversations',
  'aiHandledConversations',
  'handedOffConversations',
  'takenOverConversations',
  'qualifiedConversations',
  'convertedConversations',
] as const;

export type Counter = (typeof COUNTERS)[number];
export type Counters = Record<Counter, number>;

export const emptyCounters = (): Counters =>
  Object.fromEntries(COUNTERS.map((name) => [name, 0])) as Counters;

/** Adds `from` into `into` (missing counters count as 0). */
export function addCounters(into: Counters, from: Partial<Record<string, number>>): Counters {
  for (const name of COUNTERS) into[name] += from[name] ?? 0;
  return into;
}

/** a / b, or 0 when there is nothing to divide by. */
export const ratio = (a: number, b: number): number => (b > 0 ? a / b : 0);

interface MetricDefinition {
  definition: string;
  compute(counters: Counters): number;
}

/** Every metric of the analytics series (the seed schema's metrics), defined once. */
export const METRICS = {
  messagesSent: {
    definition:
      "Our replies the platform accepted (the AI's and people's), counted the day they went out.",
    compute: (c) => c.messagesSent,
  },
  messagesReceived: {
    definition: 'Customer messages, counted the day the customer sent them.',
    compute: (c) => c.messagesReceived,
  },
  responseRate: {
    definition:
      'Share (0-1) of the conversations started in the period that got at least one reply ' +
      '(from the AI, its out-of-hours message, or a person): ' +
      'respondedConversations / conversationsStarted.',
    compute: (c) => ratio(c.respondedConversations, c.conversationsStarted),
  },
  avgResponseTime: {
    definition:
      "Average milliseconds from a customer message to the AI's reply to it, over the replies " +
      'that went out in the period: responseTimeSumMs / responseTimeCount.',
    compute: (c) => ratio(c.responseTimeSumMs, c.responseTimeCount),
  },
  conversationsStarted: {
    definition: "New conversations, counted the day of the customer's first message.",
    compute: (c) => c.conversationsStarted,
  },
  activeConversations: {
    definition:
      'Conversations in which the customer wrote that day, each once a day; over a range the ' +
      'days are added up (conversation-days).',
    compute: (c) => c.activeConversations,
  },
  conversationsCompleted: {
    definition:
      'Conversations that reached an end (converted, closed or archived) for the first time, ' +
      'counted that day.',
    compute: (c) => c.conversationsCompleted,
  },
  leadsGenerated: {
    definition: 'Conversations started under a campaign, counted the day they started.',
    compute: (c) => c.leadsGenerated,
  },
  qualifiedLeads: {
    definition:
      'Conversations that qualified (status QUALIFIED, or converted before it) for the first ' +
      'time, counted that day.',
    compute: (c) => c.qualifiedLeads,
  },
  conversions: {
    definition:
      'Sales: conversations that converted (agreed with the AI or marked by the owner), each ' +
      'once, counted the day of the sale.',
    compute: (c) => c.conversions,
  },
  conversionRate: {
    definition:
      'Share (0-1) of the conversations started in the period that have converted: ' +
      'convertedConversations / conversationsStarted.',
    compute: (c) => ratio(c.convertedConversations, c.conversationsStarted),
  },
  revenue: {
    definition: 'Order value of the sales counted in conversions.',
    compute: (c) => c.revenue,
  },
  avgOrderValue: {
    definition: 'Revenue per sale: revenue / conversions.',
    compute: (c) => ratio(c.revenue, c.conversions),
  },
  engagementRate: {
    definition:
      'Share (0-1) of the conversations started in the period that engaged: the customer wrote ' +
      'a second message, or the conversation qualified or converted. ' +
      'engagedConversations / conversationsStarted.',
    compute: (c) => ratio(c.engagedConversations, c.conversationsStarted),
  },
  bounceRate: {
    definition:
      'Share (0-1) of the conversations started in the period that did not engage (one ' +
      'customer message and nothing more so far): 1 - engagementRate, or 0 when none started.',
    compute: (c) =>
      c.conversationsStarted > 0 ? 1 - ratio(c.engagedConversations, c.conversationsStarted) : 0,
  },
  aiAccuracy: {
    definition:
      'Share (0-1) of the AI-handled conversations started in the period that no person took ' +
      'over: 1 - takenOverConversations / aiHandledConversations, or 0 when the AI handled ' +
      'none. AI-handled: the AI answered at least once. Taken over: the business switched the ' +
      'chat from the AI to a person (sendMessage or setChatMode HUMAN while the AI had it); a ' +
      'hand-off the AI asked for itself is not a takeover.',
    compute: (c) =>
      c.aiHandledConversations > 0
        ? 1 - ratio(c.takenOverConversations, c.aiHandledConversations)
        : 0,
  },
  aiHandoffRate: {
    definition:
      'Share (0-1) of the AI-handled conversations started in the period that the AI handed ' +
      'to a person: handedOffConversations / aiHandledConversations.',
    compute: (c) => ratio(c.handedOffConversations, c.aiHandledConversations),
  },
} satisfies Record<string, MetricDefinition>;

export type MetricName = keyof typeof METRICS;
export type Metrics = Record<MetricName, number>;

export function deriveMetrics(counters: Counters): Metrics {
  return Object.fromEntries(
    Object.entries(METRICS).map(([name, metric]) => [name, metric.compute(counters)]),
  ) as Metrics;
}

/** The dashboard's own figures (the rest are the metrics above, today and yesterday). */
export const DASHBOARD = {
  campaignsTotal:
    'Campaigns you have: today = now; previous = those created before today began ' +
    '(deleted campaigns are gone from both).',
  campaignsActive:
    'Campaigns with at least one active conversation that day (a customer wrote in a chat ' +
    'of the campaign).',
  campaignsRunning: 'Campaigns whose status is ACTIVE now.',
  chatsTotal: METRICS.conversationsStarted.definition,
  chatsActive: METRICS.activeConversations.definition,
  chatsNeedingAttention:
    'Times the AI asked for a person that day (aiHandoffs). The chats waiting right now are ' +
    'the inbox query chats(filter: {needsAttention: true}).',
} as const;

/**
 * The funnel over the conversations started in the period (cohort counters), so each
 * stage is a subset of the one before: conversations -> engaged -> qualified -> converted.
 */
export const FUNNEL = {
  CONVERSATIONS: {
    definition: METRICS.conversationsStarted.definition,
    counter: 'conversationsStarted',
  },
  ENGAGED: {
    definition: 'Of those, the ones that engaged (see engagementRate).',
    counter: 'engagedConversations',
  },
  QUALIFIED: {
    definition:
      'Of those, the ones that qualified: status QUALIFIED (the AI or the owner), or converted.',
    counter: 'qualifiedConversations',
  },
  CONVERTED: {
    definition: 'Of those, the ones that converted.',
    counter: 'convertedConversations',
  },
} as const satisfies Record<string, { definition: string; counter: Counter }>;

/** Attribution figures for one campaign, platform or ad over the period (event counters). */
export const ATTRIBUTION = {
  chats:
    'Conversations started in the period; for an ad, conversations that arrived with its ' +
    'referral (counted the day the referral arrived).',
  conversions: 'Sales agreed in the period (by the day of the sale).',
  revenue: 'Order value of those sales.',
  avgOrderValue: 'revenue / conversions.',
} as const;
