import { DeliveryStatus, MessageModel } from '../modules/chats/message.model';
import type { DeliveryStatus as PlatformStatus } from '../platforms/inbound';

/** Receipts may arrive out of order: a status never moves back (read stays read). */
const order: Record<PlatformStatus['status'], DeliveryStatus[]> = {
  sent: [DeliveryStatus.PENDING],
  delivered: [DeliveryStatus.PENDING, DeliveryStatus.SENT],
  read: [DeliveryStatus.PENDING, DeliveryStatus.SENT, DeliveryStatus.DELIVERED],
  failed: [DeliveryStatus.PENDING, DeliveryStatus.SENT, DeliveryStatus.DELIVERED],
};

/** WhatsApp's statuses[] become the delivery state of the message we sent. */
export async function recordDeliveryStatuses(statuses: PlatformStatus[]): Promise<void> {
  for (const receipt of statuses) {
    const reason = receipt.errors
      .map((error) => error.message ?? error.title)
      .filter(Boolean)
      .join('; ');
    await MessageModel.updateOne(
      {
        platform: receipt.platform,
        platformMessageId: receipt.platformMessageId,
        'delivery.status': { $in: order[receipt.status] },
      },
      {
        $set: {
          delivery: {
            status: receipt.status as DeliveryStatus,
            reason: reason || undefined,
            updatedAt: receipt.timestamp,
          },
        },
      },
    );
  }
}
