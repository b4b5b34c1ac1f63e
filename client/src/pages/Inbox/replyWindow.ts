import type { InboxChatFieldsFragment } from '../../gql/graphql';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

export type ReplyWindowState = { open: true } | { open: false; reason: string };

function ago(elapsed: number): string {
  const unit = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'} ago`;
  if (elapsed < HOUR) return unit(Math.floor(elapsed / 60_000), 'minute');
  if (elapsed < 2 * DAY) return unit(Math.floor(elapsed / HOUR), 'hour');
  return unit(Math.floor(elapsed / DAY), 'day');
}

/**
 * Whether the owner may type a reply now. The schema exposes no reply-window field, so
 * this mirrors the server's rule for a person's reply (server/src/platforms/replyWindow.ts,
 * human: true) from `lastCustomerMessageAt`; sendMessage still refuses with
 * REPLY_WINDOW_CLOSED if the two ever disagree, and that message is shown as a toast.
 */
export function humanReplyWindow(
  chat: Pick<InboxChatFieldsFragment, 'platform' | 'lastCustomerMessageAt' | 'referral'>,
  now = Date.now(),
): ReplyWindowState {
  if (chat.platform === 'SIMULATOR') return { open: true };
  const name =
    chat.platform === 'WHATSAPP'
      ? 'WhatsApp'
      : chat.platform === 'INSTAGRAM'
        ? 'Instagram'
        : 'Messenger';
  if (!chat.lastCustomerMessageAt) {
    return {
      open: false,
      reason: `The customer has not written yet; ${name} only allows replies to people who wrote to the business first.`,
    };
  }
  const elapsed = Math.max(0, now - new Date(chat.lastCustomerMessageAt).getTime());
  if (elapsed < DAY) return { open: true };
  const wrote = `The customer last wrote ${ago(elapsed)}`;
  if (chat.platform === 'WHATSAPP') {
    return {
      open: false,
      reason: `${wrote}; WhatsApp only allows free-form replies within 24 hours of the customer's last message. Wait for the customer to write again.`,
    };
  }
  if (elapsed < 7 * DAY) return { open: true };
  return {
    open: false,
    reason: `${wrote}; ${name} allows a person's replies within 7 days of the customer's last message. Wait for the customer to write again.`,
  };
}
