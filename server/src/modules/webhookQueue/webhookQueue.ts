import { Types } from 'mongoose';
import { insertedDespiteDuplicates } from '../../db/writeErrors';
import type { InboundMessage } from '../../platforms/inbound';
import { InboundEventModel, InboundEventStatus } from './inboundEvent.model';

export const chatKeyOf = (
  message: Pick<InboundMessage, 'platform' | 'recipientId' | 'customerId'>,
) => `${message.platform}:${message.recipientId}:${message.customerId}`;

/**
 * Stores messages in the durable webhook queue. Duplicates (Meta retries, concurrent deliveries)
 * are dropped by the unique index inside the insert itself, never by a prior check.
 * Resolves to how many were new.
 */
export async function enqueueMessages(messages: InboundMessage[]): Promise<number> {
  if (messages.length === 0) return 0;
  const documents = messages.map((message) => ({
    platform: message.platform,
    platformMessageId: message.platformMessageId,
    payload: { ...message, timestamp: message.timestamp.toISOString() },
    chatKey: chatKeyOf(message),
    platformTimestamp: message.timestamp,
    status: InboundEventStatus.PENDING,
    nextAttemptAt: new Date(),
    replyId: new Types.ObjectId(),
  }));
  try {
    const inserted = await InboundEventModel.insertMany(documents, { ordered: false });
    return inserted.length;
  } catch (error) {
    const inserted = insertedDespiteDuplicates(error, documents.length);
    if (inserted === undefined) throw error;
    return inserted;
  }
}

/** The stored payload back as an InboundMessage. */
export function messageOf(payload: Record<string, unknown>): InboundMessage {
  return {
    ...(payload as unknown as InboundMessage),
    timestamp: new Date(String(payload.timestamp)),
  };
}
