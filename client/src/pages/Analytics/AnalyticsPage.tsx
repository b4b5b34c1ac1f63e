import { skipToken, useQuery } from '@apollo/client/react';
import { useEffect } from 'react';
import { Funnel, HourlyHeatmap, TimeSeriesChart } from '../../charts';
import { Card, EmptyState, PageHeader, Skeleton, StatCard, useToast } from '../../components/ui';
import { graphql } from '../../gql';
import { formatDay, formatDuration, formatInt, formatMoney, formatPercent } from '../../lib/format';
import { useUrlParams } from '../../useUrlParams';
import { TestChatsLeftOut } from '../../components/insights/TestChatsLeftOut';
import { TestChatsSwitch } from '../../components/insights/TestChatsSwitch';
import { useIncludeTests } from '../../lib/includeTests';
import { AnalyticsFilters, PLATFORMS } from './AnalyticsFilters';
import { chartRow, GROUPS } from './chartGroups';
import { FunnelByPlatform } from './FunnelByPlatform';
import { isRangeChoice, toRange, type RangeChoice } from './range';
import { RevenueAttribution } from './RevenueAttribution';

export const AnalyticsReportDocument = graphql(`
  query AnalyticsReport(
    $range: AnalyticsRange!
    $campaignId: ObjectId
    $platform: Platform
    $includeTests: Boolean!
  ) {
    analytics(
      range: $range
      campaignId: $campaignId
      platform: $platform
      includeTests: $includeTests
    ) {
      from
      to
      timezone
      totals {
        messagesReceived
        conversationsStarted
        conversions
        revenue
        conversionRate
        avgResponseTime
      }
      days {
        ...ChartGroups_day
      }
      hourly {
        hour
        messages
        conversations
        conversions
      }
    }
    funnel(
      range: $range
      campaignId: $campaignId
      platform: $platform
      includeTests: $includeTests
    ) {
      steps {
        stage
        count
        rateFromPrevious
        rateFromStart
      }
      ...FunnelByPlatform_funnel
    }
    testChats: chats(filter: { platform: SIMULATOR }, limit: 1) {
      total
    }
  }
`);

export function AnalyticsPage() {
  const toast = useToast();
  const [params, update] = useUrlParams();
  const choiceParam = params.get('range');
  const choice: RangeChoice = isRangeChoice(choiceParam) ? choiceParam : '30d';
  const campaignId = params.get('campaign') || null;
  const platformParam = params.get('platform');
  const platform = PLATFORMS.find((p) => p === platformParam) ?? null;
  const savedFrom = params.get('from') ?? '';
  const savedTo = params.get('to') ?? '';
  const range = toRange(choice, savedFrom, savedTo);

  const [includeTests, setIncludeTests] = useIncludeTests();
  const report = useQuery(
    AnalyticsReportDocument,
    range ? { variables: { range, campaignId, platform, includeTests } } : skipToken,
  );
  useEffect(() => {
    if (report.error) toast.error(report.error);
  }, [report.error, toast]);

  // previousData keeps the old charts on screen while a new range loads.
  const data = report.data ?? report.previousData;
  const a = data?.analytics;
  const totals = a?.totals;
  const rows = a?.days.map(chartRow);
  const hasActivity = Boolean(totals && (totals.messagesReceived || totals.conversationsStarted));
  // Test chats the range leaves out: only when no platform was picked and they are not counted.
  const testChats = includeTests || platform ? 0 : (data?.testChats.total ?? 0);

  return (
    <>
      <PageHeader
        title="Analytics"
        description={
          a
            ? `${formatDay(a.from, { year: 'numeric' })} – ${formatDay(a.to, { year: 'numeric' })} · business days in ${a.timezone}`
            : 'Every metric, day by day.'
        }
        actions={
          platform ? undefined : (
            <TestChatsSwitch checked={includeTests} onChange={setIncludeTests} />
          )
        }
      />

      <AnalyticsFilters
        choice={choice}
        savedFrom={savedFrom}
        savedTo={savedTo}
        campaignId={campaignId}
        platform={platform}
        update={update}
      />

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

      {totals && !hasActivity && testChats > 0 && (
        <Card className="mt-6">
          <TestChatsLeftOut
            title="No customer activity in this range yet"
            testChats={testChats}
            onInclude={() => setIncludeTests(true)}
          />
        </Card>
      )}
      {totals && !hasActivity && testChats === 0 && (
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

      {data && <FunnelByPlatform funnel={data.funnel} />}

      <RevenueAttribution range={range} includeTests={includeTests && !platform} />
    </>
  );
}
