import { Types } from 'mongoose';
import { derivedId } from '../../db/derivedId';
import { insertUnordered } from '../../db/mergedWrites';
import type { WriteFailure } from '../../db/writeErrors';
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
 * itself, never by a prior check: a crash between the two inserts is repaired by Meta's
 * retry of the webhook we never answered. Resolves to how many were new (all of them when
 * the database did not say which it refused).
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
  // Both at once: an item for a duplicate of an open event is refused as a duplicate, or
  // repairs a crash between the two inserts of its first delivery (no work can have begun
  // without an item); one for a finished event is dropped when claimed (queueStore.claim).
  const [refused] = await Promise.all([insertEvents(documents), queueItems(documents)]);
  return refused === 'unknown' ? documents.length : documents.length - refused.size;
}

/** The batch indexes refused as duplicates ('unknown' when the error does not say which). */
async function insertEvents(documents: object[]): Promise<Set<number> | 'unknown'> {
  const failures = await insertUnordered(InboundEventModel, documents);
  refuseUnlessDuplicates(failures);
  if (failures.some((failure) => failure.index < 0)) return 'unknown';
  return new Set(failures.map((failure) => failure.index));
}

/** A refusal other than a duplicate `_id` is an error. */
function refuseUnlessDuplicates(failures: WriteFailure[]): void {
  const other = failures.find((failure) => !failure.duplicate);
  if (other) throw Object.assign(new Error(other.message), { code: other.code });
}

async function queueItems(
  documents: {
    _id: Types.ObjectId;
    chatKey: string;
    platformTimestamp: Date;
    nextAttemptAt: Date;
  }[],
): Promise<void> {
  const items = documents.map(({ _id, chatKey, platformTimestamp, nextAttemptAt }) => ({
    _id,
    chatKey,
    platformTimestamp,
    nextAttemptAt,
    status: InboundEventStatus.PENDING,
  }));
  // An item already there is the one wanted.
  refuseUnlessDuplicates(await insertUnordered(QueueItemModel, items));
}

/** The stored payload back as an InboundMessage. */
export function messageOf(payload: Record<string, unknown>): InboundMessage {
  return {
    ...(payload as unknown as InboundMessage),
    timestamp: new Date(String(payload.timestamp)),
  };
}
