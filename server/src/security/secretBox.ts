import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

function assertKey(key: Buffer): void {
  if (key.length !== 32) throw new Error('The secrets key must be 32 bytes (AES-256).');
}

/**
 * Encrypts a secret for storage: `v1.<iv>.<tag>.<ciphertext>`, each part base64url.
 * A fresh random IV per value, so equal secrets never produce equal ciphertexts.
 */
export function sealSecret(plaintext: string, key: Buffer): string {
  assertKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return ['v1', ...[iv, tag, ciphertext].map((part) => part.toString('base64url'))].join('.');
}

/** Decrypts a value made by sealSecret; a wrong key or any tampering throws. */
export function openSecret(sealed: string, key: Buffer): string {
  assertKey(key);
  const match = /^v1\.([\w-]+)\.([\w-]+)\.([\w-]*)$/.exec(sealed);
  if (!match) throw new Error('Not a sealed secret (expected v1.<iv>.<tag>.<ciphertext>).');
  const [iv, tag, ciphertext] = match.slice(1).map((part) => Buffer.from(part, 'base64url')) as [
    Buffer,
    Buffer,
    Buffer,
  ];
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new Error('Sealed secret is malformed (bad IV or tag length).');
  }
  try {
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    throw new Error('Sealed secret could not be opened: wrong key or the value was altered.');
  }
}
