import 'reflect-metadata';
import jwt from 'jsonwebtoken';
import {
  ACCESS_TOKEN_TTL_SECONDS,
  hashRefreshToken,
  newRefreshToken,
  signAccessToken,
  verifyAccessToken,
  type AccessClaims,
} from '../../src/auth/tokens';
import { Role } from '../../src/modules/users/user.model';

const SECRET = 'unit-test-secret-that-is-long-enough-0123456789';
const claims: AccessClaims = {
  sub: '64b7f0c2a1b2c3d4e5f60718',
  email: 'ann@example.com',
  role: Role.USER,
  sid: '0b6c5e2e-8d1f-4c8e-9a57-3f1d2c4b5a69',
};

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
const decodeSegment = (segment: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as Record<string, unknown>;

describe('access tokens', () => {
  test('a signed token verifies to its claims', () => {
    const token = signAccessToken(claims, SECRET);
    expect(verifyAccessToken(token, SECRET)).toEqual({ claims });
  });

  test('an admin token keeps the admin role', () => {
    const token = signAccessToken({ ...claims, role: Role.ADMIN }, SECRET);
    expect(verifyAccessToken(token, SECRET)).toEqual({ claims: { ...claims, role: Role.ADMIN } });
  });

  test('tokens are HS256 and expire after the access TTL', () => {
    const token = signAccessToken(claims, SECRET);
    const [header, payload] = token.split('.');
    expect(decodeSegment(header!)).toMatchObject({ alg: 'HS256', typ: 'JWT' });
    const { iat, exp } = decodeSegment(payload!) as { iat: number; exp: number };
    expect(exp - iat).toBe(ACCESS_TOKEN_TTL_SECONDS);
  });

  test('only the three claims come back, not extra payload fields', () => {
    const token = jwt.sign({ ...claims, extra: 'x' }, SECRET, { algorithm: 'HS256' });
    const result = verifyAccessToken(token, SECRET);
    expect(result).toEqual({ claims });
  });

  test('an expired token is "expired"', () => {
    const token = jwt.sign({ ...claims }, SECRET, { algorithm: 'HS256', expiresIn: -10 });
    expect(verifyAccessToken(token, SECRET)).toEqual({ problem: 'expired' });
  });

  test('a token whose exp has just passed is "expired"', () => {
    const now = Math.floor(Date.now() / 1000);
    const token = jwt.sign({ ...claims, iat: now - 100, exp: now - 1 }, SECRET, {
      algorithm: 'HS256',
    });
    expect(verifyAccessToken(token, SECRET)).toEqual({ problem: 'expired' });
  });

  test('an expired token signed with another secret is "invalid", not "expired"', () => {
    const token = jwt.sign({ ...claims }, 'another-secret-entirely-0123456789abcdef', {
      algorithm: 'HS256',
      expiresIn: -10,
    });
    expect(verifyAccessToken(token, SECRET)).toEqual({ problem: 'invalid' });
  });

  test('a tampered payload is "invalid"', () => {
    const token = signAccessToken(claims, SECRET);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const middle = Math.floor(payload.length / 2);
    const swapped = payload[middle] === 'A' ? 'B' : 'A';
    const tampered = `${header}.${payload.slice(0, middle)}${swapped}${payload.slice(middle + 1)}.${signature}`;
    expect(tampered).not.toBe(token);
    expect(verifyAccessToken(tampered, SECRET)).toEqual({ problem: 'invalid' });
  });

  test('an escalated role in a re-encoded payload is "invalid"', () => {
    const token = signAccessToken(claims, SECRET);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const forged = b64url({ ...decodeSegment(payload), role: Role.ADMIN });
    expect(verifyAccessToken(`${header}.${forged}.${signature}`, SECRET)).toEqual({
      problem: 'invalid',
    });
  });

  test('a token signed with another secret is "invalid"', () => {
    const token = signAccessToken(claims, 'another-secret-entirely-0123456789abcdef');
    expect(verifyAccessToken(token, SECRET)).toEqual({ problem: 'invalid' });
  });

  test('an unsigned alg:none token is "invalid"', () => {
    const now = Math.floor(Date.now() / 1000);
    const token = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({
      ...claims,
      role: Role.ADMIN,
      iat: now,
      exp: now + 600,
    })}.`;
    expect(verifyAccessToken(token, SECRET)).toEqual({ problem: 'invalid' });
  });

  test('a token signed HS512 with the same secret is "invalid": the algorithm is pinned', () => {
    const token = jwt.sign({ ...claims }, SECRET, { algorithm: 'HS512', expiresIn: 60 });
    // The same token passes when HS512 is allowed, so only the pin refuses it.
    expect(jwt.verify(token, SECRET, { algorithms: ['HS512'] })).toMatchObject(claims);
    expect(verifyAccessToken(token, SECRET)).toEqual({ problem: 'invalid' });
  });

  test.each([
    ['without a role', { sub: claims.sub, email: claims.email }],
    ['with an unknown role', { ...claims, role: 'superuser' }],
    ['with the enum key instead of its value', { ...claims, role: 'ADMIN' }],
    ['without a subject', { email: claims.email, role: claims.role }],
    ['with a numeric subject', { ...claims, sub: 42 }],
    ['without an email', { sub: claims.sub, role: claims.role }],
    ['with a subject that is not an ObjectId', { ...claims, sub: 'not-an-object-id' }],
    ['without a session', { sub: claims.sub, email: claims.email, role: claims.role }],
  ])('a correctly signed token %s is "invalid"', (_label, payload) => {
    const token = jwt.sign(payload, SECRET, { algorithm: 'HS256', expiresIn: 60 });
    expect(verifyAccessToken(token, SECRET)).toEqual({ problem: 'invalid' });
  });

  test.each(['', 'not-a-jwt', 'a.b.c'])('garbage %p is "invalid"', (token) => {
    expect(verifyAccessToken(token, SECRET)).toEqual({ problem: 'invalid' });
  });
});

describe('refresh tokens', () => {
  test('are 43 characters of base64url (32 random bytes)', () => {
    const token = newRefreshToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
  });

  test('are random', () => {
    const tokens = new Set(Array.from({ length: 100 }, () => newRefreshToken()));
    expect(tokens.size).toBe(100);
  });

  test('hash to a stable SHA-256 hex digest that is not the token', () => {
    const token = newRefreshToken();
    const hash = hashRefreshToken(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRefreshToken(token)).toBe(hash);
    expect(hash).not.toBe(token);
    expect(hash).not.toContain(token);
  });

  test('hash is SHA-256 of the token text', () => {
    expect(hashRefreshToken('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  test('different tokens hash differently', () => {
    expect(hashRefreshToken(newRefreshToken())).not.toBe(hashRefreshToken(newRefreshToken()));
  });
});
