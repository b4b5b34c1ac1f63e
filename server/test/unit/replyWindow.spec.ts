import { Platform } from '../../src/platforms/platform';
import { replyWindow } from '../../src/modules/chats/replyWindow';

const NOW = new Date('2026-11-24T12:00:00Z');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const before = (ms: number) => new Date(NOW.getTime() - ms);
const ai = { startedFromAd: false, human: false };
const human = { startedFromAd: false, human: true };
const fromAd = { startedFromAd: true, human: false };

describe.each([Platform.FACEBOOK, Platform.INSTAGRAM])('%s', (platform) => {
  const name = platform === Platform.FACEBOOK ? 'Messenger' : 'Instagram';

  test('open within 24 hours of the last customer message', () => {
    expect(replyWindow(platform, before(0), NOW, ai)).toEqual({ open: true });
    expect(replyWindow(platform, before(DAY - MINUTE), NOW, ai)).toEqual({ open: true });
  });

  test('closed for automated replies after 24 hours, saying why and what is possible', () => {
    expect(replyWindow(platform, before(DAY + MINUTE), NOW, ai)).toEqual({
      open: false,
      reason: `The customer last wrote 24 hours ago; ${name} only allows automated replies within 24 hours of the customer's last message. A person can still reply from the dashboard (sent with the Human Agent tag) until 7 days have passed.`,
    });
    expect(replyWindow(platform, before(3 * DAY), NOW, ai)).toMatchObject({
      reason: expect.stringMatching(/^The customer last wrote 3 days ago; /),
    });
  });

  test('exactly 24 hours is already closed', () => {
    expect(replyWindow(platform, before(DAY), NOW, ai).open).toBe(false);
  });

  test('chats begun from an ad stay open 7 days for automated replies', () => {
    expect(replyWindow(platform, before(6 * DAY), NOW, fromAd)).toEqual({ open: true });
    expect(replyWindow(platform, before(7 * DAY - MINUTE), NOW, fromAd)).toEqual({ open: true });
    expect(replyWindow(platform, before(7 * DAY + MINUTE), NOW, fromAd).open).toBe(false);
  });

  test('a human reply past 24 hours and within 7 days goes with HUMAN_AGENT', () => {
    expect(replyWindow(platform, before(DAY + MINUTE), NOW, human)).toEqual({
      open: true,
      tag: 'HUMAN_AGENT',
    });
    expect(replyWindow(platform, before(6 * DAY), NOW, human)).toEqual({
      open: true,
      tag: 'HUMAN_AGENT',
    });
    // Inside 24 hours a human reply needs no tag.
    expect(replyWindow(platform, before(HOUR), NOW, human)).toEqual({ open: true });
  });

  test('after 7 days nothing is open', () => {
    expect(replyWindow(platform, before(8 * DAY), NOW, human)).toEqual({
      open: false,
      reason: `The customer last wrote 8 days ago; ${name} allows replies within 24 hours of the customer's last message (7 days for a person replying, or for chats that began from an ad). Wait for the customer to write again.`,
    });
  });
});

describe('WhatsApp', () => {
  test('24 hours, with no tag exception for people or ads', () => {
    expect(replyWindow(Platform.WHATSAPP, before(DAY - MINUTE), NOW, ai)).toEqual({ open: true });
    for (const options of [ai, human, fromAd]) {
      const window = replyWindow(Platform.WHATSAPP, before(DAY + MINUTE), NOW, options);
      expect(window).toEqual({ open: false, reason: expect.stringContaining('template') });
    }
    expect(replyWindow(Platform.WHATSAPP, before(2 * DAY), NOW, human)).toEqual({
      open: false,
      reason:
        "The customer last wrote 2 days ago; WhatsApp only allows free-form replies within 24 hours of the customer's last message. Past that, only a pre-approved message template can be sent, or wait for the customer to write again.",
    });
  });
});

describe('edge cases', () => {
  test('the simulator is always open', () => {
    expect(replyWindow(Platform.SIMULATOR, undefined, NOW, ai)).toEqual({ open: true });
    expect(replyWindow(Platform.SIMULATOR, before(30 * DAY), NOW, ai)).toEqual({ open: true });
  });

  test('no customer message yet: closed', () => {
    expect(replyWindow(Platform.FACEBOOK, undefined, NOW, human)).toEqual({
      open: false,
      reason:
        'The customer has not written yet; Messenger only allows replies to people who wrote to the business first.',
    });
  });

  test('a timestamp in the future (clock skew) counts as now', () => {
    expect(replyWindow(Platform.WHATSAPP, new Date(NOW.getTime() + HOUR), NOW, ai)).toEqual({
      open: true,
    });
  });

  test('durations read naturally', () => {
    const reason = (ms: number) => {
      const window = replyWindow(Platform.WHATSAPP, before(ms), NOW, ai);
      return window.open ? '' : window.reason;
    };
    expect(reason(30 * HOUR)).toMatch(/^The customer last wrote 30 hours ago;/);
    expect(reason(49 * HOUR)).toMatch(/^The customer last wrote 2 days ago;/);
  });
});
