import 'reflect-metadata';
import type { Chat } from '../../src/modules/chats/chat.model';
import { ReplyAllowed, replyWindowState } from '../../src/modules/chats/chatReplyWindow';
import { Platform } from '../../src/platforms/platform';

const NOW = new Date('2026-12-01T12:00:00Z');
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const chat = (platform: Platform, wroteAgoMs?: number, referral?: Chat['referral']) =>
  ({
    platform,
    lastCustomerMessageAt:
      wroteAgoMs === undefined ? undefined : new Date(NOW.getTime() - wroteAgoMs),
    referral,
  }) as Chat;

test('inside 24 hours anyone may reply, until 7 days on Messenger for a person', () => {
  expect(replyWindowState(chat(Platform.FACEBOOK, HOUR), NOW)).toEqual({
    open: true,
    closesAt: new Date(NOW.getTime() - HOUR + 7 * DAY),
    reason: null,
    allowed: ReplyAllowed.ANY,
  });
});

test('past 24 hours on Messenger only a person may, with the Human Agent tag', () => {
  const state = replyWindowState(chat(Platform.INSTAGRAM, 2 * DAY), NOW);
  expect(state).toMatchObject({ open: true, allowed: ReplyAllowed.PERSON, reason: null });
  expect(state.closesAt).toEqual(new Date(NOW.getTime() - 2 * DAY + 7 * DAY));
});

test('WhatsApp past 24 hours allows a template only, and says why', () => {
  const state = replyWindowState(chat(Platform.WHATSAPP, 25 * HOUR), NOW);
  expect(state).toMatchObject({ open: false, closesAt: null, allowed: ReplyAllowed.TEMPLATE });
  expect(state.reason).toMatch(/only a pre-approved message template can be sent/);
  const inside = replyWindowState(chat(Platform.WHATSAPP, HOUR), NOW);
  expect(inside.closesAt).toEqual(new Date(NOW.getTime() - HOUR + DAY));
});

test('a chat begun from an ad keeps 7 days for the AI too', () => {
  const fromAd = chat(Platform.FACEBOOK, 3 * DAY, { adId: 'ad-1', source: 'ADS' });
  expect(replyWindowState(fromAd, NOW).allowed).toBe(ReplyAllowed.ANY);
});

test('nothing before the customer writes, or past 7 days; the simulator is always open', () => {
  expect(replyWindowState(chat(Platform.FACEBOOK), NOW)).toMatchObject({
    open: false,
    allowed: ReplyAllowed.NONE,
  });
  expect(replyWindowState(chat(Platform.FACEBOOK, 8 * DAY), NOW).allowed).toBe(ReplyAllowed.NONE);
  expect(replyWindowState(chat(Platform.SIMULATOR), NOW)).toEqual({
    open: true,
    closesAt: null,
    reason: null,
    allowed: ReplyAllowed.ANY,
  });
});
