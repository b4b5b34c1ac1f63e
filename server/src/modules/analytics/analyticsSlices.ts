import { Types } from 'mongoose';
import type { Platform } from '../../platforms/platform';
import { AdStatsModel } from './adStats.model';
import { AnalyticsModel } from './analytics.model';
import { AnalyticsSlicesModel } from './analyticsSlices.model';

export interface Slice {
  campaignId: Types.ObjectId | null;
  platform: Platform;
}

const sliceKey = (campaignId: Types.ObjectId | null | undefined, platform: Platform) =>
  `${campaignId ? String(campaignId) : '-'}:${platform}`;

function parseSlice(key: string): Slice {
  const [campaign, platform] = key.split(':');
  return {
    campaignId: campaign && campaign !== '-' ? new Types.ObjectId(campaign) : null,
    platform: platform as Platform,
  };
}

/** Called when a day document is created: at most once a day per campaign and platform. */
export async function noteSlice(
  userId: Types.ObjectId,
  campaignId: Types.ObjectId | null,
  platform: Platform,
): Promise<void> {
  await AnalyticsSlicesModel.updateOne(
    { _id: userId },
    { $addToSet: { slices: sliceKey(campaignId, platform) } },
    { upsert: true },
  );
}

/** Called when an ad's day document is created. */
export async function noteAdKey(userId: Types.ObjectId, adKey: string): Promise<void> {
  await AnalyticsSlicesModel.updateOne(
    { _id: userId },
    { $addToSet: { adKeys: adKey } },
    { upsert: true },
  );
}

/**
 * The owner's series. When there is no record (day documents restored or imported from
 * elsewhere, or written before this record existed), it is rebuilt from the owner's
 * documents once: the one read here that filters on more than `_id`.
 */
export async function slicesOf(
  userId: Types.ObjectId,
): Promise<{ slices: Slice[]; adKeys: string[] }> {
  const known = await AnalyticsSlicesModel.findById(userId).lean();
  if (known) return { slices: (known.slices ?? []).map(parseSlice), adKeys: known.adKeys ?? [] };
  const [days, ads] = await Promise.all([
    AnalyticsModel.find({ userId }).select({ campaignId: 1, platform: 1 }).lean(),
    AdStatsModel.find({ userId }).select({ adKey: 1 }).lean(),
  ]);
  const slices = [...new Set(days.map((day) => sliceKey(day.campaignId, day.platform)))];
  const adKeys = [...new Set(ads.map((ad) => ad.adKey))];
  await AnalyticsSlicesModel.updateOne(
    { _id: userId },
    { $addToSet: { slices: { $each: slices }, adKeys: { $each: adKeys } } },
    { upsert: true },
  );
  return { slices: slices.map(parseSlice), adKeys };
}

/** Drops the record so the next read rebuilds it: after documents were imported or deleted. */
export async function forgetSlices(userId: Types.ObjectId): Promise<void> {
  await AnalyticsSlicesModel.deleteOne({ _id: userId });
}

/**
 * Day documents (analytics, adstats) were written outside the pipeline (a restore, an
 * import): their owners' records are dropped, so the next read rebuilds them from the
 * documents. The database manager calls this through its collection registry.
 */
export async function dayDocumentsWritten(
  documents: readonly Record<string, unknown>[],
): Promise<void> {
  const owners = new Set(
    documents
      .map((document) => document.userId)
      .filter((id) => id instanceof Types.ObjectId)
      .map(String),
  );
  for (const owner of owners) await forgetSlices(new Types.ObjectId(owner));
}
