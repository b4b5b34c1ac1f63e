import { createHash, randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { Role } from '../modules/users/user.model';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 60 * 60 * 1000;

export interface AccessClaims {
  sub: string;
  email: string;
  role: Role;
  /** The session (refresh family) the token was issued for: ending it ends the token. */
  sid: string;
}

const OBJECT_ID = /^[0-9a-f]{24}$/;

/** `ended`: the token is valid but its session was ended (logout, password change). */
export type TokenProblem = 'expired' | 'invalid' | 'ended';

export function signAccessToken(claims: AccessClaims, secret: string): string {
  return jwt.sign({ ...claims }, secret, {
    algorithm: 'HS256',
    expiresIn: ACCESS_TOKEN_TTL_SECONDS,
  });
}

/**
 * Tokens already verified, until they expire: every request of a dashboard carries the
 * same token, and jsonwebtoken takes ~0.35 ms to verify one (measured, bench "sessions").
 * By secret, then token: a token is only ever trusted under the secret that signed it. The
 * token itself is the key (no key string built from it): an open WebSocket already holds
 * that string, and a copy per socket cost ~370 bytes (bench "fanout").
 */
type Verified = Map<string, { claims: AccessClaims; expiresAt: number }>;
const verifiedBySecret = new Map<string, Verified>();
const MAX_VERIFIED = 10_000;
/** A process has one secret; tests make a few apps, each with its own. */
const MAX_SECRETS = 8;

/** HS256 only: a token signed with another algorithm, or with `alg: none`, is refused. */
export function verifyAccessToken(
  token: string,
  secret: string,
): { claims: AccessClaims } | { problem: TokenProblem } {
  let verified = verifiedBySecret.get(secret);
  const known = verified?.get(token);
  if (known && known.expiresAt > Date.now()) return { claims: known.claims };
  const result = verifyOnce(token, secret);
  if ('claims' in result) {
    const expiresAt = (jwt.decode(token, { json: true })?.exp ?? 0) * 1000;
    if (!verified) {
      if (verifiedBySecret.size >= MAX_SECRETS) verifiedBySecret.clear();
      verifiedBySecret.set(secret, (verified = new Map()));
    }
    if (verified.size >= MAX_VERIFIED) verified.delete(verified.keys().next().value!);
    verified.set(token, { claims: result.claims, expiresAt });
  }
  return result;
}

function verifyOnce(
  token: string,
  secret: string,
): { claims: AccessClaims } | { problem: TokenProblem } {
  try {
    const payload = jwt.verify(token, secret, { algorithms: ['HS256'] });
    if (
      typeof payload === 'object' &&
      typeof payload.sub === 'string' &&
      OBJECT_ID.test(payload.sub) &&
      typeof payload.email === 'string' &&
      typeof payload.sid === 'string' &&
      payload.sid !== '' &&
      Object.values(Role).includes(payload.role as Role)
    ) {
      return {
        claims: {
          sub: payload.sub,
          email: payload.email,
          role: payload.role as Role,
          sid: payload.sid as string,
        },
      };
    }
    return { problem: 'invalid' };
  } catch (error) {
    return { problem: error instanceof jwt.TokenExpiredError ? 'expired' : 'invalid' };
  }
}

/** Refresh tokens are opaque random strings; only their SHA-256 is stored. */
export const newRefreshToken = (): string => randomBytes(32).toString('base64url');

export const hashRefreshToken = (token: string): string =>
  createHash('sha256').update(token).digest('hex');
