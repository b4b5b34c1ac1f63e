import { ownerFilter, type Scope } from '../../auth/ownership';
import { CampaignModel, CampaignStatus } from '../campaigns/campaign.model';
import { emptyHourlyData } from './analytics.model';
import type {
  AmountChange,
  AnalyticsRange,
  AnalyticsReport,
  CountChange,
  DashboardStats,
} from './analytics.types';
import { periodOf, resolveRange, type DayRange } from './analyticsRange';
import { attribution } from './attribution';
import { addDays, businessMoment, dayKeyOf, daysFrom, startOfBusinessDay } from './businessDay';
import { businessTimeZone } from './businessTimeZone';
import { fetchDays, sumAll, sumBy, type DayFilter } from './dayDocuments';
import { funnelOf } from './funnel';
import type { Funnel, RevenueAttribution } from './insights.types';
import { deriveMetrics, emptyCounters, METRICS, type Counters } from './metricDefinitions';

const countChange = (today: number, previous: number): CountChange => ({
  today,
  previous,
  change: today - previous,
});
const amountChange = (today: number, previous: number): AmountChange =>
  countChange(today, previous);

/**
 * Dashboard, series, funnel and attribution. Every read is the owner's pre-aggregated day
 * documents (and ad counters) for a bounded range of days, summed in TypeScript: never
 * `messages`, never a scan of chats, so the cost follows the range asked for, not the
 * history behind it.
 */
export class AnalyticsReadService {
  /** The zone the owner's days are in; for an admin looking at every owner, UTC. */
  private zoneOf(scope: Scope): Promise<string> {
    return scope.userId ? businessTimeZone(scope.userId) : Promise.resolve('UTC');
  }

  private async rangeOf(scope: Scope, range: AnalyticsRange): Promise<DayRange> {
    return resolveRange(range, await this.zoneOf(scope));
  }

  async dashboard(
    scope: Scope,
    { includeTests = false, now = new Date() }: { includeTests?: boolean; now?: Date } = {},
  ): Promise<DashboardStats> {
    const timeZone = await this.zoneOf(scope);
    const today = businessMoment(now, timeZone).day;
    const yesterday = addDays(today, -1);
    const [documents, campaigns] = await Promise.all([
      fetchDays(scope, { first: yesterday, last: today, timeZone }, { includeTests }),
      CampaignModel.find(ownerFilter(scope)).select({ status: 1, createdAt: 1 }).lean(),
    ]);
    const byDay = sumBy(documents, (document) => dayKeyOf(document.date));
    const day = (key: Date) => byDay.get(dayKeyOf(key)) ?? emptyCounters();
    const [current, previous] = [day(today), day(yesterday)];
    const activeCampaigns = (key: Date) =>
      new Set(
        documents
          .filter((document) => document.date.getTime() === key.getTime())
          .filter((document) => document.campaignId && document.counters.activeConversations > 0)
          .map((document) => String(document.campaignId)),
      ).size;
    const todayBegan = startOfBusinessDay(today, timeZone);
    const change = (pick: (counters: Counters) => number) =>
      countChange(pick(current), pick(previous));
    const rate = (compute: (counters: Counters) => number) =>
      amountChange(compute(current), compute(previous));
    return {
      date: dayKeyOf(today),
      previousDate: dayKeyOf(yesterday),
      timezone: timeZone,
      campaigns: {
        total: countChange(
          campaigns.length,
          campaigns.filter((campaign) => campaign.createdAt < todayBegan).length,
        ),
        active: countChange(activeCampaigns(today), activeCampaigns(yesterday)),
        running: campaigns.filter((campaign) => campaign.status === CampaignStatus.ACTIVE).length,
      },
      chats: {
        total: change((c) => c.conversationsStarted),
        active: change((c) => c.activeConversations),
        needingAttention: change((c) => c.aiHandoffs),
      },
      conversions: change((c) => c.conversions),
      revenue: rate((c) => c.revenue),
      responseRate: rate(METRICS.responseRate.compute),
      avgFirstResponseTime: rate(METRICS.avgResponseTime.compute),
    };
  }

  async report(scope: Scope, range: AnalyticsRange, filter: DayFilter): Promise<AnalyticsReport> {
    const days = await this.rangeOf(scope, range);
    const documents = await fetchDays(scope, days, filter, { hourly: true });
    const byDay = sumBy(documents, (document) => dayKeyOf(document.date));
    const hourly = emptyHourlyData();
    for (const document of documents) {
      for (const bucket of document.hourlyData ?? []) {
        const into = hourly[bucket.hour];
        if (!into) continue;
        into.messages += bucket.messages ?? 0;
        into.conversations += bucket.conversations ?? 0;
        into.conversions += bucket.conversions ?? 0;
      }
    }
    return {
      ...periodOf(days),
      days: daysFrom(days.first, days.last).map((day) => ({
        date: dayKeyOf(day),
        ...deriveMetrics(byDay.get(dayKeyOf(day)) ?? emptyCounters()),
      })),
      totals: deriveMetrics(sumAll(documents)),
      hourly,
    };
  }

  async funnel(scope: Scope, range: AnalyticsRange, filter: DayFilter): Promise<Funnel> {
    const days = await this.rangeOf(scope, range);
    const documents = await fetchDays(scope, days, filter);
    return { ...periodOf(days), ...(await funnelOf(scope, documents)) };
  }

  async revenueAttribution(
    scope: Scope,
    range: AnalyticsRange,
    filter: Pick<DayFilter, 'includeTests'> = {},
  ): Promise<RevenueAttribution> {
    const days = await this.rangeOf(scope, range);
    const documents = await fetchDays(scope, days, filter);
    return { ...periodOf(days), ...(await attribution(scope, days, documents)) };
  }
}
