import type { Types } from 'mongoose';
import { derivedId } from '../../db/derivedId';
import { isDuplicateKey } from '../../db/writeErrors';
import type { AlertChannel } from './alertDelivery.model';
import { AlertThrottleModel } from './alertDelivery.model';

/**
 * Claims the one message of `channel` about `subject` (a chat, an integration) for the next
 * `gapMs`: true for the first caller of the window, false for every other until it ends.
 * A conditional update of an existing window, or the insert of the first: both atomic.
 */
export async function claimWindow(
  userId: Types.ObjectId,
  channel: AlertChannel,
  subject: string,
  gapMs: number,
  now = new Date(),
): Promise<boolean> {
  const _id = derivedId('alertthrottle', userId, channel, subject);
  const until = new Date(now.getTime() + gapMs);
  const renewed = await AlertThrottleModel.updateOne(
    { _id, until: { $lte: now } },
    { $set: { until } },
  );
  if (renewed.modifiedCount > 0) return true;
  try {
    await AlertThrottleModel.create({ _id, userId, until });
    return true;
  } catch (error) {
    if (isDuplicateKey(error)) return false;
    throw error;
  }
}
