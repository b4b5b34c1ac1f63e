import { randomBytes } from 'node:crypto';
import { openSecret, sealSecret } from '../../src/security/secretBox';

const key = randomBytes(32);
const token = 'EAAGm0PX4ZCpsBAKZCZAexampletoken1234567890';

describe('secretBox', () => {
  test('round trip gives the plaintext back', () => {
    expect(openSecret(sealSecret(token, key), key)).toBe(token);
    expect(openSecret(sealSecret('', key), key)).toBe('');
    expect(openSecret(sealSecret('é ✓ 🔑', key), key)).toBe('é ✓ 🔑');
  });

  test('the format is v1.<iv>.<tag>.<ciphertext> in base64url with a 12-byte IV', () => {
    const sealed = sealSecret(token, key);
    const [version, iv, tag, ciphertext] = sealed.split('.') as [string, string, string, string];
    expect(version).toBe('v1');
    expect(Buffer.from(iv, 'base64url')).toHaveLength(12);
    expect(Buffer.from(tag, 'base64url')).toHaveLength(16);
    expect(Buffer.from(ciphertext, 'base64url')).toHaveLength(Buffer.byteLength(token));
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  test('a new IV each time: equal plaintexts give different ciphertexts', () => {
    const first = sealSecret(token, key);
    const second = sealSecret(token, key);
    expect(first).not.toBe(second);
    expect(first.split('.')[1]).not.toBe(second.split('.')[1]);
    expect(openSecret(second, key)).toBe(token);
  });

  test('the plaintext is not contained in the output', () => {
    const sealed = sealSecret(token, key);
    expect(sealed).not.toContain(token);
    expect(sealed).not.toContain(Buffer.from(token).toString('base64url'));
    expect(sealed).not.toContain(Buffer.from(token).toString('base64'));
  });

  test('tampering with the ciphertext, tag or IV throws', () => {
    const [version, iv, tag, ciphertext] = sealSecret(token, key).split('.') as [
      string,
      string,
      string,
      string,
    ];
    const flip = (part: string): string => {
      const bytes = Buffer.from(part, 'base64url');
      bytes[0]! ^= 0x01;
      return bytes.toString('base64url');
    };
    for (const sealed of [
      [version, iv, tag, flip(ciphertext)],
      [version, iv, flip(tag), ciphertext],
      [version, flip(iv), tag, ciphertext],
    ]) {
      expect(() => openSecret(sealed.join('.'), key)).toThrow(/wrong key or the value was altered/);
    }
  });

  test('a wrong key throws', () => {
    const sealed = sealSecret(token, key);
    expect(() => openSecret(sealed, randomBytes(32))).toThrow(/wrong key/);
  });

  test('malformed values and bad keys throw clear errors', () => {
    expect(() => openSecret(token, key)).toThrow(/Not a sealed secret/);
    expect(() => openSecret('v2.a.b.c', key)).toThrow(/Not a sealed secret/);
    expect(() => openSecret('v1.AAAA.AAAA.AAAA', key)).toThrow(/malformed/);
    expect(() => sealSecret(token, randomBytes(16))).toThrow(/32 bytes/);
  });
});
