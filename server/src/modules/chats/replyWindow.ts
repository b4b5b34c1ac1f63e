import { Platform, PLATFORM_NAMES } from '../../platforms/platform';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
/** Standard messaging window on every Meta platform. */
const STANDARD = DAY;
/** Chats begun from a Click-to-Messenger/Instagram ad, and HUMAN_AGENT replies. */
const EXTENDED = 7 * DAY;

export type ReplyWindow = { open: true; tag?: 'HUMAN_AGENT' } | { open: false; reason: string };

export interface ReplyWindowOptions {
  /** The chat began from an ad (the first message carried a referral). */
  startedFromAd: boolean;
  /** A person in the dashboard is replying, not the AI. */
  human: boolean;
}

/**
 * Whether Meta will accept a free-form reply now. Windows are counted from the customer's
 * last message; a window ends strictly before its full length (exactly 24 h is closed),
 * since Meta counts from its own receipt time and a borderline send would be refused.
 */
export function replyWindow(
  platform: Platform,
  lastCustomerMessageAt: Date | undefined,
  now: Date,
  options: ReplyWindowOptions,
): ReplyWindow {
  if (platform === Platform.SIMULATOR) return { open: true };
  const name = PLATFORM_NAMES[platform];
  if (!lastCustomerMessageAt) {
    return {
      open: false,
      reason: `The customer has not written yet; ${name} only allows replies to people who wrote to the business first.`,
    };
  }
  // A future timestamp (clock skew) counts as "just now".
  const elapsed = Math.max(0, now.getTime() - lastCustomerMessageAt.getTime());
  if (elapsed < STANDARD) return { open: true };
  const wrote = `The customer last wrote ${ago(elapsed)}`;

  if (platform === Platform.WHATSAPP) {
    return {
      open: false,
      reason: `${wrote}; WhatsApp only allows free-form replies within 24 hours of the customer's last message. Past that, only a pre-approved message template can be sent, or wait for the customer to write again.`,
    };
  }
  if (elapsed < EXTENDED) {
    if (options.startedFromAd) return { open: true };
    if (options.human) return { open: true, tag: 'HUMAN_AGENT' };
    return {
      open: false,
      reason: `${wrote}; ${name} only allows automated replies within 24 hours of the customer's last message. A person can still reply from the dashboard (sent with the Human Agent tag) until 7 days have passed.`,
    };
  }
  return {
    open: false,
    reason: `${wrote}; ${name} allows replies within 24 hours of the customer's last message (7 days for a person replying, or for chats that began from an ad). Wait for the customer to write again.`,
  };
}

/** When the window of these options closes for a customer who last wrote at `last`. */
export function replyWindowClosesAt(
  platform: Platform,
  last: Date,
  options: ReplyWindowOptions,
): Date {
  const extended = platform !== Platform.WHATSAPP && (options.startedFromAd || options.human);
  return new Date(last.getTime() + (extended ? EXTENDED : STANDARD));
}

/** "5 minutes ago", "26 hours ago", "3 days ago": rounded down, as people say it. */
function ago(elapsed: number): string {
  const unit = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'} ago`;
  if (elapsed < HOUR) return unit(Math.floor(elapsed / 60_000), 'minute');
  if (elapsed < 2 * DAY) return unit(Math.floor(elapsed / HOUR), 'hour');
  return unit(Math.floor(elapsed / DAY), 'day');
}
