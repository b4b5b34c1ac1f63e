import {
  MessageKind,
  type Attachment,
  type InboundMessage,
  type MessagePart,
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

/** What the parser needs to know about this server's own Meta app. */
export interface MessagingOptions {
  /**
   * Our Meta app id: an echo sent by another app id (the Page inbox, Business Suite) is a
   * person writing to the customer. Unset, no echo can be told apart from ours: all are
   * skipped, as before.
   */
  appId?: string;
}

/**
 * Messenger (`object: "page"`) and Instagram (`object: "instagram"`) share the
 * `entry[].messaging[]` event shape; Instagram ids are IG-scoped. Every entry and every
 * event is read (Meta batches up to 1,000 events per POST). Events in `entry[].standby[]`
 * belong to a thread another app owns: kept so the inbox stays complete, never answered.
 */
export function parseMessagingWebhook(
  body: unknown,
  platform: Platform.FACEBOOK | Platform.INSTAGRAM,
  options: MessagingOptions = {},
): ParsedWebhook {
  const isInstagram = platform === Platform.INSTAGRAM;
  const entries = entriesOf(
    body,
    isInstagram ? 'instagram' : 'page',
    isInstagram ? 'Instagram' : 'Messenger',
  );
  const messages: InboundMessage[] = [];
  for (const entry of entries) {
    const events = [
      ...list(entry.messaging).map((item) => ({ item, standby: false })),
      ...list(entry.standby).map((item) => ({ item, standby: true })),
    ];
    for (const { item, standby } of events) {
      const event = record(item);
      const message = event && toMessage(event, entry, platform, options);
      if (message) messages.push(standby ? { ...message, standby: true } : message);
    }
  }
  return { messages, statuses: [] };
}

type Base = Pick<InboundMessage, 'platform' | 'recipientId' | 'customerId' | 'timestamp'>;

/** One event to one message or thread action; undefined for receipts and malformed events. */
function toMessage(
  event: Json,
  entry: Json,
  platform: Platform,
  options: MessagingOptions,
): InboundMessage | undefined {
  const message = record(event.message);
  const echo = message?.is_echo === true;
  // An echo goes from the Page to the customer: the two ids swap places.
  const customerId = text(record(echo ? event.recipient : event.sender)?.id);
  // The recipient is the Page / IG account; the entry id is the same account.
  const recipientId = text(record(echo ? event.sender : event.recipient)?.id) ?? text(entry.id);
  const timestamp = toDate(event.timestamp) ?? toDate(entry.time);
  if (!customerId || !recipientId || !timestamp) return undefined;
  const base: Base = { platform, recipientId, customerId, timestamp };
  if (message)
    return echo ? toEcho(base, message, options) : toCustomerMessage(base, message, event);
  return toAction(base, event);
}

function toCustomerMessage(base: Base, message: Json, event: Json): InboundMessage | undefined {
  const platformMessageId = text(message.mid);
  if (!platformMessageId) return undefined;
  // Instagram's unsend: the same mid, now deleted.
  if (message.is_deleted === true) {
    return action(base, `unsend:${platformMessageId}`, {
      type: 'unsend',
      targetId: platformMessageId,
    });
  }
  const attachments: Attachment[] = [];
  const parts: MessagePart[] = [];
  for (const item of list(message.attachments).map((value) => record(value) ?? {})) {
    const part = partOf(item);
    if (part) parts.push(part);
    else attachments.push(toAttachment(item));
  }
  const story = record(record(message.reply_to)?.story);
  if (story) {
    parts.push(
      compact<MessagePart>({
        type: 'story',
        mention: false,
        url: text(story.url),
        storyId: text(story.id),
      }),
    );
  }
  const media = dedupe(attachments);
  const unique = dedupeShares(parts);
  const words = text(message.text);
  const kind = kindOf(words, media, unique, message);
  const body =
    words ??
    describeParts(unique) ??
    (media.length > 0 ? describeAttachments(media) : undefined) ??
    (kind === MessageKind.UNSUPPORTED ? '[unsupported message]' : undefined);
  if (!body) return undefined;
  if (kind === MessageKind.UNSUPPORTED && !unique.some((part) => part.type === 'unsupported')) {
    unique.push({ type: 'unsupported', rawType: 'unsupported' });
  }
  return compact({
    ...base,
    platformMessageId,
    text: body,
    kind,
    attachments: media,
    parts: unique.length > 0 ? unique : undefined,
    quickReplyPayload: text(record(message.quick_reply)?.payload),
    referral: toReferral(record(message.referral) ?? record(event.referral)),
  });
}

/**
 * Our own sends come back as echoes carrying our app id: skipped. Another app id is a
 * person in the Page inbox or Business Suite (or another tool) writing to the customer.
 */
function toEcho(base: Base, message: Json, options: MessagingOptions): InboundMessage | undefined {
  const platformMessageId = text(message.mid);
  const appId = text(message.app_id);
  // An echo naming no app cannot be told apart from ours either.
  if (!platformMessageId || !options.appId || !appId || appId === options.appId) return undefined;
  const words =
    text(message.text) ??
    (list(message.attachments).length > 0 ? '[attachment]' : undefined) ??
    '[message]';
  return action(base, platformMessageId, { type: 'echo', text: words });
}

/** Events without a message: taps, reactions, edits, handover, referrals. */
function toAction(base: Base, event: Json): InboundMessage | undefined {
  const at = base.timestamp.getTime();
  // Buttons, "Get Started" and persistent-menu taps: the tap is the customer's message.
  const postback = record(event.postback);
  if (postback) {
    const payload = text(postback.payload);
    const title = text(postback.title) ?? payload;
    const platformMessageId = text(postback.mid);
    if (!platformMessageId || !title) return undefined;
    return compact({
      ...base,
      platformMessageId,
      text: title,
      kind: MessageKind.QUICK_REPLY,
      attachments: [],
      quickReplyPayload: payload,
      referral: toReferral(record(postback.referral) ?? record(event.referral)),
    });
  }
  const reaction = record(event.reaction);
  if (reaction) {
    const targetId = text(reaction.mid);
    if (!targetId) return undefined;
    const removed = text(reaction.action) === 'unreact';
    return action(base, `reaction:${targetId}:${base.customerId}:${at}`, {
      type: 'reaction',
      targetId,
      emoji: removed ? undefined : (text(reaction.emoji) ?? text(reaction.reaction)),
      removed,
    });
  }
  const edit = record(event.message_edit);
  if (edit) {
    const targetId = text(edit.mid);
    const words = text(edit.text);
    if (!targetId || !words) return undefined;
    const n = text(edit.num_edit) ?? String(at);
    return action(base, `edit:${targetId}:${n}`, { type: 'edit', targetId, text: words });
  }
  const passed = record(event.pass_thread_control);
  const taken = record(event.take_thread_control);
  if (passed || taken) {
    const control = (passed ?? taken)!;
    const toAppId = text(control.new_owner_app_id);
    return action(base, `handover:${base.customerId}:${at}:${passed ? 'pass' : 'take'}`, {
      type: 'handover',
      // Passed to an app: to us when it names no other app (the parser cannot know our
      // id here; ingest compares it with the configured one). Taken: away from us.
      toSalesdesk: Boolean(passed),
      fromAppId: text(control.previous_owner_app_id),
      toAppId,
    });
  }
  const referral = toReferral(record(event.referral));
  if (referral) {
    return { ...action(base, `referral:${base.customerId}:${at}`, { type: 'referral' }), referral };
  }
  return undefined; // delivery, read, optin, request_thread_control, ...
}

function action(base: Base, platformMessageId: string, thread: ThreadAction): InboundMessage {
  return { ...base, platformMessageId, text: '', attachments: [], action: thread };
}

/** Attachments that are not media: a shared post, reel or link, a story mention. */
function partOf(item: Json): MessagePart | undefined {
  const payload = record(item.payload) ?? {};
  const type = text(item.type) ?? '';
  const url = text(payload.url);
  const title = text(payload.title) ?? text(item.title);
  if (type === 'story_mention')
    return compact<MessagePart>({ type: 'story', mention: true, url, storyId: text(payload.id) });
  if (type === 'share' || type === 'ig_post' || type === 'fallback') {
    return compact<MessagePart>({
      type: 'share',
      shareType: type === 'fallback' ? 'link' : 'post',
      url,
      title,
    });
  }
  if (type === 'ig_reel' || type === 'reel')
    return compact<MessagePart>({ type: 'share', shareType: 'reel', url, title });
  if (
    type === 'template' &&
    list(payload.product).length + list(record(payload.product)?.elements).length > 0
  ) {
    return compact<MessagePart>({ type: 'share', shareType: 'product', url, title });
  }
  if (type === 'location') {
    const coordinates = record(payload.coordinates);
    return compact<MessagePart>({
      type: 'location',
      latitude: numberOf(coordinates?.lat),
      longitude: numberOf(coordinates?.long),
      name: title,
      url,
    });
  }
  return undefined;
}

const numberOf = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/**
 * A post shared twice in one message (Instagram's `ig_post` beside the legacy `share`)
 * counts once, as the richer of the two.
 */
function dedupeShares(parts: MessagePart[]): MessagePart[] {
  const kept: MessagePart[] = [];
  const shares = new Map<string, number>();
  for (const part of parts) {
    const key = part.type === 'share' ? (part.url ?? part.title) : undefined;
    const index = key === undefined ? undefined : shares.get(key);
    if (index === undefined) {
      if (key !== undefined) shares.set(key, kept.length);
      kept.push(part);
    } else if (part.type === 'share' && part.title) {
      kept[index] = part;
    }
  }
  return kept;
}

function kindOf(
  words: string | undefined,
  media: Attachment[],
  parts: MessagePart[],
  message: Json,
): MessageKind {
  const story = parts.find((part) => part.type === 'story');
  if (story?.type === 'story')
    return story.mention ? MessageKind.STORY_MENTION : MessageKind.STORY_REPLY;
  if (message.quick_reply) return MessageKind.QUICK_REPLY;
  if (parts.some((part) => part.type === 'share')) return MessageKind.SHARE;
  if (parts.some((part) => part.type === 'location')) return MessageKind.LOCATION;
  const [first] = media;
  if (first) return mediaKind(first.type);
  if (words) return MessageKind.TEXT;
  return MessageKind.UNSUPPORTED;
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
  audio: 'audio',
  file: 'file',
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
