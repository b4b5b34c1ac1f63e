import { randomBytes } from 'node:crypto';
import type { Credentials } from '../../src/modules/integrations/integration.model';
import { GraphApiClient } from '../../src/platforms/graphApi';
import { Platform } from '../../src/platforms/platform';
import { fitText, PlatformSender, SendError } from '../../src/platforms/sender';
import { sealSecret } from '../../src/security/secretBox';
import {
  closedPortUrl,
  metaError,
  startGraphApiFixture,
  type GraphApiFixture,
} from '../support/graphApiFixture';

// The real GraphApiClient over real HTTP against the local Graph API fixture; no database.

const KEY = randomBytes(32);
const PAGE = '106540352242922';
const PAGE_TOKEN = 'EAAG-page-token-must-not-leak';
const OTHER_PAGE = '200000000000001';
const OTHER_TOKEN = 'EAAG-other-page-token';
const IG = '17841405822304914';
const PHONE = '109876543210987';
const WA_TOKEN = 'EAAG-whatsapp-system-user-token';

const messenger: Credentials = { pageId: PAGE, pageAccessToken: sealSecret(PAGE_TOKEN, KEY) };
const instagram: Credentials = {
  pageId: PAGE,
  accountId: IG,
  pageAccessToken: sealSecret(PAGE_TOKEN, KEY),
};
const whatsapp: Credentials = {
  phoneNumberId: PHONE,
  wabaId: '102290129340398',
  accessToken: sealSecret(WA_TOKEN, KEY),
};

let meta: GraphApiFixture;
beforeAll(async () => {
  meta = await startGraphApiFixture({
    pages: {
      [PAGE]: { name: 'Acme Shoes', token: PAGE_TOKEN },
      [OTHER_PAGE]: { name: 'Other', token: OTHER_TOKEN },
    },
    igAccounts: { [IG]: { username: 'acme.ig', pageId: PAGE } },
    phoneNumbers: {
      [PHONE]: { display_phone_number: '+1 555-0100', verified_name: 'Acme', token: WA_TOKEN },
    },
  });
});
afterAll(() => meta.close());
afterEach(() => {
  meta.state.sendFailures.length = 0;
  meta.setSendDelay(0);
});

const sender = (options: { maxAttempts?: number; baseDelayMs?: number; timeoutMs?: number } = {}) =>
  new PlatformSender(new GraphApiClient({ baseUrl: meta.url, timeoutMs: options.timeoutMs }), KEY, {
    baseDelayMs: 0,
    ...options,
  });

/** Runs a send expected to fail; returns the SendError and the requests it made. */
async function failedSend(send: () => Promise<unknown>) {
  const before = meta.requests.length;
  const error = await send().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SendError);
  const text = JSON.stringify({ ...(error as object), message: (error as Error).message });
  for (const token of [PAGE_TOKEN, WA_TOKEN, OTHER_TOKEN]) expect(text).not.toContain(token);
  return { error: error as SendError, calls: meta.requests.slice(before) };
}

describe('request shapes', () => {
  test('Messenger: RESPONSE text to the Page, with the Page token', async () => {
    const result = await sender().sendText({
      platform: Platform.FACEBOOK,
      credentials: messenger,
      to: '6945120098817311',
      text: 'Yes, size 42 is in stock!',
    });
    expect(result.platformMessageId).toMatch(/^m_\d+$/);
    expect(meta.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: `/v26.0/${PAGE}/messages`,
      authorization: `Bearer ${PAGE_TOKEN}`,
    });
    expect(meta.requests.at(-1)?.body).toStrictEqual({
      recipient: { id: '6945120098817311' },
      messaging_type: 'RESPONSE',
      message: { text: 'Yes, size 42 is in stock!' },
    });
  });

  test('Instagram: the same shape through the linked Page', async () => {
    const result = await sender().sendText({
      platform: Platform.INSTAGRAM,
      credentials: instagram,
      to: '1234567890123456',
      text: 'Hi!',
    });
    expect(result.platformMessageId).toMatch(/^m_\d+$/);
    expect(meta.requests.at(-1)).toMatchObject({
      path: `/v26.0/${PAGE}/messages`,
      authorization: `Bearer ${PAGE_TOKEN}`,
      body: {
        recipient: { id: '1234567890123456' },
        messaging_type: 'RESPONSE',
        message: { text: 'Hi!' },
      },
    });
  });

  test('HUMAN_AGENT replies are MESSAGE_TAG sends', async () => {
    await sender().sendText({
      platform: Platform.FACEBOOK,
      credentials: messenger,
      to: '6945120098817311',
      text: 'Sorry for the wait!',
      tag: 'HUMAN_AGENT',
    });
    expect(meta.requests.at(-1)?.body).toStrictEqual({
      recipient: { id: '6945120098817311' },
      messaging_type: 'MESSAGE_TAG',
      tag: 'HUMAN_AGENT',
      message: { text: 'Sorry for the wait!' },
    });
  });

  test('WhatsApp: text to the phone number id, with the bearer token; answers messages[0].id', async () => {
    const result = await sender().sendText({
      platform: Platform.WHATSAPP,
      credentials: whatsapp,
      to: '16505551234',
      text: 'Your order ships today.',
    });
    expect(result.platformMessageId).toMatch(/^wamid\.\d+$/);
    expect(meta.requests.at(-1)).toMatchObject({
      path: `/v26.0/${PHONE}/messages`,
      authorization: `Bearer ${WA_TOKEN}`,
    });
    expect(meta.requests.at(-1)?.body).toStrictEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '16505551234',
      type: 'text',
      text: { body: 'Your order ships today.' },
    });
  });

  test('long texts are cut to the platform limit at a word boundary', async () => {
    const long = 'word '.repeat(1000);
    await sender().sendText({
      platform: Platform.FACEBOOK,
      credentials: messenger,
      to: '1',
      text: long,
    });
    const sent = (meta.requests.at(-1)?.body as { message: { text: string } }).message.text;
    expect(sent.length).toBeLessThanOrEqual(2000);
    expect(sent.length).toBeGreaterThan(1990);
    expect(sent).toMatch(/word…$/);
  });
});

describe('fitText', () => {
  test('leaves short texts alone', () => {
    expect(fitText('hello', Platform.FACEBOOK)).toBe('hello');
    expect(fitText('x'.repeat(4096), Platform.WHATSAPP)).toBe('x'.repeat(4096));
  });

  test('Messenger 2,000 and WhatsApp 4,096 characters, never splitting a code point', () => {
    const emoji = '😀'.repeat(3000);
    const cut = fitText(emoji, Platform.FACEBOOK);
    expect(cut.length).toBeLessThanOrEqual(2000);
    expect(cut).toMatch(/^(😀)+…$/u);
    expect(fitText('y'.repeat(5000), Platform.WHATSAPP)).toHaveLength(4096);
  });

  test('Instagram counts 1,000 UTF-8 bytes', () => {
    const cut = fitText('é'.repeat(800), Platform.INSTAGRAM);
    expect(Buffer.byteLength(cut, 'utf8')).toBeLessThanOrEqual(1000);
    expect(cut).toBe(`${'é'.repeat(498)}…`);
  });
});

describe('retries and failures', () => {
  const sendMessenger = (instance = sender()) =>
    instance.sendText({
      platform: Platform.FACEBOOK,
      credentials: messenger,
      to: '42',
      text: 'Hi',
    });

  test('a 429 is retried (Retry-After: 0), then succeeds', async () => {
    meta.failNextSends(1, 'rate-limit');
    const before = meta.sends().length;
    const result = await sendMessenger(sender({ baseDelayMs: 5_000 }));
    expect(result.platformMessageId).toMatch(/^m_\d+$/);
    expect(meta.sends().length - before).toBe(2);
  });

  test('Retry-After in seconds is honoured', async () => {
    meta.failNextSends(1, {
      ...metaError(429, 'Slow down', 'OAuthException', 4),
      headers: { 'retry-after': '1' },
    });
    const started = Date.now();
    await sendMessenger();
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  test('waits are capped at 8 s, whatever Retry-After says', async () => {
    meta.failNextSends(2, {
      ...metaError(429, 'Slow down', 'OAuthException', 4),
      headers: { 'retry-after': '3600' },
    });
    const realSetTimeout = global.setTimeout;
    const waits: number[] = [];
    // Records the sender's waits and skips them; other timers run as usual.
    const spy = jest.spyOn(global, 'setTimeout').mockImplementation(((
      callback: () => void,
      ms?: number,
    ) => {
      if (ms !== undefined && ms >= 1000) waits.push(ms);
      return realSetTimeout(callback, ms !== undefined && ms >= 1000 ? 0 : ms);
    }) as typeof setTimeout);
    try {
      await sendMessenger();
    } finally {
      spy.mockRestore();
    }
    expect(waits).toEqual([8000, 8000]);
  });

  test('WhatsApp throttling (HTTP 400, code 130429) is retried too', async () => {
    meta.failNextSends(1, metaError(400, '(#130429) Rate limit hit', 'OAuthException', 130429));
    const result = await sender().sendText({
      platform: Platform.WHATSAPP,
      credentials: whatsapp,
      to: '16505551234',
      text: 'Hello',
    });
    expect(result.platformMessageId).toMatch(/^wamid\./);
  });

  // At most once: a 500 may come after Meta delivered the message, so it is not retried.
  test('a 500 is not retried: an "unknown" SendError after one call', async () => {
    meta.failNextSends(3, 'server-error');
    const { error, calls } = await failedSend(() => sendMessenger(sender({ baseDelayMs: 50 })));
    expect(calls).toHaveLength(1);
    expect(error).toMatchObject({ kind: 'unknown', retryable: false, status: 500, code: 2 });
    expect(error.message).toBe(
      'Sending on Messenger failed: Meta Graph API error (OAuthException, code 2): An unexpected error has occurred. Please retry your request later.',
    );
  });

  test('a 503 (Meta did not take it) is retried with exponential backoff', async () => {
    meta.failNextSends(3, {
      ...metaError(503, 'Service temporarily unavailable', 'OAuthException', 2),
    });
    const started = Date.now();
    const { error, calls } = await failedSend(() => sendMessenger(sender({ baseDelayMs: 50 })));
    expect(Date.now() - started).toBeGreaterThanOrEqual(140); // 50 + 100 ms
    expect(calls).toHaveLength(3);
    expect(error).toMatchObject({ kind: 'not-sent', retryable: true, status: 503, attempts: 3 });
    expect(error.message).toMatch(/^Sending on Messenger failed after 3 attempts: /);
  });

  test("a 400 fails at once with Meta's message and what it means", async () => {
    meta.failNextSends(1, 'outside-window');
    const { error, calls } = await failedSend(() => sendMessenger());
    expect(calls).toHaveLength(1);
    expect(error).toMatchObject({ retryable: false, status: 400, code: 10, subcode: 2018278 });
    expect(error.message).toBe(
      'Sending on Messenger failed: Meta Graph API error (OAuthException, code 10): (#10) This message is sent outside of allowed window. The reply is outside the allowed window: the customer last wrote too long ago.',
    );
  });

  test('a token that does not own the Page is refused (401), without the token in the error', async () => {
    const wrong: Credentials = { pageId: PAGE, pageAccessToken: sealSecret(OTHER_TOKEN, KEY) };
    const { error, calls } = await failedSend(() =>
      sender().sendText({ platform: Platform.FACEBOOK, credentials: wrong, to: '42', text: 'Hi' }),
    );
    expect(calls).toHaveLength(1);
    expect(error).toMatchObject({ retryable: false, status: 401, code: 190 });
    expect(error.message).toMatch(/reconnect the integration\.$/);
  });

  test('a connection that never opened is retried; a timeout is not (it may have been delivered)', async () => {
    const offline = new PlatformSender(
      new GraphApiClient({ baseUrl: await closedPortUrl() }),
      KEY,
      {
        baseDelayMs: 0,
      },
    );
    const down = await failedSend(() => sendMessenger(offline));
    expect(down.error).toMatchObject({
      kind: 'not-sent',
      retryable: true,
      attempts: 3,
      status: undefined,
    });
    expect(down.error.message).toMatch(/could not be reached/);

    meta.setSendDelay(300);
    const slow = await failedSend(() => sendMessenger(sender({ timeoutMs: 50, maxAttempts: 2 })));
    expect(slow.error).toMatchObject({ kind: 'unknown', retryable: false, attempts: 1 });
    expect(slow.error.message).toMatch(/did not answer within 0.05 s/);
  });

  test('nothing is sent without usable credentials, or to the simulator', async () => {
    const cases: [Platform, Credentials, RegExp][] = [
      [Platform.FACEBOOK, { pageAccessToken: messenger.pageAccessToken }, /no Page id/],
      [Platform.FACEBOOK, { pageId: PAGE }, /no access token/],
      [Platform.WHATSAPP, { accessToken: whatsapp.accessToken }, /no phone number id/],
      [
        Platform.FACEBOOK,
        { pageId: PAGE, pageAccessToken: sealSecret(PAGE_TOKEN, randomBytes(32)) },
        /could not be decrypted/,
      ],
      [Platform.SIMULATOR, {}, /simulator has no Send API/],
    ];
    for (const [platform, credentials, message] of cases) {
      const { error, calls } = await failedSend(() =>
        sender().sendText({ platform, credentials, to: '42', text: 'Hi' }),
      );
      expect(calls).toHaveLength(0);
      expect(error.retryable).toBe(false);
      expect(error.message).toMatch(message);
    }
  });
});
