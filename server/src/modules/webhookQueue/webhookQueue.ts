import { Types } from 'mongoose';
import { derivedId } from '../../db/derivedId';
import { writeFailuresOf } from '../../db/writeErrors';
import type { InboundMessage } from '../../platforms/inbound';
import { InboundEventModel, InboundEventStatus } from './inboundEvent.model';
import { QueueItemModel } from './queueItem.model';

export const chatKeyOf = (
  message: Pick<InboundMessage, 'platform' | 'recipientId' | 'customerId'>,
) => `${message.platform}:${message.recipientId}:${message.customerId}`;

/** One event per platform message: its `_id` is derived from the platform's message id. */
export const eventIdOf = (message: Pick<InboundMessage, 'platform' | 'platformMessageId'>) =>
  derivedId('inboundevent', message.platform, message.platformMessageId);

/**
 * Stores messages in the durable webhook queue and puts them on its work list. Duplicates
 * (Meta retries, concurrent deliveries) are dropped by the unique `_id` inside the insert
 * itself, never by a prior check. A duplicate of an event that is not finished gets its
 * work item again (harmless if it has one): a crash between the two inserts is then
 * repaired by Meta's retry of the webhook we never answered. Resolves to how many were new.
 */
export async function enqueueMessages(messages: InboundMessage[]): Promise<number> {
  if (messages.length === 0) return 0;
  const now = new Date();
  const documents = messages.map((message) => ({
    _id: eventIdOf(message),
    platform: message.platform,
    platformMessageId: message.platformMessageId,
    payload: { ...message, timestamp: message.timestamp.toISOString() },
    chatKey: chatKeyOf(message),
    platformTimestamp: message.timestamp,
    status: InboundEventStatus.PENDING,
    nextAttemptAt: now,
    replyId: new Types.ObjectId(),
  }));
  const refused = await insertEvents(documents);
  const toQueue: ((typeof documents)[number] & { resumed?: boolean })[] = [];
  for (const [index, document] of documents.entries()) {
    if (refused === 'unknown' || refused.has(index)) {
      const stored = await InboundEventModel.findById(document._id, { status: 1 }).lean();
      if (!stored || !isOpen(stored.status)) continue;
      // An earlier delivery of it may be in a worker's hands, or finished just now.
      toQueue.push({ ...document, resumed: true });
    } else {
      toQueue.push(document);
    }
  }
  await queueItems(toQueue);
  return refused === 'unknown' ? toQueue.length : documents.length - refused.size;
}

const isOpen = (status: InboundEventStatus) =>
  status === InboundEventStatus.PENDING || status === InboundEventStatus.PROCESSING;

/** The batch indexes refused as duplicates ('unknown' when the error does not say which). */
async function insertEvents(documents: object[]): Promise<Set<number> | 'unknown'> {
  try {
    await InboundEventModel.insertMany(documents, { ordered: false });
    return new Set();
  } catch (error) {
    const failures = writeFailuresOf(error);
    if (failures.length === 0 || !failures.every((failure) => failure.duplicate)) throw error;
    if (failures.some((failure) => failure.index < 0)) return 'unknown';
    return new Set(failures.map((failure) => failure.index));
  }
}

async function queueItems(
  documents: {
    _id: Types.ObjectId;
    chatKey: string;
    platformTimestamp: Date;
    nextAttemptAt: Date;
    resumed?: boolean;
  }[],
): Promise<void> {
  if (documents.length === 0) return;
  const items = documents.map(({ _id, chatKey, platformTimestamp, nextAttemptAt, resumed }) => ({
    _id,
    chatKey,
    platformTimestamp,
    nextAttemptAt,
    status: InboundEventStatus.PENDING,
    ...(resumed ? { resumed } : {}),
  }));
  try {
    await QueueItemModel.insertMany(items, { ordered: false });
  } catch (error) {
    // An item already there is the one wanted.
    const failures = writeFailuresOf(error);
    if (failures.length === 0 || !failures.every((failure) => failure.duplicate)) throw error;
  }
}

/** The stored payload back as an InboundMessage. */
export function messageOf(payload: Record<string, unknown>): InboundMessage {
  return {
    ...(payload as unknown as InboundMessage),
    timestamp: new Date(String(payload.timestamp)),
  };
}
