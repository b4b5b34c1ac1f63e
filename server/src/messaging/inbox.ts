import { Types } from 'mongoose';
import type { InboundMessage } from '../platforms/inbound';
import type { InboundEvent } from './inboundEvent.model';
import type { MessagePipeline } from './pipeline';
import { InboundEventModel, InboundEventStatus } from './inboundEvent.model';
import { insertedDespiteDuplicates } from '../db/writeErrors';

export const chatKeyOf = (
  message: Pick<InboundMessage, 'platform' | 'recipientId' | 'customerId'>,
) => `${message.platform}:${message.recipientId}:${message.customerId}`;

/**
 * Stores messages in the durable inbox. Duplicates (Meta retries, concurrent deliveries)
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

/** What the inbox worker does with an event: the pipeline, under the reply id kept for it. */
export const handleInboundEvent = (pipeline: MessagePipeline) => (event: InboundEvent) =>
  pipeline
    .handle(messageOf(event.payload), { replyId: event.replyId })
    .then((handled) => ({ userId: handled.chat.userId }));
