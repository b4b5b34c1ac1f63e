import { createHmac, timingSafeEqual } from 'node:crypto';

/*
 * Meta's `signed_request` (Deauthorize and Data Deletion callbacks):
 * `<base64url signature>.<base64url JSON payload>`, the signature an HMAC-SHA256 of the
 * encoded payload with the app secret, the payload `{ user_id, algorithm, issued_at }`.
 */

export interface SignedRequest {
  /** The app-scoped id of the person who used Facebook Login. */
  userId: string;
  issuedAt?: number;
}

export class SignedRequestRefused extends Error {}

export function verifySignedRequest(value: unknown, appSecret: string): SignedRequest {
  const refused = new SignedRequestRefused('The signed_request does not verify.');
  if (typeof value !== 'string' || value.length > 4096) throw refused;
  const [signature, encoded, extra] = value.split('.');
  if (!signature || !encoded || extra !== undefined) throw refused;
  const expected = createHmac('sha256', appSecret).update(encoded).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw refused;
  let payload: { user_id?: unknown; algorithm?: unknown; issued_at?: unknown };
  try {
    payload = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as typeof payload;
  } catch {
    throw refused;
  }
  if (String(payload.algorithm).toUpperCase() !== 'HMAC-SHA256') throw refused;
  if (typeof payload.user_id !== 'string' || payload.user_id === '') throw refused;
  return {
    userId: payload.user_id,
    issuedAt: typeof payload.issued_at === 'number' ? payload.issued_at : undefined,
  };
}
