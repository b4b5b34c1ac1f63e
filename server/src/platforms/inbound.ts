import type { Platform } from './platform';

/** Click-to-Messenger / Click-to-WhatsApp ad data, kept for revenue attribution. */
export interface Referral {
  source?: string;
  type?: string;
  adId?: string;
  ref?: string;
  headline?: string;
  sourceUrl?: string;
  /** WhatsApp's click id (`ctwa_clid`) of a Click-to-WhatsApp ad. */
  clickId?: string;
}

/** A piece of media: Meta's CDN link (Messenger, Instagram) or media id (WhatsApp). */
export interface Attachment {
  type: 'image' | 'video' | 'audio' | 'file' | 'location' | 'sticker' | 'other';
  url?: string;
  /** e.g. the file name or a location's label */
  title?: string;
  /** WhatsApp's media id, fetched with the number's token (`GET /{media-id}`). */
  mediaId?: string;
  mimeType?: string;
  caption?: string;
  /** A WhatsApp voice note (recorded, not a sent audio file). */
  voice?: boolean;
}

/** What a customer message is, for the inbox, the AI and analytics (see replyRules). */
export enum MessageKind {
  TEXT = 'text',
  IMAGE = 'image',
  VIDEO = 'video',
  AUDIO = 'audio',
  FILE = 'file',
  STICKER = 'sticker',
  LOCATION = 'location',
  CONTACTS = 'contacts',
  STORY_REPLY = 'story_reply',
  STORY_MENTION = 'story_mention',
  SHARE = 'share',
  ORDER = 'order',
  FORM_REPLY = 'form_reply',
  QUICK_REPLY = 'quick_reply',
  UNSUPPORTED = 'unsupported',
}

/** One item of a catalog order, as the customer's platform sent it (major units). */
export interface OrderItem {
  productId: string;
  quantity: number;
  unitPrice: number;
  currency: string;
}

/** The structured content of a message besides its media; one `type` per shape. */
export type MessagePart =
  | {
      type: 'location';
      latitude?: number;
      longitude?: number;
      name?: string;
      address?: string;
      url?: string;
    }
  | { type: 'contact'; name: string; phones: string[]; emails: string[] }
  | { type: 'story'; mention: boolean; url?: string; storyId?: string }
  | { type: 'share'; shareType: 'post' | 'reel' | 'link' | 'product'; url?: string; title?: string }
  | { type: 'order'; catalogId?: string; items: OrderItem[]; note?: string }
  | { type: 'form'; name?: string; body?: string; response: Record<string, unknown> }
  | { type: 'unsupported'; rawType: string; error?: string };

/**
 * Something done on the thread that is not a new customer message: it changes a stored
 * message or the chat, and is never answered. `targetId` is the platform id of the
 * message it is about.
 */
export type ThreadAction =
  | { type: 'reaction'; targetId: string; emoji?: string; removed: boolean }
  | { type: 'edit'; targetId: string; text: string }
  | { type: 'unsend'; targetId: string }
  /** The thread's owner changed (Messenger's handover protocol). */
  | { type: 'handover'; toSalesdesk: boolean; fromAppId?: string; toAppId?: string }
  /** A person (Page inbox, Business Suite, WhatsApp Business app) wrote to the customer. */
  | { type: 'echo'; text: string }
  /** An ad click or m.me link into the thread, with no message (`referral` says which). */
  | { type: 'referral' }
  /** The customer's WhatsApp number changed: the new id is the same customer. */
  | { type: 'number_change'; newCustomerId: string };

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
  /** Absent in events stored before kinds: read as text, or by their attachments. */
  kind?: MessageKind;
  attachments: Attachment[];
  parts?: MessagePart[];
  /** Set when this is not a new message but an action on the thread. */
  action?: ThreadAction;
  /** Messenger's `standby`: another app owns the thread; kept, never answered. */
  standby?: boolean;
  /** Other ids Meta gives the same customer (a WhatsApp phone beside its user id). */
  customerAliases?: string[];
  /** WhatsApp: the customer's phone number, when Meta sent it. */
  customerPhone?: string;
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
