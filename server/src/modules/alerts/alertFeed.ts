import type { Types } from 'mongoose';
import { keepNewest } from '../../db/boundedArray';
import { AlertFeedModel, FEED_LIMIT, type Alert, type AlertList } from './alert.model';

/** Adds an alert to its owner's feed (made on the first one) and counts it unread. */
export async function addToFeed(userId: Types.ObjectId, alert: Alert): Promise<void> {
  await AlertFeedModel.updateOne(
    { _id: userId },
    { $push: { items: { $each: [alert], $slice: -FEED_LIMIT } }, $inc: { unread: 1 } },
    { upsert: true },
  );
  await keepNewest(AlertFeedModel, { _id: userId }, 'items', FEED_LIMIT);
}

export async function feedOf(userId: Types.ObjectId, limit: number): Promise<AlertList> {
  const feed = await AlertFeedModel.findById(userId).lean();
  const items = [...(feed?.items ?? [])].reverse().slice(0, limit);
  return { items, unread: Math.min(feed?.unread ?? 0, FEED_LIMIT) };
}

export async function markFeedRead(userId: Types.ObjectId): Promise<void> {
  await AlertFeedModel.updateOne({ _id: userId }, { $set: { unread: 0 } });
}
