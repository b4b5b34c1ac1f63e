import type { Types } from 'mongoose';
import type { Scope } from '../../auth/ownership';
import { fetchByIds } from '../../db/fetchByIds';
import { Platform } from '../../platforms/platform';
import { AnalyticsModel, type Analytics, type HourlyBucket } from './analytics.model';
import { derivedId } from './analyticsIds';
import { dayCache } from './dayCache';
import type { DayRange } from './analyticsRange';
import { slicesOf } from './analyticsSlices';
import { dayKeyOf, daysFrom } from './businessDay';
import { addCounters, emptyCounters, type Counters } from './metricDefinitions';

/** Real customer platforms: the simulator's test chats count only when asked for by name. */
export const CUSTOMER_PLATFORMS = [Platform.FACEBOOK, Platform.INSTAGRAM, Platform.WHATSAPP];

export interface DayFilter {
  campaignId?: Types.ObjectId | null;
  /** SIMULATOR selects the test chats; no platform means every real one. */
  platform?: Platform | null;
  /** With no platform named: the simulator's test chats counted beside the real ones. */
  includeTests?: boolean | null;
}

/** The platforms a filter counts. */
function platformsOf(filter: DayFilter): Platform[] {
  if (filter.platform) return [filter.platform];
  return filter.includeTests ? [...CUSTOMER_PLATFORMS, Platform.SIMULATOR] : CUSTOMER_PLATFORMS;
}

export interface DayDocument {
  campaignId: Types.ObjectId | null;
  platform: Platform;
  date: Date;
  counters: Counters;
  hourlyData?: HourlyBucket[];
}

/** The range filter, for an admin's read across every owner (no series to enumerate). */
function everyOwnerQuery(range: DayRange, filter: DayFilter) {
  return {
    date: { $gte: range.first, $lte: range.last },
    ...(filter.campaignId ? { campaignId: filter.campaignId } : {}),
    platform: { $in: platformsOf(filter) },
  };
}

/**
 * The `_id`s of an owner's day documents in a range: one per day and series (campaign,
 * platform) the owner has, narrowed by the filter. Most of them exist; the ones that do not
 * cost a lookup that finds nothing.
 */
async function dayIds(userId: Types.ObjectId, range: DayRange, filter: DayFilter) {
  const { slices } = await slicesOf(userId);
  const platforms = platformsOf(filter);
  const wanted = slices.filter(
    (slice) =>
      (!filter.campaignId || (slice.campaignId?.equals(filter.campaignId) ?? false)) &&
      platforms.includes(slice.platform),
  );
  return daysFrom(range.first, range.last).flatMap((day) =>
    wanted.map((slice) => derivedId(userId, slice.campaignId, slice.platform, dayKeyOf(day))),
  );
}

/**
 * The day documents of a range: at most days x campaigns x platforms of them, however long
 * the history, and never a message. They are summed here in TypeScript rather than with
 * `$group`, because FerretDB 1.24's `$group` computes only its first accumulator (the others
 * come back 0) and has no `$max`/`$min`/`$first`; the fetch is bounded by owner and range
 * either way, so the sums cost the same on MongoDB.
 */
export async function fetchDays(
  scope: Scope,
  range: DayRange,
  filter: DayFilter = {},
  options: { hourly?: boolean } = {},
): Promise<DayDocument[]> {
  const projection: Record<string, 1> = { campaignId: 1, platform: 1, date: 1, metrics: 1 };
  if (options.hourly) projection.hourlyData = 1;
  const documents = scope.userId
    ? await byIds(await dayIds(scope.userId, range, filter), projection)
    : await AnalyticsModel.find(everyOwnerQuery(range, filter)).select(projection).lean();
  return documents.map((document) => ({
    campaignId: document.campaignId ?? null,
    platform: document.platform,
    date: document.date,
    counters: addCounters(
      emptyCounters(),
      (document.metrics ?? {}) as unknown as Record<string, number>,
    ),
    hourlyData: document.hourlyData,
  }));
}

/** The documents by `_id`, those read before from dayCache (whole, so any projection is served). */
async function byIds(ids: Types.ObjectId[], projection: Record<string, 1>): Promise<Analytics[]> {
  if (!dayCache.active) return fetchByIds<Analytics>(AnalyticsModel.collection, ids, projection);
  const missing = ids.filter((id) => dayCache.get(id) === undefined);
  const read = await fetchByIds<Analytics>(AnalyticsModel.collection, missing, WHOLE);
  const found = new Map(read.map((document) => [String(document._id), document]));
  for (const id of missing) dayCache.set(id, found.get(String(id)) ?? null);
  return ids.flatMap((id) => dayCache.get(id) ?? []);
}

const WHOLE = { campaignId: 1, platform: 1, date: 1, metrics: 1, hourlyData: 1 } as const;

/** Sums the documents' counters per group key (insertion order kept). */
export function sumBy<K>(documents: DayDocument[], keyOf: (document: DayDocument) => K) {
  const groups = new Map<K, Counters>();
  for (const document of documents) {
    const key = keyOf(document);
    groups.set(key, addCounters(groups.get(key) ?? emptyCounters(), document.counters));
  }
  return groups;
}

export const sumAll = (documents: DayDocument[]): Counters =>
  documents.reduce((total, document) => addCounters(total, document.counters), emptyCounters());
