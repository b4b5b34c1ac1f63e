import { skipToken, useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { Funnel, HourlyHeatmap, TimeSeriesChart } from '../../charts';
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
import type { Platform } from '../../gql/graphql';
import { useUrlParams } from '../../useUrlParams';
import { AttributionTables } from './AttributionTables';
import { chartRow, GROUPS } from './chartGroups';
import {
  AnalyticsCampaignOptionsDocument,
  AnalyticsReportDocument,
  RevenueAttributionDocument,
} from './operations';
import { customRangeProblem, isRangeChoice, toRange, type RangeChoice } from './range';

const PLATFORMS: Platform[] = ['FACEBOOK', 'INSTAGRAM', 'WHATSAPP', 'SIMULATOR'];

export function AnalyticsPage() {
  const toast = useToast();
  const [params, update] = useUrlParams();
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
