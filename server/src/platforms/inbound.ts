import type { Platform } from './platform';

/** Click-to-Messenger / Click-to-WhatsApp ad data, kept for revenue attribution. */
export interface Referral {
  source?: string;
  type?: string;
  adId?: string;
  ref?: string;
  headline?: string;
  sourceUrl?: string;
}

export interface Attachment {
  type: 'image' | 'video' | 'audio' | 'file' | 'location' | 'sticker' | 'other';
  url?: string;
  /** e.g. the file name or a location's label */
  title?: string;
}

/**
 * One customer message in platform-neutral form: what every webhook parser produces,
 * what the inbox stores, and what the ingestMessage service takes.
 */
export interface InboundMessage {
  platform: Platform;
  /** The business side: Page id (Messenger), IG account id, WhatsApp phone number id. */
  recipientId: string;
  /** The customer: PSID, IGSID or WhatsApp id (phone). */
  customerId: string;
  customerName?: string;
  /** The text, or a description for attachment-only messages ("[image]"). */
  text: string;
  attachments: Attachment[];
  quickReplyPayload?: string;
  /** mid / wamid: unique per platform; duplicates are the same message. */
  platformMessageId: string;
  /** When the customer sent it (the platform's timestamp). */
  timestamp: Date;
  referral?: Referral;
}

/** A WhatsApp delivery receipt for one of our sent messages. */
export interface DeliveryStatus {
  platform: Platform;
  recipientId: string;
  /** The wamid of the message we sent. */
  platformMessageId: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  timestamp: Date;
  errors: { code?: number; title?: string; message?: string }[];
  /** Our id for the message, sent with it and echoed back (`biz_opaque_callback_data`). */
  reference?: string;
}

export interface ParsedWebhook {
  messages: InboundMessage[];
  statuses: DeliveryStatus[];
}
