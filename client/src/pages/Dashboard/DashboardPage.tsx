import { useQuery, useSubscription } from '@apollo/client/react';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { useMe } from '../../auth/useMe';
import { CHART_COLORS, Funnel, TimeSeriesChart } from '../../charts';
import {
  buttonClasses,
  Card,
  EmptyState,
  PageHeader,
  Skeleton,
  useToast,
} from '../../components/ui';
import { graphql } from '../../gql';
import { formatDay, formatInt, formatMoney } from '../../lib/format';
import { TestChatsLeftOut } from '../../components/insights/TestChatsLeftOut';
import { TestChatsSwitch } from '../../components/insights/TestChatsSwitch';
import { useIncludeTests } from '../../lib/includeTests';
import { ChannelAlerts } from './ChannelAlerts';
import { HotLeads } from './HotLeads';
import { LiveBadge } from './LiveBadge';
import { StatCards } from './StatCards';

export const DashboardStatsDocument = graphql(`
  query DashboardStats($includeTests: Boolean!) {
    dashboardStats(includeTests: $includeTests) {
      date
      previousDate
      ...StatCards_stats
    }
  }
`);

export const DashboardTrendDocument = graphql(`
  query DashboardTrend($includeTests: Boolean!) {
    analytics(range: { preset: LAST_30_DAYS }, includeTests: $includeTests) {
      days {
        date
        messagesReceived
        messagesSent
        revenue
      }
    }
    funnel(range: { preset: LAST_30_DAYS }, includeTests: $includeTests) {
      steps {
        stage
        count
        rateFromPrevious
        rateFromStart
      }
    }
    testChats: chats(filter: { platform: SIMULATOR }, limit: 1) {
      total
    }
  }
`);

export const HotLeadsDocument = graphql(`
  query HotLeads($minScore: Int!, $limit: Int!, $includeTests: Boolean!) {
    leads(minScore: $minScore, limit: $limit, includeTests: $includeTests) {
      total
      ...HotLeads_leads
    }
  }
`);

export const DashboardStatsUpdatedDocument = graphql(`
  subscription DashboardStatsUpdated {
    statsUpdated {
      at
    }
  }
`);

/** Bursts of events (a busy chat) become one refetch. */
const REFETCH_DELAY_MS = 400;
export const HOT_LEAD_MIN_SCORE = 50;

function greeting(hour: number) {
  if (hour < 12) return 'Good morning';
  if (hour < 18) return 'Good afternoon';
  return 'Good evening';
}

export function DashboardPage() {
  const toast = useToast();
  const { me } = useMe();
  const [includeTests, setIncludeTests] = useIncludeTests();
  const stats = useQuery(DashboardStatsDocument, { variables: { includeTests } });
  const trend = useQuery(DashboardTrendDocument, { variables: { includeTests } });
  const leads = useQuery(HotLeadsDocument, {
    variables: { minScore: HOT_LEAD_MIN_SCORE, limit: 5, includeTests },
  });
  const testChats = includeTests ? 0 : (trend.data?.testChats.total ?? 0);
  const [liveAt, setLiveAt] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const refetchers = useRef({ stats: stats.refetch, trend: trend.refetch, leads: leads.refetch });
  refetchers.current = { stats: stats.refetch, trend: trend.refetch, leads: leads.refetch };

  useSubscription(DashboardStatsUpdatedDocument, {
    onData: ({ data }) => {
      if (!data.data) return;
      setLiveAt(data.data.statsUpdated.at);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => {
        const r = refetchers.current;
        void Promise.all([r.stats(), r.trend(), r.leads()]).catch(() => {
          // The queries' own error states show it.
        });
      }, REFETCH_DELAY_MS);
    },
  });
  useEffect(() => () => clearTimeout(timer.current), []);

  const error = stats.error ?? trend.error ?? leads.error;
  useEffect(() => {
    if (error) toast.error(error);
  }, [error, toast]);

  const s = stats.data?.dashboardStats;
  const days = trend.data?.analytics.days;
  const chartData = days?.map((d) => ({
    date: d.date,
    messages: d.messagesReceived + d.messagesSent,
    revenue: d.revenue,
  }));
  const totals = days?.reduce(
    (acc, d) => ({
      messages: acc.messages + d.messagesReceived + d.messagesSent,
      revenue: acc.revenue + d.revenue,
    }),
    { messages: 0, revenue: 0 },
  );
  const name = me?.businessInfo.ownerName?.split(' ')[0];

  return (
    <>
      <PageHeader
        title="Dashboard"
        description={
          <>
            {greeting(new Date().getHours())}
            {name ? `, ${name}` : ''}.{' '}
            {s
              ? `Today (${formatDay(s.date)}) compared with ${formatDay(s.previousDate)}.`
              : 'Here is how today is going.'}
          </>
        }
        actions={
          <>
            <TestChatsSwitch checked={includeTests} onChange={setIncludeTests} />
            <LiveBadge liveAt={liveAt} />
            <Link to="/inbox" className={buttonClasses('secondary')}>
              Open inbox
            </Link>
            <Link to="/campaigns/new" className={buttonClasses('primary')}>
              New campaign
            </Link>
          </>
        }
      />

      <ChannelAlerts />
      <StatCards stats={s} />

      <div className="mt-6 grid gap-6 lg:grid-cols-3">
        <Card
          className="lg:col-span-2"
          title="Last 30 days"
          description={
            totals
              ? `${formatInt(totals.messages)} messages · ${formatMoney(totals.revenue)} revenue`
              : 'Messages and revenue per day'
          }
          actions={
            <Link
              to="/analytics"
              className="rounded text-sm font-semibold text-indigo-700 hover:underline focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none"
            >
              Full analytics
            </Link>
          }
        >
          {!chartData ? (
            <Skeleton className="h-[260px] w-full" />
          ) : (
            <TimeSeriesChart
              title="Messages and revenue per day over the last 30 days"
              data={chartData}
              series={[
                {
                  key: 'messages',
                  label: 'Messages',
                  color: CHART_COLORS.indigo,
                  format: formatInt,
                },
                {
                  key: 'revenue',
                  label: 'Revenue',
                  color: CHART_COLORS.fuchsia,
                  kind: 'bar',
                  axis: 'right',
                  format: formatMoney,
                },
              ]}
            />
          )}
        </Card>
        <Card title="Funnel" description="Conversations started in the last 30 days">
          {!trend.data ? (
            <Skeleton lines={6} />
          ) : trend.data.funnel.steps[0]?.count ? (
            <Funnel steps={trend.data.funnel.steps} />
          ) : testChats > 0 ? (
            <TestChatsLeftOut
              title="No customer chats yet"
              testChats={testChats}
              onInclude={() => setIncludeTests(true)}
            />
          ) : (
            <EmptyState
              title="No conversations yet"
              description="Connect a channel or chat with a campaign in the simulator to fill the funnel."
              action={
                <Link to="/integrations" className={buttonClasses('secondary', 'sm')}>
                  Connect a channel
                </Link>
              }
            />
          )}
        </Card>
      </div>

      <Card
        className="mt-6"
        title="Hottest leads"
        description={`Scored ${HOT_LEAD_MIN_SCORE} or more, with what moved their score`}
        actions={
          leads.data && leads.data.leads.total > 5 ? (
            <Link
              to="/inbox"
              className="rounded text-sm font-semibold text-indigo-700 hover:underline focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none"
            >
              All {leads.data.leads.total} leads
            </Link>
          ) : undefined
        }
      >
        <HotLeads
          leads={leads.data?.leads}
          testChats={testChats}
          onIncludeTests={() => setIncludeTests(true)}
        />
      </Card>
    </>
  );
}
