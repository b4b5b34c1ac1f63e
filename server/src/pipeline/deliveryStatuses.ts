import { DeliveryStatus } from '../modules/chats/message.model';
import type { DeliveryStatus as Receipt } from '../platforms/inbound';

/** Which delivery status may follow which: the rules Delivery settles messages by. */

/** Receipts may arrive out of order: a status never moves back (read stays read). */
export const unsettled = [
  DeliveryStatus.PENDING,
  DeliveryStatus.SENDING,
  DeliveryStatus.RETRYING,
  DeliveryStatus.UNCONFIRMED,
];
export const receiptOrder: Record<Receipt['status'], DeliveryStatus[]> = {
  sent: unsettled,
  delivered: [...unsettled, DeliveryStatus.SENT],
  read: [...unsettled, DeliveryStatus.SENT, DeliveryStatus.DELIVERED],
  failed: [...unsettled, DeliveryStatus.SENT, DeliveryStatus.DELIVERED],
};

/** A reply that did not, or may not, reach the customer: the owner is alerted. */
export const UNDELIVERED = [
  DeliveryStatus.FAILED,
  DeliveryStatus.UNCONFIRMED,
  DeliveryStatus.NOT_SENT,
];
