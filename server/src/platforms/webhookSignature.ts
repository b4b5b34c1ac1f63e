import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

const PREFIX = 'sha256=';
/** HMAC-SHA256 is 32 bytes: 64 lower- or upper-case hex digits. */
const HEX_DIGEST = /^[0-9a-f]{64}$/i;

/** The `X-Hub-Signature-256` value Meta sends for this body: `sha256=<hex>`. */
export function signBody(rawBody: Buffer | string, appSecret: string): string {
  return PREFIX + createHmac('sha256', appSecret).update(rawBody).digest('hex');
}

/**
 * Checks `X-Hub-Signature-256` against the RAW request bytes: re-serialised JSON differs
 * (key order, spacing, unicode escapes), so the caller must keep the body as received.
 * Anything missing or malformed is simply "not signed by Meta".
 */
export function verifySignature(
  rawBody: Buffer,
  header: string | undefined,
  appSecret: string,
): boolean {
  if (!appSecret || typeof header !== 'string' || !header.startsWith(PREFIX)) return false;
  const hex = header.slice(PREFIX.length).trim();
  if (!HEX_DIGEST.test(hex)) return false;
  const received = Buffer.from(hex, 'hex');
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  // Both are 32 bytes here (checked above), as timingSafeEqual requires.
  return timingSafeEqual(received, expected);
}

/**
 * Meta's subscription handshake (GET on the webhook URL): answer the challenge only when
 * the verify token matches. Accepts both query shapes Express can produce: flat keys
 * (`hub.mode`) from the simple parser, or `{ hub: { mode } }` from the extended one.
 */
export function verifyHandshake(
  query: Record<string, unknown>,
  verifyToken: string | undefined,
): { ok: true; challenge: string } | { ok: false } {
  const nested = typeof query.hub === 'object' && query.hub !== null ? query.hub : {};
  const field = (name: string): unknown =>
    query[`hub.${name}`] ?? (nested as Record<string, unknown>)[name];
  const mode = field('mode');
  const token = field('verify_token');
  const challenge = field('challenge');
  if (!verifyToken || mode !== 'subscribe' || typeof token !== 'string') return { ok: false };
  if (typeof challenge !== 'string' || challenge === '') return { ok: false };
  return sameSecret(token, verifyToken) ? { ok: true, challenge } : { ok: false };
}

/** Constant time whatever the lengths: compares fixed-size digests, not the strings. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}
