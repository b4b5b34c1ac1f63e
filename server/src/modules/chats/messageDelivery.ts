import type { Types } from 'mongoose';
import { DeliveryStatus, MessageModel, type Message } from './message.model';

/*
 * Where one of our messages stands with the platform: written by the pipeline's delivery
 * (pipeline/delivery.ts), which decides; these only record what it decided.
 */

/** Sent, failed, not sent or not confirmed: the outcome, with the reason or the platform's id. */
export async function settleDelivery(
  messageId: Types.ObjectId,
  status: DeliveryStatus,
  outcome: {
    reason?: string;
    platformMessageId?: string;
    attempts?: number;
    /** Only from these statuses (an absent one counts as PENDING); false when it was not. */
    onlyFrom?: DeliveryStatus[];
  } = {},
): Promise<boolean> {
  const { reason, platformMessageId, attempts, onlyFrom } = outcome;
  const from = onlyFrom && {
    $or: [
      { 'delivery.status': { $in: onlyFrom } },
      ...(onlyFrom.includes(DeliveryStatus.PENDING)
        ? [{ 'delivery.status': { $exists: false } }]
        : []),
    ],
  };
  const result = await MessageModel.updateOne(
    { _id: messageId, ...from },
    {
      $set: {
        'delivery.status': status,
        'delivery.updatedAt': new Date(),
        ...(attempts ? { 'delivery.attempts': attempts } : {}),
        ...(reason ? { 'delivery.reason': reason } : {}),
        ...(platformMessageId ? { platformMessageId } : {}),
      },
      $unset: { 'delivery.nextAttemptAt': '', ...(reason ? {} : { 'delivery.reason': '' }) },
    },
  );
  return result.matchedCount > 0;
}

/** Meta did not take it: it is tried again at `dueAt`, and the owner sees why. */
export async function markRetrying(
  messageId: Types.ObjectId,
  reason: string,
  dueAt: Date,
  attempts: number,
): Promise<void> {
  await MessageModel.updateOne(
    { _id: messageId },
    {
      $set: {
        'delivery.status': DeliveryStatus.RETRYING,
        'delivery.attempts': attempts,
        'delivery.reason': reason,
        'delivery.updatedAt': new Date(),
        'delivery.nextAttemptAt': dueAt,
      },
    },
  );
}

/** The owner's "Send again": the message is pending once more (its attempts are kept). */
export async function markPendingAgain(messageId: Types.ObjectId): Promise<void> {
  await MessageModel.updateOne(
    { _id: messageId },
    { $set: { 'delivery.status': DeliveryStatus.PENDING, 'delivery.updatedAt': new Date() } },
  );
}

export interface PlatformReceipt {
  platform: Message['platform'];
  /** Our own id, echoed back by the platform, or its id for the message. */
  messageId?: Types.ObjectId;
  platformMessageId: string;
  status: DeliveryStatus;
  /** The statuses the message may move from (a status never moves back). */
  from: DeliveryStatus[];
  at: Date;
  reason?: string;
}

/** A platform's status for one of our messages; resolves to the message as it was before. */
export function recordReceipt(receipt: PlatformReceipt): Promise<Message | null> {
  const { reason } = receipt;
  return MessageModel.findOneAndUpdate(
    {
      platform: receipt.platform,
      ...(receipt.messageId
        ? { _id: receipt.messageId }
        : { platformMessageId: receipt.platformMessageId }),
      'delivery.status': { $in: receipt.from },
    },
    {
      $set: {
        'delivery.status': receipt.status,
        'delivery.updatedAt': receipt.at,
        platformMessageId: receipt.platformMessageId,
        ...(reason ? { 'delivery.reason': reason } : {}),
      },
      $unset: { 'delivery.nextAttemptAt': '', ...(reason ? {} : { 'delivery.reason': '' }) },
    },
    { returnDocument: 'before' },
  ).lean();
}
