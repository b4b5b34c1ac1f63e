import type { Types } from 'mongoose';
import { ownerFilter, type Scope } from '../../auth/ownership';
import { Platform } from '../../platforms/platform';
import { AnalyticsModel, type HourlyBucket } from './analytics.model';
import type { DayRange } from './analyticsRange';
import { addCounters, emptyCounters, type Counters } from './metricDefinitions';

/** Real customer platforms: the simulator's test chats count only when asked for by name. */
export const CUSTOMER_PLATFORMS = [Platform.FACEBOOK, Platform.INSTAGRAM, Platform.WHATSAPP];

export interface DayFilter {
  campaignId?: Types.ObjectId | null;
  /** SIMULATOR selects the test chats; no platform means every real one. */
  platform?: Platform | null;
}

export interface DayDocument {
  campaignId: Types.ObjectId | null;
  platform: Platform;
  date: Date;
  counters: Counters;
  hourlyData?: HourlyBucket[];
}

/** The filter every analytics read uses: owner, then the day range, on the {userId, date} index. */
export function dayQuery(scope: Scope, range: DayRange, filter: DayFilter = {}) {
  return {
    ...ownerFilter(scope),
    date: { $gte: range.first, $lte: range.last },
    ...(filter.campaignId ? { campaignId: filter.campaignId } : {}),
    platform: filter.platform ? filter.platform : { $in: CUSTOMER_PLATFORMS },
  };
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
  const documents = await AnalyticsModel.find(dayQuery(scope, range, filter))
    .select(
      options.hourly
        ? { campaignId: 1, platform: 1, date: 1, metrics: 1, hourlyData: 1 }
        : { campaignId: 1, platform: 1, date: 1, metrics: 1 },
    )
    .lean();
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
