import {
  MessageKind,
  type Attachment,
  type DeliveryStatus,
  type InboundMessage,
  type MessagePart,
  type OrderItem,
  type ParsedWebhook,
  type Referral,
  type ThreadAction,
} from './inbound';
import { describeParts, mediaKind } from './messageParts';
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
 * own sends (`value.statuses[]`); `smb_message_echoes` carries what a person sent from
 * the WhatsApp Business app on a coexisting number. Other fields are ignored.
 */
export function parseWhatsAppWebhook(body: unknown): ParsedWebhook {
  const result: ParsedWebhook = { messages: [], statuses: [] };
  for (const entry of entriesOf(body, 'whatsapp_business_account', 'WhatsApp')) {
    for (const item of list(entry.changes)) {
      const change = record(item);
      const value = record(change?.value);
      const phoneNumberId = text(record(value?.metadata)?.phone_number_id);
      if (!value || !phoneNumberId) continue;
      if (change?.field === 'smb_message_echoes') {
        for (const echo of list(value.message_echoes).map(record)) {
          const parsed = echo && toEcho(echo, phoneNumberId);
          if (parsed) result.messages.push(parsed);
        }
        continue;
      }
      if (change?.field !== 'messages') continue;
      const contacts = contactsOf(value);
      for (const message of list(value.messages).map(record)) {
        const parsed = message && toMessage(message, phoneNumberId, contacts);
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

interface Contact {
  name?: string;
  phone?: string;
  userId?: string;
}

/**
 * `value.contacts[]`, by every id it gives: the phone (`wa_id`) and, since 2026, the
 * business-scoped user id (`user_id`), either of which a message's sender may name.
 */
function contactsOf(value: Json): Map<string, Contact> {
  const contacts = new Map<string, Contact>();
  for (const item of list(value.contacts).map(record)) {
    const contact: Contact = compact({
      name: text(record(item?.profile)?.name),
      phone: text(item?.wa_id),
      userId: text(item?.user_id),
    });
    if (contact.phone) contacts.set(contact.phone, contact);
    if (contact.userId) contacts.set(contact.userId, contact);
  }
  return contacts;
}

interface Content {
  text: string;
  kind: MessageKind;
  attachments: Attachment[];
  parts?: MessagePart[];
  quickReplyPayload?: string;
}

const MEDIA: Record<string, Attachment['type']> = {
  image: 'image',
  video: 'video',
  audio: 'audio',
  document: 'file',
  sticker: 'sticker',
};

/** Not messages of the customer: "chat opened" pings, disappearing-message notices. */
const IGNORED = new Set(['request_welcome', 'ephemeral']);

function toMessage(
  message: Json,
  phoneNumberId: string,
  contacts: Map<string, Contact>,
): InboundMessage | undefined {
  // The business-scoped user id is the stable key; the phone may be absent, or change.
  const userId = text(message.from_user_id);
  const phone = text(message.from);
  const contact = contacts.get(userId ?? '') ?? contacts.get(phone ?? '');
  const customerId = userId ?? contact?.userId ?? phone;
  const platformMessageId = text(message.id);
  const timestamp = fromSeconds(message.timestamp);
  const type = text(message.type) ?? 'unknown';
  if (!customerId || !platformMessageId || !timestamp || IGNORED.has(type)) return undefined;
  const customerPhone = phone ?? contact?.phone;
  const base = compact({
    platform: Platform.WHATSAPP,
    recipientId: phoneNumberId,
    customerId,
    customerName: contact?.name,
    customerPhone,
    customerAliases: customerPhone && customerPhone !== customerId ? [customerPhone] : undefined,
    platformMessageId,
    timestamp,
  });
  const thread = actionOf(type, message);
  if (thread) return { ...base, text: '', attachments: [], action: thread };
  if (type === 'system' || type === 'reaction') return undefined;
  return compact({
    ...base,
    ...contentOf(type, message),
    referral: toReferral(record(message.referral)),
  });
}

/** Reactions, edits, revokes and number changes: they change the thread, not add to it. */
function actionOf(type: string, message: Json): ThreadAction | undefined {
  const part = record(message[type]) ?? {};
  if (type === 'reaction') {
    const targetId = text(part.message_id);
    if (!targetId) return undefined;
    const emoji = text(part.emoji);
    return { type: 'reaction', targetId, emoji, removed: !emoji };
  }
  if (type === 'edit') {
    const targetId = text(part.original_message_id) ?? text(record(message.context)?.id);
    const edited = record(part.message);
    const words = text(record(edited?.text)?.body) ?? text(record(edited?.image)?.caption);
    return targetId && words ? { type: 'edit', targetId, text: words } : undefined;
  }
  if (type === 'revoke') {
    const targetId = text(part.original_message_id) ?? text(record(message.context)?.id);
    return targetId ? { type: 'unsend', targetId } : undefined;
  }
  if (type === 'system') {
    const kind = text(part.type);
    const newCustomerId = text(part.new_wa_id) ?? text(part.wa_id) ?? text(part.user_id);
    if ((kind === 'user_changed_number' || kind === 'customer_changed_number') && newCustomerId) {
      return { type: 'number_change', newCustomerId };
    }
  }
  return undefined;
}

function contentOf(type: string, message: Json): Content {
  const part = record(message[type]) ?? {};
  const mediaType = MEDIA[type];
  if (type === 'text') {
    const body = text(part.body);
    if (body) return { text: body, kind: MessageKind.TEXT, attachments: [] };
  }
  if (mediaType) {
    // The Cloud API gives a media id, not a URL: it is downloaded with the number's token.
    const id = text(part.id);
    const caption = text(part.caption);
    const attachment: Attachment = compact({
      type: mediaType,
      url: id ? `whatsapp-media:${id}` : undefined,
      mediaId: id,
      mimeType: text(part.mime_type),
      title: text(part.filename),
      caption,
      voice: type === 'audio' && part.voice === true ? true : undefined,
    });
    return {
      text: caption ?? describeAttachments([attachment]),
      kind: mediaKind(mediaType),
      attachments: [attachment],
    };
  }
  if (type === 'interactive') return interactiveOf(part);
  if (type === 'button') {
    // A template's quick-reply button.
    const label = text(part.text) ?? text(part.payload);
    if (label) {
      return {
        text: label,
        kind: MessageKind.QUICK_REPLY,
        attachments: [],
        quickReplyPayload: text(part.payload),
      };
    }
  }
  if (type === 'location') {
    const location = compact<MessagePart>({
      type: 'location',
      latitude: numberOf(part.latitude),
      longitude: numberOf(part.longitude),
      name: text(part.name),
      address: text(part.address),
      url: text(part.url),
    });
    return withParts(MessageKind.LOCATION, [location]);
  }
  if (type === 'contacts') {
    const cards = list(message.contacts).map((value) => contactCard(record(value) ?? {}));
    if (cards.length > 0) return withParts(MessageKind.CONTACTS, cards);
  }
  if (type === 'order') {
    const items = list(part.product_items).map((value) => orderItem(record(value) ?? {}));
    if (items.length > 0 && items.every((item) => item !== undefined)) {
      const order = compact<MessagePart>({
        type: 'order',
        catalogId: text(part.catalog_id),
        items: items as OrderItem[],
        note: text(part.text),
      });
      return withParts(MessageKind.ORDER, [order]);
    }
  }
  const errors = list(message.errors).map(record);
  const rawType = type === 'unsupported' ? (text(part.type) ?? type) : type;
  const error = text(errors[0]?.title) ?? text(errors[0]?.message);
  return withParts(MessageKind.UNSUPPORTED, [compact({ type: 'unsupported', rawType, error })]);
}

const withParts = (kind: MessageKind, parts: MessagePart[]): Content => ({
  text: describeParts(parts) ?? '[message]',
  kind,
  attachments: [],
  parts,
});

/** Taps on reply buttons and list rows, and WhatsApp Flows answers (`nfm_reply`). */
function interactiveOf(part: Json): Content {
  const reply = record(part.button_reply) ?? record(part.list_reply);
  const title = text(reply?.title);
  if (reply && title) {
    return {
      text: title,
      kind: MessageKind.QUICK_REPLY,
      attachments: [],
      quickReplyPayload: text(reply.id),
    };
  }
  const flow = record(part.nfm_reply);
  if (flow) {
    let response: Record<string, unknown> = {};
    try {
      response = record(JSON.parse(text(flow.response_json) ?? '{}')) ?? {};
    } catch {
      // A malformed answer keeps its name and body.
    }
    const form = compact<MessagePart>({
      type: 'form',
      name: text(flow.name),
      body: text(flow.body),
      response,
    });
    return withParts(MessageKind.FORM_REPLY, [form]);
  }
  return withParts(MessageKind.UNSUPPORTED, [{ type: 'unsupported', rawType: 'interactive' }]);
}

function contactCard(card: Json): MessagePart {
  const name = record(card.name);
  return {
    type: 'contact',
    name:
      text(name?.formatted_name) ??
      [text(name?.first_name), text(name?.last_name)].filter(Boolean).join(' ') ??
      '',
    phones: list(card.phones)
      .map((phone) => text(record(phone)?.phone) ?? text(record(phone)?.wa_id))
      .filter((phone): phone is string => Boolean(phone)),
    emails: list(card.emails)
      .map((email) => text(record(email)?.email))
      .filter((email): email is string => Boolean(email)),
  };
}

function orderItem(item: Json): OrderItem | undefined {
  const productId = text(item.product_retailer_id);
  const quantity = Number(item.quantity);
  const unitPrice = Number(item.item_price);
  const currency = text(item.currency);
  if (!productId || !currency || !Number.isInteger(quantity) || quantity < 1) return undefined;
  if (!Number.isFinite(unitPrice) || unitPrice < 0) return undefined;
  return { productId, quantity, unitPrice, currency: currency.toUpperCase() };
}

const numberOf = (value: unknown): number | undefined => {
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) ? number : undefined;
};

/** What a person sent from the WhatsApp Business app: to the customer, from our number. */
function toEcho(echo: Json, phoneNumberId: string): InboundMessage | undefined {
  const customerId = text(echo.to_user_id) ?? text(echo.to);
  const platformMessageId = text(echo.id);
  const timestamp = fromSeconds(echo.timestamp);
  if (!customerId || !platformMessageId || !timestamp) return undefined;
  const type = text(echo.type) ?? 'text';
  const words = text(record(echo.text)?.body) ?? text(record(echo[type])?.caption) ?? `[${type}]`;
  return {
    platform: Platform.WHATSAPP,
    recipientId: phoneNumberId,
    customerId,
    platformMessageId,
    timestamp,
    text: '',
    attachments: [],
    action: { type: 'echo', text: words },
  };
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
    clickId: text(referral.ctwa_clid),
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
