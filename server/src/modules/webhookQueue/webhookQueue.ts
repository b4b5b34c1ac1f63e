import { Types } from 'mongoose';
import { derivedId } from '../../db/derivedId';
import { insertUnordered } from '../../db/mergedWrites';
import type { InboundMessage } from '../../platforms/inbound';
import { InboundEventStatus } from './inboundEvent.model';
import { QueueItemModel } from './queueItem.model';

export const chatKeyOf = (
  message: Pick<InboundMessage, 'platform' | 'recipientId' | 'customerId'>,
) => `${message.platform}:${message.recipientId}:${message.customerId}`;

/** One event per platform message: its `_id` is derived from the platform's message id. */
export const eventIdOf = (message: Pick<InboundMessage, 'platform' | 'platformMessageId'>) =>
  derivedId('inboundevent', message.platform, message.platformMessageId);

/**
 * Stores messages in the durable webhook queue: the work list's items, which carry them
 * until the worker writes their inbox events (queueStore.claim). Duplicates (Meta
 * retries, concurrent deliveries) of an unfinished event are dropped by the unique `_id`
 * inside the insert itself, never by a prior check; one of a finished event is dropped
 * when claimed. Resolves to how many were new (all of them when the database did not say
 * which it refused).
 */
export async function enqueueMessages(messages: InboundMessage[]): Promise<number> {
  if (messages.length === 0) return 0;
  const now = new Date();
  const items = messages.map((message) => ({
    _id: eventIdOf(message),
    platform: message.platform,
    platformMessageId: message.platformMessageId,
    payload: { ...message, timestamp: message.timestamp.toISOString() },
    chatKey: chatKeyOf(message),
    platformTimestamp: message.timestamp,
    status: InboundEventStatus.PENDING,
    nextAttemptAt: now,
    receivedAt: now,
    replyId: new Types.ObjectId(),
  }));
  const failures = await insertUnordered(QueueItemModel, items);
  const other = failures.find((failure) => !failure.duplicate);
  if (other) throw Object.assign(new Error(other.message), { code: other.code });
  if (failures.some((failure) => failure.index < 0)) return items.length;
  return items.length - failures.length;
}

/** The stored payload back as an InboundMessage. */
export function messageOf(payload: Record<string, unknown>): InboundMessage {
  return {
    ...(payload as unknown as InboundMessage),
    timestamp: new Date(String(payload.timestamp)),
  };
}
