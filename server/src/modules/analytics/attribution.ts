import type { Scope } from '../../auth/ownership';
import type { Platform } from '../../platforms/platform';
import { AdStatsModel, type AdStats } from './adStats.model';
import { derivedId } from './analyticsIds';
import type { DayRange } from './analyticsRange';
import { slicesOf } from './analyticsSlices';
import { dayKeyOf, daysFrom } from './businessDay';
import { campaignNames } from './campaignNames';
import { fetchByIds } from '../../db/fetchByIds';
import { sumAll, sumBy, type DayDocument } from './dayDocuments';
import type {
  AdAttribution,
  AttributionFigures,
  CampaignAttribution,
  PlatformAttribution,
} from './insights.types';
import { ratio, type Counters } from './metricDefinitions';

const figures = (chats: number, conversions: number, revenue: number): AttributionFigures => ({
  chats,
  conversions,
  revenue,
  avgOrderValue: ratio(revenue, conversions),
});

const fromCounters = (counters: Counters) =>
  figures(counters.conversationsStarted, counters.conversions, counters.revenue);

const mostRevenue = (a: AttributionFigures, b: AttributionFigures) =>
  b.revenue - a.revenue || b.conversions - a.conversions || b.chats - a.chats;

/** The ad day documents of a range, oldest first: by `_id` for an owner (see db/fetchByIds). */
async function adDays(scope: Scope, range: DayRange): Promise<AdStats[]> {
  if (!scope.userId) {
    return AdStatsModel.find({ date: { $gte: range.first, $lte: range.last } })
      .sort({ date: 1 })
      .lean();
  }
  const userId = scope.userId;
  const { adKeys } = await slicesOf(userId);
  const ids = daysFrom(range.first, range.last).flatMap((day) =>
    adKeys.map((adKey) => derivedId(userId, adKey, dayKeyOf(day))),
  );
  return fetchByIds<AdStats>(AdStatsModel.collection, ids, {
    adKey: 1,
    adId: 1,
    source: 1,
    headline: 1,
    platform: 1,
    chats: 1,
    conversions: 1,
    revenue: 1,
  });
}

/**
 * Chats, sales and revenue by campaign and platform (from the day documents) and by ad
 * (from the ad counters of the same days, read the same way).
 */
export async function attribution(
  scope: Scope,
  range: DayRange,
  documents: DayDocument[],
): Promise<{
  total: AttributionFigures;
  byCampaign: CampaignAttribution[];
  byPlatform: PlatformAttribution[];
  byAd: AdAttribution[];
}> {
  const perCampaign = sumBy(documents, (document) =>
    document.campaignId ? String(document.campaignId) : null,
  );
  const ids = documents.map((document) => document.campaignId);
  const idOf = new Map(ids.map((id) => [id ? String(id) : null, id]));
  const [names, ads] = await Promise.all([campaignNames(scope, ids), adDays(scope, range)]);
  const byAd = new Map<string, AdAttribution>();
  for (const ad of ads) {
    const row = byAd.get(ad.adKey) ?? {
      ...figures(0, 0, 0),
      adId: null,
      source: null,
      headline: null,
      platform: null,
    };
    row.chats += ad.chats ?? 0;
    row.conversions += ad.conversions ?? 0;
    row.revenue += ad.revenue ?? 0;
    // The newest day names the ad (its headline may change).
    Object.assign(row, {
      adId: ad.adId ?? row.adId,
      source: ad.source ?? row.source,
      headline: ad.headline ?? row.headline,
      platform: ad.platform ?? row.platform,
    });
    byAd.set(ad.adKey, row);
  }
  return {
    total: fromCounters(sumAll(documents)),
    byCampaign: [...perCampaign]
      .map(([key, counters]) => ({
        campaignId: idOf.get(key) ?? null,
        campaignName: key ? (names.get(key) ?? null) : null,
        ...fromCounters(counters),
      }))
      .sort(mostRevenue),
    byPlatform: [...sumBy(documents, (document) => document.platform)]
      .map(([platform, counters]) => ({
        platform: platform as Platform,
        ...fromCounters(counters),
      }))
      .sort(mostRevenue),
    byAd: [...byAd.values()]
      .map((row) => ({ ...row, avgOrderValue: ratio(row.revenue, row.conversions) }))
      .sort(mostRevenue),
  };
}
