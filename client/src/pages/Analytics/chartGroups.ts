import { CHART_COLORS, type Series } from '../../charts';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { formatInt, formatMoney } from '../../lib/format';

/** The analytics page's daily charts: which metrics each shows, and how they read. */

/** Every metric of a day: the charts' series pick theirs by key. */
export const ChartGroupsDay = graphql(`
  fragment ChartGroups_day on AnalyticsDay {
    date
    messagesReceived
    messagesSent
    conversationsStarted
    activeConversations
    conversationsCompleted
    leadsGenerated
    qualifiedLeads
    conversions
    revenue
    avgOrderValue
    avgResponseTime
    responseRate
    engagementRate
    bounceRate
    conversionRate
    aiAccuracy
    aiHandoffRate
  }
`);

const seconds = (s: number) => `${s.toFixed(1)} s`;

export interface ChartGroup {
  title: string;
  description: string;
  series: Series[];
  /** Values per day, derived from the report's day (rates become percentages) */
  leftFormat?: (n: number) => string;
  rightFormat?: (n: number) => string;
}

export const GROUPS: ChartGroup[] = [
  {
    title: 'Messages',
    description: 'Customer messages received and replies sent',
    series: [
      { key: 'messagesReceived', label: 'Received', color: CHART_COLORS.indigo, format: formatInt },
      { key: 'messagesSent', label: 'Sent', color: CHART_COLORS.fuchsia, format: formatInt },
    ],
  },
  {
    title: 'Conversations',
    description: 'Started, active and completed per day',
    series: [
      {
        key: 'conversationsStarted',
        label: 'Started',
        color: CHART_COLORS.indigo,
        kind: 'line',
        format: formatInt,
      },
      {
        key: 'activeConversations',
        label: 'Active',
        color: CHART_COLORS.sky,
        kind: 'line',
        format: formatInt,
      },
      {
        key: 'conversationsCompleted',
        label: 'Completed',
        color: CHART_COLORS.emerald,
        kind: 'line',
        format: formatInt,
      },
    ],
  },
  {
    title: 'Leads & conversions',
    description: 'Leads from campaigns, qualified leads and sales',
    series: [
      {
        key: 'leadsGenerated',
        label: 'Leads',
        color: CHART_COLORS.indigo,
        kind: 'bar',
        format: formatInt,
      },
      {
        key: 'qualifiedLeads',
        label: 'Qualified',
        color: CHART_COLORS.amber,
        kind: 'bar',
        format: formatInt,
      },
      {
        key: 'conversions',
        label: 'Sales',
        color: CHART_COLORS.emerald,
        kind: 'bar',
        format: formatInt,
      },
    ],
  },
  {
    title: 'Revenue & order value',
    description: 'Revenue per day and the average order',
    series: [
      {
        key: 'revenue',
        label: 'Revenue',
        color: CHART_COLORS.fuchsia,
        kind: 'bar',
        format: formatMoney,
      },
      {
        key: 'avgOrderValue',
        label: 'Avg. order',
        color: CHART_COLORS.slate,
        kind: 'line',
        axis: 'right',
        format: formatMoney,
      },
    ],
  },
  {
    title: 'Rates',
    description: 'Response, engagement, bounce, AI accuracy and hand-off rates',
    leftFormat: (n) => `${n}%`,
    series: [
      {
        key: 'responseRate',
        label: 'Response',
        color: CHART_COLORS.indigo,
        kind: 'line',
        format: (n) => `${n}%`,
      },
      {
        key: 'engagementRate',
        label: 'Engagement',
        color: CHART_COLORS.emerald,
        kind: 'line',
        format: (n) => `${n}%`,
      },
      {
        key: 'bounceRate',
        label: 'Bounce',
        color: CHART_COLORS.rose,
        kind: 'line',
        format: (n) => `${n}%`,
      },
      {
        key: 'aiAccuracy',
        label: 'AI accuracy',
        color: CHART_COLORS.sky,
        kind: 'line',
        format: (n) => `${n}%`,
      },
      {
        key: 'aiHandoffRate',
        label: 'AI hand-off',
        color: CHART_COLORS.amber,
        kind: 'line',
        format: (n) => `${n}%`,
      },
    ],
  },
  {
    title: 'Response time',
    description: 'Average time from a customer message to the AI reply',
    series: [
      {
        key: 'avgResponseTime',
        label: 'Avg. response',
        color: CHART_COLORS.indigo,
        kind: 'area',
        format: seconds,
      },
    ],
    leftFormat: (n) => `${Number(n.toFixed(2))} s`,
  },
];

const RATE_KEYS = [
  'responseRate',
  'engagementRate',
  'bounceRate',
  'aiAccuracy',
  'aiHandoffRate',
  'conversionRate',
] as const;

/** Rates as percentages and times in seconds, so the axes read naturally. */
export function chartRow(ref: FragmentType<typeof ChartGroupsDay>) {
  const day = getFragmentData(ChartGroupsDay, ref);
  const row: { date: string } & Record<string, number | string> = { ...day };
  for (const key of RATE_KEYS) row[key] = Math.round(day[key] * 1000) / 10;
  row.avgResponseTime = day.avgResponseTime / 1000;
  return row;
}
