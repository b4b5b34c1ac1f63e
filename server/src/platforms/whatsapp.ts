import type {
  Attachment,
  DeliveryStatus,
  InboundMessage,
  ParsedWebhook,
  Referral,
} from './inbound';
import { Platform } from './platform';
import {
  compact,
  describeAttachments,
  entriesOf,
  type Json,
  list,
  record,
  text,
  WebhookPayloadError,
} from './webhookPayload';

export { WebhookPayloadError };

/**
 * WhatsApp Cloud API webhooks: `entry[].changes[]` with `field: "messages"` carry both
 * customer messages (`value.messages[]`, names in `value.contacts[]`) and receipts for our
 * own sends (`value.statuses[]`). Other fields (templates, account updates) are ignored.
 */
export function parseWhatsAppWebhook(body: unknown): ParsedWebhook {
  const result: ParsedWebhook = { messages: [], statuses: [] };
  for (const entry of entriesOf(body, 'whatsapp_business_account', 'WhatsApp')) {
    for (const item of list(entry.changes)) {
      const change = record(item);
      const value = record(change?.value);
      if (change?.field !== 'messages' || !value) continue;
      const phoneNumberId = text(record(value.metadata)?.phone_number_id);
      if (!phoneNumberId) continue;
      const names = new Map<string, string>();
      for (const contact of list(value.contacts).map(record)) {
        const waId = text(contact?.wa_id);
        const name = text(record(contact?.profile)?.name);
        if (waId && name) names.set(waId, name);
      }
      for (const message of list(value.messages).map(record)) {
        const parsed = message && toMessage(message, phoneNumberId, names);
        if (parsed) result.messages.push(parsed);
      }
      for (const status of list(value.statuses).map(record)) {
        const parsed = status && toStatus(status, phoneNumberId);
        if (parsed) result.statuses.push(parsed);
      }
    }
  }
  return result;
}

/** Seconds since the epoch, sent as a string ("1749416383"). */
function fromSeconds(value: unknown): Date | undefined {
  const seconds = Number(text(value));
  return Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : undefined;
}

interface Content {
  text: string;
  attachments: Attachment[];
  quickReplyPayload?: string;
}

const MEDIA: Record<string, Attachment['type']> = {
  image: 'image',
  video: 'video',
  audio: 'audio',
  document: 'file',
  sticker: 'sticker',
};

/** Not customer messages: reactions, number-change notices, "chat opened" pings. */
const IGNORED = new Set(['reaction', 'system', 'request_welcome', 'ephemeral']);

function toMessage(
  message: Json,
  phoneNumberId: string,
  names: Map<string, string>,
): InboundMessage | undefined {
  const customerId = text(message.from);
  const platformMessageId = text(message.id);
  const timestamp = fromSeconds(message.timestamp);
  const type = text(message.type) ?? 'unknown';
  if (!customerId || !platformMessageId || !timestamp || IGNORED.has(type)) return undefined;
  const content = contentOf(type, message);
  if (!content) return undefined;
  return compact({
    platform: Platform.WHATSAPP,
    recipientId: phoneNumberId,
    customerId,
    customerName: names.get(customerId),
    platformMessageId,
    timestamp,
    ...content,
    referral: toReferral(record(message.referral)),
  });
}

function contentOf(type: string, message: Json): Content | undefined {
  const part = record(message[type]) ?? {};
  const mediaType = MEDIA[type];
  if (type === 'text') {
    const body = text(part.body);
    return body ? { text: body, attachments: [] } : undefined;
  }
  if (mediaType) {
    // The Cloud API gives a media id, not a URL: it is downloaded later with the token.
    const id = text(part.id);
    const attachment: Attachment = compact({
      type: mediaType,
      url: id ? `whatsapp-media:${id}` : undefined,
      title: text(part.filename),
    });
    const caption = text(part.caption);
    return { text: caption ?? describeAttachments([attachment]), attachments: [attachment] };
  }
  if (type === 'interactive') {
    // Taps on our reply buttons / list rows: the title is what the customer "said".
    const reply = record(part.button_reply) ?? record(part.list_reply);
    const title = text(reply?.title);
    if (reply && title) return { text: title, attachments: [], quickReplyPayload: text(reply.id) };
    return { text: '[form reply]', attachments: [] }; // nfm_reply (WhatsApp Flows)
  }
  if (type === 'button') {
    // A template's quick-reply button.
    const label = text(part.text) ?? text(part.payload);
    if (!label) return undefined;
    return { text: label, attachments: [], quickReplyPayload: text(part.payload) };
  }
  if (type === 'location') {
    const coordinates =
      part.latitude !== undefined ? `${String(part.latitude)}, ${String(part.longitude)}` : '';
    const title = text(part.name) ?? text(part.address) ?? (coordinates || undefined);
    const attachment: Attachment = compact({ type: 'location', title, url: text(part.url) });
    return { text: describeAttachments([attachment]), attachments: [attachment] };
  }
  if (type === 'contacts') {
    const name = text(record(record(list(message.contacts)[0])?.name)?.formatted_name);
    return { text: name ? `[contact: ${name}]` : '[contact]', attachments: [] };
  }
  if (type === 'order') return { text: '[order]', attachments: [] };
  return { text: '[unsupported message]', attachments: [] };
}

/** Click-to-WhatsApp ads: source_id is the ad id only when source_type is "ad". */
function toReferral(referral: Json | undefined): Referral | undefined {
  if (!referral) return undefined;
  const sourceType = text(referral.source_type);
  const result = compact<Referral>({
    sourceUrl: text(referral.source_url),
    adId: sourceType === 'ad' ? text(referral.source_id) : undefined,
    type: sourceType,
    headline: text(referral.headline),
  });
  return Object.keys(result).length > 0 ? result : undefined;
}

const STATUSES = new Set<DeliveryStatus['status']>(['sent', 'delivered', 'read', 'failed']);

function toStatus(status: Json, phoneNumberId: string): DeliveryStatus | undefined {
  const platformMessageId = text(status.id);
  const value = text(status.status) as DeliveryStatus['status'] | undefined;
  const timestamp = fromSeconds(status.timestamp);
  if (!platformMessageId || !value || !STATUSES.has(value) || !timestamp) return undefined;
  const errors = list(status.errors).map((item) => {
    const error = record(item) ?? {};
    return compact({
      code: typeof error.code === 'number' ? error.code : undefined,
      title: text(error.title),
      message: text(error.message) ?? text(record(error.error_data)?.details),
    });
  });
  const reference = text(status.biz_opaque_callback_data);
  return {
    platform: Platform.WHATSAPP,
    recipientId: phoneNumberId,
    platformMessageId,
    status: value,
    timestamp,
    errors,
    ...(reference ? { reference } : {}),
  };
}
