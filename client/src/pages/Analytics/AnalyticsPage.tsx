import { skipToken, useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { CHART_COLORS, Funnel, HourlyHeatmap, TimeSeriesChart, type Series } from '../../charts';
import {
  Card,
  EmptyState,
  Input,
  PageHeader,
  Select,
  Skeleton,
  StatCard,
  Table,
  Tabs,
  useToast,
} from '../../components/ui';
import {
  formatDay,
  formatDuration,
  formatInt,
  formatMoney,
  formatPercent,
  PLATFORM_LABELS,
} from '../../format';
import type { AnalyticsReportQuery, Platform } from '../../gql/graphql';
import { AttributionTables } from './AttributionTables';
import {
  AnalyticsCampaignOptionsDocument,
  AnalyticsReportDocument,
  RevenueAttributionDocument,
} from './operations';
import { customRangeProblem, isRangeChoice, toRange, type RangeChoice } from './range';

type Day = AnalyticsReportQuery['analytics']['days'][number];

const PLATFORMS: Platform[] = ['FACEBOOK', 'INSTAGRAM', 'WHATSAPP', 'SIMULATOR'];
const seconds = (s: number) => `${s.toFixed(1)} s`;

interface ChartGroup {
  title: string;
  description: string;
  series: Series[];
  /** Values per day, derived from the report's day (rates become percentages) */
  leftFormat?: (n: number) => string;
  rightFormat?: (n: number) => string;
}

const GROUPS: ChartGroup[] = [
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
function chartRow(day: Day) {
  const row: { date: string } & Record<string, number | string> = { ...day };
  for (const key of RATE_KEYS) row[key] = Math.round(day[key] * 1000) / 10;
  row.avgResponseTime = day.avgResponseTime / 1000;
  return row;
}

export function AnalyticsPage() {
  const toast = useToast();
  const [params, setParams] = useSearchParams();
  const choiceParam = params.get('range');
  const choice: RangeChoice = isRangeChoice(choiceParam) ? choiceParam : '30d';
  const campaignId = params.get('campaign') || null;
  const platformParam = params.get('platform');
  const platform = PLATFORMS.find((p) => p === platformParam) ?? null;
  const [from, setFrom] = useState(params.get('from') ?? '');
  const [to, setTo] = useState(params.get('to') ?? '');

  const range = toRange(choice, params.get('from') ?? '', params.get('to') ?? '');
  const customProblem = choice === 'custom' ? customRangeProblem(from, to) : null;

  const report = useQuery(
    AnalyticsReportDocument,
    range ? { variables: { range, campaignId, platform } } : skipToken,
  );
  const attribution = useQuery(
    RevenueAttributionDocument,
    range ? { variables: { range } } : skipToken,
  );
  const campaigns = useQuery(AnalyticsCampaignOptionsDocument);

  const error = report.error ?? attribution.error ?? campaigns.error;
  useEffect(() => {
    if (error) toast.error(error);
  }, [error, toast]);

  function update(changes: Record<string, string | null>) {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  }

  function applyCustom(nextFrom: string, nextTo: string) {
    setFrom(nextFrom);
    setTo(nextTo);
    if (!customRangeProblem(nextFrom, nextTo)) update({ from: nextFrom, to: nextTo });
  }

  // previousData keeps the old charts on screen while a new range loads.
  const data = report.data ?? report.previousData;
  const a = data?.analytics;
  const totals = a?.totals;
  const rows = a?.days.map(chartRow);
  const hasActivity = Boolean(totals && (totals.messagesReceived || totals.conversationsStarted));

  return (
    <>
      <PageHeader
        title="Analytics"
        description={
          a
            ? `${formatDay(a.from, { year: 'numeric' })} – ${formatDay(a.to, { year: 'numeric' })} · business days in ${a.timezone}`
            : 'Every metric, day by day.'
        }
      />

      <Card className="mb-6">
        <div className="flex flex-wrap items-end gap-4">
          <div className="grid gap-1.5">
            <span className="text-sm font-medium text-slate-800" id="range-label">
              Range
            </span>
            <Tabs
              label="Date range"
              value={choice}
              onChange={(id) => {
                if (id === 'custom') {
                  const today = new Date().toISOString().slice(0, 10);
                  const start = new Date(Date.now() - 13 * 86_400_000).toISOString().slice(0, 10);
                  const f = from || start;
                  const t = to || today;
                  setFrom(f);
                  setTo(t);
                  update({ range: 'custom', from: f, to: t });
                } else update({ range: id, from: null, to: null });
              }}
              tabs={[
                { id: '7d', label: '7 days' },
                { id: '30d', label: '30 days' },
                { id: '90d', label: '90 days' },
                { id: 'custom', label: 'Custom' },
              ]}
            />
          </div>
          {choice === 'custom' && (
            <>
              <Input
                label="From"
                type="date"
                value={from}
                max={to || undefined}
                onChange={(e) => applyCustom(e.target.value, to)}
                wrapperClassName="w-40"
              />
              <Input
                label="To"
                type="date"
                value={to}
                min={from || undefined}
                onChange={(e) => applyCustom(from, e.target.value)}
                wrapperClassName="w-40"
                error={customProblem}
              />
            </>
          )}
          <Select
            label="Campaign"
            value={campaignId ?? ''}
            onChange={(e) => update({ campaign: e.target.value || null })}
            wrapperClassName="min-w-[12rem] flex-1 sm:flex-none"
          >
            <option value="">All campaigns</option>
            {campaigns.data?.campaigns.items.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </Select>
          <Select
            label="Platform"
            value={platform ?? ''}
            onChange={(e) => update({ platform: e.target.value || null })}
            wrapperClassName="min-w-[10rem] flex-1 sm:flex-none"
          >
            <option value="">All platforms</option>
            {PLATFORMS.map((p) => (
              <option key={p} value={p}>
                {p === 'SIMULATOR' ? 'Simulator (test chats)' : PLATFORM_LABELS[p]}
              </option>
            ))}
          </Select>
        </div>
      </Card>

      <div className="grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-3 xl:grid-cols-6">
        <StatCard
          label="Messages received"
          loading={!totals}
          value={totals && formatInt(totals.messagesReceived)}
        />
        <StatCard
          label="Conversations"
          loading={!totals}
          value={totals && formatInt(totals.conversationsStarted)}
        />
        <StatCard label="Sales" loading={!totals} value={totals && formatInt(totals.conversions)} />
        <StatCard label="Revenue" loading={!totals} value={totals && formatMoney(totals.revenue)} />
        <StatCard
          label="Conversion rate"
          loading={!totals}
          value={totals && formatPercent(totals.conversionRate, 1)}
        />
        <StatCard
          label="Avg. response"
          loading={!totals}
          value={totals && formatDuration(totals.avgResponseTime)}
        />
      </div>

      {totals && !hasActivity && (
        <Card className="mt-6">
          <EmptyState
            title="Nothing happened in this range yet"
            description="Pick a longer range, another campaign or platform, or start a conversation from a campaign's simulator."
          />
        </Card>
      )}

      <div className="mt-6 grid gap-6 xl:grid-cols-2" aria-busy={report.loading || undefined}>
        {GROUPS.map((group) => (
          <Card key={group.title} title={group.title} description={group.description}>
            {rows ? (
              <TimeSeriesChart
                title={`${group.title} per day`}
                data={rows}
                series={group.series}
                leftFormat={group.leftFormat}
                rightFormat={group.rightFormat}
                height={240}
              />
            ) : (
              <Skeleton className="h-[240px] w-full" />
            )}
          </Card>
        ))}
      </div>

      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <Card
          className="lg:col-span-2"
          title="Activity by hour"
          description="When customers write, start conversations and buy"
        >
          {a ? <HourlyHeatmap hours={a.hourly} timezone={a.timezone} /> : <Skeleton lines={4} />}
        </Card>
        <Card title="Funnel" description="Conversations started in the range">
          {data ? <Funnel steps={data.funnel.steps} /> : <Skeleton lines={6} />}
        </Card>
      </div>

      {data && data.funnel.byPlatform.length > 0 && (
        <Card className="mt-6" title="Funnel by platform" flush>
          <Table
            caption="Funnel by platform"
            rows={data.funnel.byPlatform}
            rowKey={(r) => r.platform}
            columns={[
              { key: 'platform', header: 'Platform', render: (r) => PLATFORM_LABELS[r.platform] },
              ...(['CONVERSATIONS', 'ENGAGED', 'QUALIFIED', 'CONVERTED'] as const).map((stage) => ({
                key: stage,
                header: stage.charAt(0) + stage.slice(1).toLowerCase(),
                align: 'right' as const,
                render: (r: (typeof data.funnel.byPlatform)[number]) => {
                  const step = r.steps.find((s) => s.stage === stage);
                  if (!step) return '—';
                  return stage === 'CONVERSATIONS'
                    ? formatInt(step.count)
                    : `${formatInt(step.count)} (${formatPercent(step.rateFromStart)})`;
                },
              })),
            ]}
          />
        </Card>
      )}

      <Card
        className="mt-6"
        title="Revenue attribution"
        description={
          attribution.data
            ? `${formatMoney(attribution.data.revenueAttribution.total.revenue)} from ${formatInt(attribution.data.revenueAttribution.total.conversions)} sales · all campaigns and platforms`
            : 'Which campaign, platform and ad brought the money'
        }
      >
        <AttributionTables
          data={
            attribution.data?.revenueAttribution ?? attribution.previousData?.revenueAttribution
          }
        />
      </Card>
    </>
  );
}
