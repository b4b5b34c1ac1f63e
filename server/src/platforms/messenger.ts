import type { Attachment, InboundMessage, ParsedWebhook, Referral } from './inbound';
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
 * Messenger (`object: "page"`) and Instagram (`object: "instagram"`) share the
 * `entry[].messaging[]` event shape; Instagram ids are IG-scoped. Every entry and every
 * event is read (Meta batches up to 1,000 events per POST). Handover-protocol events in
 * `entry[].standby[]` are customer messages too, only the thread is owned by another app:
 * they are kept so the inbox stays complete.
 */
export function parseMessagingWebhook(
  body: unknown,
  platform: Platform.FACEBOOK | Platform.INSTAGRAM,
): ParsedWebhook {
  const isInstagram = platform === Platform.INSTAGRAM;
  const entries = entriesOf(
    body,
    isInstagram ? 'instagram' : 'page',
    isInstagram ? 'Instagram' : 'Messenger',
  );
  const messages: InboundMessage[] = [];
  for (const entry of entries) {
    for (const item of [...list(entry.messaging), ...list(entry.standby)]) {
      const event = record(item);
      const message = event && toMessage(event, entry, platform);
      if (message) messages.push(message);
    }
  }
  return { messages, statuses: [] };
}

/** One event to one message, or undefined for echoes, receipts and malformed events. */
function toMessage(event: Json, entry: Json, platform: Platform): InboundMessage | undefined {
  const customerId = text(record(event.sender)?.id);
  // The recipient is the Page / IG account; the entry id is the same account.
  const recipientId = text(record(event.recipient)?.id) ?? text(entry.id);
  const timestamp = toDate(event.timestamp) ?? toDate(entry.time);
  if (!customerId || !recipientId || !timestamp) return undefined;
  const base = { platform, recipientId, customerId, timestamp };

  const message = record(event.message);
  if (message) {
    // Echoes are our own sends; deleted/edited notices carry no new customer text.
    if (message.is_echo === true || message.is_deleted === true) return undefined;
    const platformMessageId = text(message.mid);
    if (!platformMessageId) return undefined;
    const attachments = dedupe(list(message.attachments).map(toAttachment));
    const body =
      text(message.text) ??
      (attachments.length > 0 ? describeAttachments(attachments) : undefined) ??
      (message.is_unsupported === true ? '[unsupported message]' : undefined);
    if (!body) return undefined;
    return compact({
      ...base,
      platformMessageId,
      text: body,
      attachments,
      quickReplyPayload: text(record(message.quick_reply)?.payload),
      referral: toReferral(record(message.referral) ?? record(event.referral)),
    });
  }

  // Buttons, "Get Started" and persistent-menu taps: the tap is the customer's message.
  const postback = record(event.postback);
  if (postback) {
    const platformMessageId = text(postback.mid);
    const payload = text(postback.payload);
    const title = text(postback.title) ?? payload;
    if (!platformMessageId || !title) return undefined;
    return compact({
      ...base,
      platformMessageId,
      text: title,
      attachments: [],
      quickReplyPayload: payload,
      referral: toReferral(record(postback.referral) ?? record(event.referral)),
    });
  }
  return undefined; // delivery, read, reaction, standalone referral, optin, ...
}

/** Messenger uses epoch milliseconds; test tools and some callbacks send seconds strings. */
function toDate(value: unknown): Date | undefined {
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number) || number <= 0) return undefined;
  // Below 1e11 a value cannot be milliseconds of any date after 1973: it is seconds.
  return new Date(number < 1e11 ? number * 1000 : number);
}

const ATTACHMENT_TYPES: Record<string, Attachment['type']> = {
  image: 'image',
  video: 'video',
  reel: 'video',
  ig_reel: 'video',
  audio: 'audio',
  file: 'file',
  location: 'location',
  sticker: 'sticker',
};

function toAttachment(value: unknown): Attachment {
  const item = record(value) ?? {};
  const payload = record(item.payload) ?? {};
  const rawType = text(item.type) ?? '';
  // Stickers came as images carrying sticker_id; until Aug 2026 both forms are sent.
  const type =
    payload.sticker_id !== undefined ? 'sticker' : (ATTACHMENT_TYPES[rawType] ?? 'other');
  const url = text(payload.url);
  const coordinates = record(payload.coordinates);
  const title =
    text(payload.title) ??
    text(item.title) ??
    text(payload.name) ??
    (type === 'file' ? fileName(url) : undefined) ??
    (coordinates ? `${String(coordinates.lat)}, ${String(coordinates.long)}` : undefined);
  return { type, ...(url ? { url } : {}), ...(title ? { title } : {}) };
}

/** Messenger file URLs end with the original name: `.../invoice.pdf?_nc_cat=...`. */
function fileName(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const last = new URL(url).pathname.split('/').pop();
    return last ? decodeURIComponent(last) : undefined;
  } catch {
    return undefined;
  }
}

/** The sticker transition sends the same sticker twice (image + sticker): keep one. */
function dedupe(attachments: Attachment[]): Attachment[] {
  const seen = new Set<string>();
  return attachments.filter((item) => {
    const key = `${item.type} ${item.url ?? ''} ${item.title ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function toReferral(referral: Json | undefined): Referral | undefined {
  if (!referral) return undefined;
  const ads = record(referral.ads_context_data);
  const result: Referral = {
    source: text(referral.source),
    type: text(referral.type),
    adId: text(referral.ad_id),
    ref: text(referral.ref),
    headline: text(ads?.ad_title),
    sourceUrl: text(referral.referer_uri),
  };
  const kept = compact(result);
  return Object.keys(kept).length > 0 ? kept : undefined;
}
