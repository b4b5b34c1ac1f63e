import { createHmac } from 'node:crypto';
import { signBody, verifyHandshake, verifySignature } from '../../src/platforms/webhookSignature';

const SECRET = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
// Raw bytes as Meta sends them: spacing and unicode escapes differ from JSON.stringify's.
const RAW = Buffer.from(
  '{"object":"page", "entry":[{"id":"1","time":1,"messaging":[{"message":{"text":"caf\\u00e9 \u00e9"}}]}]}',
  'utf8',
);

describe('verifySignature', () => {
  const valid = `sha256=${createHmac('sha256', SECRET).update(RAW).digest('hex')}`;

  test('signBody produces the header Meta sends', () => {
    expect(signBody(RAW, SECRET)).toBe(valid);
    expect(signBody(RAW.toString('utf8'), SECRET)).toBe(valid);
  });

  test('a valid signature over the raw bytes passes (hex case does not matter)', () => {
    expect(verifySignature(RAW, valid, SECRET)).toBe(true);
    expect(verifySignature(RAW, `sha256=${valid.slice(7).toUpperCase()}`, SECRET)).toBe(true);
  });

  test('re-serialised JSON does not match', () => {
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(RAW.toString('utf8'))));
    expect(verifySignature(reserialised, valid, SECRET)).toBe(false);
  });

  test('a tampered body fails', () => {
    // One bit flipped in the last character of the text.
    const tampered = Buffer.from(RAW);
    tampered.writeUInt8(tampered.readUInt8(tampered.length - 8) ^ 1, tampered.length - 8);
    expect(verifySignature(tampered, valid, SECRET)).toBe(false);
  });

  test('the wrong secret fails', () => {
    expect(verifySignature(RAW, signBody(RAW, 'another-secret'), SECRET)).toBe(false);
    expect(verifySignature(RAW, valid, '')).toBe(false);
  });

  test.each([
    ['missing', undefined],
    ['empty', ''],
    ['the old sha1 prefix', `sha1=${valid.slice(7)}`],
    ['no prefix', valid.slice(7)],
    ['a shorter digest', valid.slice(0, -2)],
    ['a longer digest', `${valid}00`],
    ['non-hex digits', `sha256=${'z'.repeat(64)}`],
  ])('a header that is %s fails', (_label, header) => {
    expect(verifySignature(RAW, header, SECRET)).toBe(false);
  });
});

describe('verifyHandshake', () => {
  const query = (overrides: Record<string, unknown> = {}) => ({
    'hub.mode': 'subscribe',
    'hub.verify_token': 'my-verify-token',
    'hub.challenge': '1158201444',
    ...overrides,
  });

  test('answers the challenge when the token matches', () => {
    expect(verifyHandshake(query(), 'my-verify-token')).toEqual({
      ok: true,
      challenge: '1158201444',
    });
  });

  test("accepts Express's extended (nested) query shape too", () => {
    const nested = { hub: { mode: 'subscribe', verify_token: 'my-verify-token', challenge: 'c' } };
    expect(verifyHandshake(nested, 'my-verify-token')).toEqual({ ok: true, challenge: 'c' });
  });

  test.each([
    ['a wrong token', query({ 'hub.verify_token': 'guess' }), 'my-verify-token'],
    [
      'a token of another length',
      query({ 'hub.verify_token': 'my-verify-token-2' }),
      'my-verify-token',
    ],
    ['no token', query({ 'hub.verify_token': undefined }), 'my-verify-token'],
    [
      'a token given as an array',
      query({ 'hub.verify_token': ['my-verify-token'] }),
      'my-verify-token',
    ],
    ['another mode', query({ 'hub.mode': 'unsubscribe' }), 'my-verify-token'],
    ['no challenge', query({ 'hub.challenge': undefined }), 'my-verify-token'],
    ['no configured token', query(), undefined],
    ['an empty configured token', query({ 'hub.verify_token': '' }), ''],
  ])('refuses %s', (_label, given, configured) => {
    expect(verifyHandshake(given, configured)).toEqual({ ok: false });
  });
});
