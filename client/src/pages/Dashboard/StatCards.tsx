import { StatCard } from '../../components/ui';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import {
  ChartIcon,
  ClockIcon,
  FireIcon,
  InboxIcon,
  MessageIcon,
  MoneyIcon,
  CampaignIcon,
  CheckIcon,
} from '../../components/ui/icons';
import {
  formatCountChange,
  formatDuration,
  formatDurationChange,
  formatInt,
  formatMoney,
  formatMoneyChange,
  formatPercent,
  formatPointsChange,
} from '../../lib/format';

export const StatCardsStats = graphql(`
  fragment StatCards_stats on DashboardStats {
    chats {
      total {
        today
        previous
        change
      }
      active {
        today
        previous
        change
      }
      needingAttention {
        today
        previous
        change
      }
    }
    campaigns {
      running
      total {
        today
        previous
        change
      }
      active {
        today
        previous
        change
      }
    }
    conversions {
      today
      previous
      change
    }
    revenue {
      today
      previous
      change
    }
    responseRate {
      today
      previous
      change
    }
    avgFirstResponseTime {
      today
      previous
      change
    }
  }
`);

const VS = 'vs yesterday';

/** Today's eight headline numbers, each with its change since the previous business day. */
export function StatCards(props: { stats: FragmentType<typeof StatCardsStats> | undefined }) {
  const stats = getFragmentData(StatCardsStats, props.stats);
  const loading = !stats;
  const icon = 'h-5 w-5';
  return (
    <div className="grid grid-cols-2 gap-3 sm:gap-4 xl:grid-cols-4">
      <StatCard
        label="New conversations"
        loading={loading}
        icon={<MessageIcon className={icon} />}
        value={stats && formatInt(stats.chats.total.today)}
        delta={stats?.chats.total.change}
        deltaText={stats && formatCountChange(stats.chats.total.change, stats.chats.total.previous)}
        deltaLabel={VS}
      />
      <StatCard
        label="Active conversations"
        loading={loading}
        icon={<InboxIcon className={icon} />}
        value={stats && formatInt(stats.chats.active.today)}
        delta={stats?.chats.active.change}
        deltaText={
          stats && formatCountChange(stats.chats.active.change, stats.chats.active.previous)
        }
        deltaLabel={VS}
      />
      <StatCard
        label="Sales"
        loading={loading}
        icon={<CheckIcon className={icon} />}
        value={stats && formatInt(stats.conversions.today)}
        delta={stats?.conversions.change}
        deltaText={stats && formatCountChange(stats.conversions.change, stats.conversions.previous)}
        deltaLabel={VS}
      />
      <StatCard
        label="Revenue"
        loading={loading}
        icon={<MoneyIcon className={icon} />}
        value={stats && formatMoney(stats.revenue.today)}
        delta={stats?.revenue.change}
        deltaText={stats && formatMoneyChange(stats.revenue.change, stats.revenue.previous)}
        deltaLabel={VS}
      />
      <StatCard
        label="Response rate"
        loading={loading}
        icon={<ChartIcon className={icon} />}
        value={stats && formatPercent(stats.responseRate.today)}
        delta={stats?.responseRate.change}
        deltaText={stats && formatPointsChange(stats.responseRate.change)}
        deltaLabel={VS}
      />
      <StatCard
        label="Avg. first response"
        loading={loading}
        icon={<ClockIcon className={icon} />}
        value={stats && formatDuration(stats.avgFirstResponseTime.today)}
        delta={stats?.avgFirstResponseTime.change}
        deltaText={stats && formatDurationChange(stats.avgFirstResponseTime.change)}
        deltaLabel={VS}
        invertDelta
      />
      <StatCard
        label="AI hand-offs"
        loading={loading}
        icon={<FireIcon className={icon} />}
        value={stats && formatInt(stats.chats.needingAttention.today)}
        delta={stats?.chats.needingAttention.change}
        deltaText={
          stats &&
          formatCountChange(
            stats.chats.needingAttention.change,
            stats.chats.needingAttention.previous,
          )
        }
        deltaLabel={VS}
        invertDelta
      />
      <StatCard
        label="Campaigns running"
        loading={loading}
        icon={<CampaignIcon className={icon} />}
        value={stats && formatInt(stats.campaigns.running)}
        hint={
          stats &&
          `${formatInt(stats.campaigns.active.today)} with chats today · ${formatInt(stats.campaigns.total.today)} in all`
        }
      />
    </div>
  );
}
