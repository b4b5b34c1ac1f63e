import type { Types } from 'mongoose';
import type { Platform } from '../../platforms/platform';
import { AdStatsModel, adKeyOf, type AdReferral } from './adStats.model';
import { AnalyticsModel, emptyHourlyData } from './analytics.model';
import { derivedId } from './analyticsIds';
import { noteAdKey, noteSlice } from './analyticsSlices';
import { businessMoment, dayKeyOf } from './businessDay';
import type { Counter } from './metricDefinitions';
import { incrementById } from '../../db/mergedWrites';
import { isDuplicateKey } from '../../db/writeErrors';

export type HourlyCounter = 'messages' | 'conversations' | 'conversions';

/** Where a counted thing belongs: whose, which campaign and platform, and when. */
export interface Occurrence {
  userId: Types.ObjectId;
  campaignId?: Types.ObjectId | null;
  platform: Platform;
  at: Date;
}

interface DayKey {
  userId: Types.ObjectId;
  campaignId: Types.ObjectId | null;
  platform: Platform;
  date: Date;
}

/**
 * Collects the increments one event causes, grouped by day document (the event's day and
 * the conversation's start day are often the same document), then writes each document
 * once.
 */
export class DayIncrements {
  private readonly documents = new Map<string, { key: DayKey; inc: Record<string, number> }>();

  constructor(private readonly timeZone: string) {}

  add(
    occurrence: Occurrence,
    counters: Partial<Record<Counter, number>>,
    hourly: Partial<Record<HourlyCounter, number>> = {},
  ): this {
    const { day, hour } = businessMoment(occurrence.at, this.timeZone);
    const key: DayKey = {
      userId: occurrence.userId,
      campaignId: occurrence.campaignId ?? null,
      platform: occurrence.platform,
      date: day,
    };
    const id = String(dayDocumentId(key));
    const entry = this.documents.get(id) ?? { key, inc: {} };
    const bump = (path: string, value: number | undefined) => {
      if (value) entry.inc[path] = (entry.inc[path] ?? 0) + value;
    };
    for (const [name, value] of Object.entries(counters)) bump(`metrics.${name}`, value);
    for (const [name, value] of Object.entries(hourly)) bump(`hourlyData.${hour}.${name}`, value);
    if (Object.keys(entry.inc).length > 0) this.documents.set(id, entry);
    return this;
  }

  async write(): Promise<void> {
    for (const { key, inc } of this.documents.values()) await incrementDay(key, inc);
    this.documents.clear();
  }
}

const dayDocumentId = (key: DayKey) =>
  derivedId(key.userId, key.campaignId, key.platform, dayKeyOf(key.date));

/**
 * `$inc` on the day's document by its derived `_id`; when there is none yet, it is created
 * with the increments already applied (its 24 hourly slots included: an upsert's `$inc` on
 * `hourlyData.N` would make an object, not the array). Losing a creation race to another
 * writer, or meeting a document written before ids were derived, lands in the same place.
 */
async function incrementDay(key: DayKey, inc: Record<string, number>): Promise<void> {
  const _id = dayDocumentId(key);
  if (await incrementById(AnalyticsModel, _id, inc)) return;
  // Noted before the document exists, so no crash between the two can hide it from reads.
  await noteSlice(key.userId, key.campaignId, key.platform);
  const metrics: Record<string, number> = {};
  const hourlyData = emptyHourlyData();
  for (const [path, value] of Object.entries(inc)) {
    const [root, first, second] = path.split('.');
    if (root === 'metrics') metrics[first!] = value;
    else (hourlyData[Number(first)] as unknown as Record<string, number>)[second!] = value;
  }
  try {
    await AnalyticsModel.create({ _id, ...key, metrics, hourlyData });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const again = await AnalyticsModel.updateOne({ _id }, { $inc: inc });
    if (again.matchedCount === 0) await AnalyticsModel.updateOne(key, { $inc: inc });
  }
}

export type AdCounter = 'chats' | 'conversions' | 'revenue';

/** Counts for the ad a chat came from (nothing when the referral names no ad or source). */
export async function incrementAd(
  userId: Types.ObjectId,
  referral: AdReferral | undefined | null,
  platform: Platform,
  at: Date,
  timeZone: string,
  counters: Partial<Record<AdCounter, number>>,
): Promise<void> {
  const adKey = adKeyOf(referral);
  const inc = Object.fromEntries(Object.entries(counters).filter(([, value]) => value));
  if (!adKey || Object.keys(inc).length === 0) return;
  const date = businessMoment(at, timeZone).day;
  const _id = derivedId(userId, adKey, dayKeyOf(date));
  if (await incrementById(AdStatsModel, _id, inc)) return;
  await noteAdKey(userId, adKey);
  const document = {
    _id,
    userId,
    adKey,
    date,
    adId: referral?.adId,
    source: referral?.source,
    headline: referral?.headline,
    platform,
    ...inc,
  };
  try {
    await AdStatsModel.create(document);
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    await AdStatsModel.updateOne({ _id }, { $inc: inc });
  }
}
