import { randomUUID } from 'node:crypto';
import type { Types } from 'mongoose';
import { createOne } from '../../db/mergedWrites';
import { runOnce } from '../../db/migrations';
import { isDuplicateKey } from '../../db/writeErrors';
import { InboundEventModel, InboundEventStatus, type InboundEvent } from './inboundEvent.model';
import { QueueItemModel, type QueueItem } from './queueItem.model';

/**
 * The webhook queue's persistence, for its worker (pipeline/webhookQueueWorker.ts). Claims
 * and lease checks are conditional updates on the work list (queueItem.model.ts), atomic
 * because the server uses one FerretDB connection (see db/connect.ts) and atomic on
 * MongoDB anyway; the event's own document mirrors its status by `_id`.
 */

/**
 * An event in a worker's hands: the stored event with its work item's lease. `fresh` when
 * no earlier attempt can have begun its work (see QueueItem.resumed).
 */
export type ClaimedEvent = InboundEvent & { leaseId: string; attempts: number; fresh: boolean };

const { PENDING, PROCESSING, DONE, FAILED } = InboundEventStatus;

/** Up to `limit` items due now (pending, or claimed by a worker presumed dead). */
export const readyItems = (now: Date, limit: number): Promise<QueueItem[]> =>
  QueueItemModel.find({
    $or: [
      { status: PENDING, nextAttemptAt: { $lte: now } },
      { status: PROCESSING, leaseUntil: { $lt: now } },
    ],
  })
    .sort({ platformTimestamp: 1, _id: 1 })
    .limit(limit)
    .lean();

/** Of these chats, the ones whose earlier event waits for a retry or is in a live worker's hands. */
export const blockedChats = (chatKeys: string[], now: Date): Promise<string[]> =>
  QueueItemModel.distinct('chatKey', {
    chatKey: { $in: chatKeys },
    $or: [
      { status: PENDING, nextAttemptAt: { $gt: now } },
      { status: PROCESSING, leaseUntil: { $gte: now } },
    ],
  });

/** Whether anything is pending or being processed. */
export const queueBusy = async (): Promise<boolean> =>
  (await QueueItemModel.exists({ status: { $in: [PENDING, PROCESSING] } })) !== null;

/** Takes the item if it is still free (or its lease ran out); null when another worker has it. */
export async function claim(id: Types.ObjectId, leaseMs: number): Promise<ClaimedEvent | null> {
  const now = new Date();
  const item = await QueueItemModel.findOneAndUpdate(
    {
      _id: id,
      $or: [{ status: PENDING }, { status: PROCESSING, leaseUntil: { $lt: now } }],
    },
    {
      $set: {
        status: PROCESSING,
        leaseUntil: new Date(now.getTime() + leaseMs),
        leaseId: randomUUID(),
      },
      $inc: { attempts: 1 },
    },
    { returnDocument: 'after' },
  ).lean();
  if (!item) return null;
  const event = await eventOf(item);
  if (!event || event.status === DONE) {
    // Deleted while queued (the owner's data removed), or a late duplicate of a finished
    // event (webhookQueue.enqueueMessages): nothing to do.
    await QueueItemModel.deleteOne({ _id: id });
    return null;
  }
  return {
    ...event,
    attempts: item.attempts,
    leaseId: item.leaseId!,
    fresh: item.attempts === 1 && !item.resumed,
  };
}

/**
 * The item's inbox event: written from the item on its first claim (while in hand, the
 * event's status is the work item's; its outcome and attempts are recorded when it
 * finishes or fails), else as stored. Null when there is none to be had.
 */
async function eventOf(item: QueueItem): Promise<InboundEvent | null> {
  if (item.payload && item.platform && item.platformMessageId) {
    try {
      return await createOne(InboundEventModel, {
        _id: item._id,
        platform: item.platform,
        platformMessageId: item.platformMessageId,
        payload: item.payload,
        chatKey: item.chatKey,
        platformTimestamp: item.platformTimestamp,
        status: PENDING,
        nextAttemptAt: item.nextAttemptAt,
        receivedAt: item.receivedAt,
        replyId: item.replyId,
      });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
  }
  // None when the message's event was stored before event ids were derived from it: that
  // one has its own item, or is finished.
  return InboundEventModel.findById(item._id).lean();
}

/** Extends the lease; false when it is another worker's now. */
export async function extendLease(event: ClaimedEvent, leaseMs: number): Promise<boolean> {
  const result = await QueueItemModel.updateOne(
    { _id: event._id, leaseId: event.leaseId },
    { $set: { leaseUntil: new Date(Date.now() + leaseMs) } },
  );
  return result.matchedCount > 0;
}

/**
 * Done: recorded on the event, then off the work list if the lease is still ours (false
 * when it was lost). The event is written by `_id` alone: FerretDB's SQLite backend pushes
 * down only a filter that is exactly `{ _id }`, and the inbox's history is large. Were the
 * lease lost meanwhile, its new holder records the event's outcome again when it is done;
 * a crash between the two writes leaves the item to be taken again, and the work is
 * idempotent.
 */
export async function finish(event: ClaimedEvent, userId?: Types.ObjectId): Promise<boolean> {
  await InboundEventModel.updateOne(
    { _id: event._id },
    {
      $set: {
        status: DONE,
        attempts: event.attempts,
        processedAt: new Date(),
        ...(userId ? { userId } : {}),
      },
      $unset: { leaseUntil: '', leaseId: '' },
    },
  );
  const removed = await QueueItemModel.deleteOne({ _id: event._id, leaseId: event.leaseId });
  return removed.deletedCount > 0;
}

/**
 * Failed for good (kept on the work list as failed, so the inbox depth counts it without
 * reading the history), or to be retried after `delay`. False when the lease was lost.
 */
export async function fail(
  event: ClaimedEvent,
  error: string,
  retryInMs: number | undefined,
): Promise<boolean> {
  const retry = retryInMs !== undefined;
  const updated = await QueueItemModel.updateOne(
    { _id: event._id, leaseId: event.leaseId },
    {
      $set: retry
        ? { status: PENDING, nextAttemptAt: new Date(Date.now() + retryInMs) }
        : { status: FAILED },
      $unset: { leaseUntil: '', leaseId: '' },
    },
  );
  if (updated.matchedCount === 0) return false;
  await InboundEventModel.updateOne(
    { _id: event._id },
    {
      $set: {
        attempts: event.attempts,
        lastError: error,
        ...(retry
          ? { status: PENDING, nextAttemptAt: new Date(Date.now() + retryInMs) }
          : { status: FAILED, processedAt: new Date() }),
      },
    },
  );
  return true;
}

/** Handed back at shutdown, while the lease is still ours; no attempt spent. */
export async function release(event: ClaimedEvent): Promise<void> {
  const updated = await QueueItemModel.updateOne(
    { _id: event._id, status: PROCESSING, leaseId: event.leaseId },
    {
      $set: { status: PENDING, nextAttemptAt: new Date(), resumed: true },
      $unset: { leaseUntil: '', leaseId: '' },
      $inc: { attempts: -1 },
    },
  );
  if (updated.matchedCount === 0) return;
  await InboundEventModel.updateOne(
    { _id: event._id },
    { $set: { status: PENDING, attempts: event.attempts - 1 } },
  );
}

/** Counts of the work list by status, for the inbox depth metric. */
export async function depthByStatus(): Promise<Map<string, number>> {
  const groups = await QueueItemModel.aggregate<{ _id: string; count: number }>([
    { $group: { _id: '$status', count: { $sum: 1 } } },
  ]).exec();
  return new Map(groups.map((group) => [group._id, group.count]));
}

/**
 * Databases from before the work list: their unfinished events get work items, once
 * (db/migrations.ts). Resolves to how many.
 */
export async function backfillWorkList(): Promise<number> {
  let count = 0;
  await runOnce('inboxqueue', async () => {
    const open = await InboundEventModel.find(
      { status: { $in: [PENDING, PROCESSING] } },
      { chatKey: 1, platformTimestamp: 1, attempts: 1 },
    ).lean();
    for (const event of open) {
      await QueueItemModel.updateOne(
        { _id: event._id },
        {
          $setOnInsert: {
            chatKey: event.chatKey,
            platformTimestamp: event.platformTimestamp,
            attempts: event.attempts,
            status: PENDING,
            nextAttemptAt: new Date(),
            resumed: true,
          },
        },
        { upsert: true },
      );
    }
    count = open.length;
  });
  return count;
}
