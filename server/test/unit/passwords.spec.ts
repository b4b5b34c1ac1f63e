import {
  assertPasswordStrength,
  hashPassword,
  spendComparisonTime,
  verifyPassword,
} from '../../src/auth/passwords';
import { AppError } from '../../src/errors';

const LOW_COST = 4;

function rejection(password: string): AppError {
  try {
    assertPasswordStrength(password);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`a ${Buffer.byteLength(password)}-byte password was accepted`);
}

describe('assertPasswordStrength', () => {
  test.each([8, 9, 40, 72])('accepts %i ASCII bytes', (length) => {
    expect(() => assertPasswordStrength('p'.repeat(length))).not.toThrow();
  });

  test.each([0, 1, 7, 73, 200])('rejects %i ASCII bytes as BAD_USER_INPUT', (length) => {
    const error = rejection('p'.repeat(length));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toBe('Passwords must be 8 to 72 bytes long.');
    expect(error.details).toEqual({ field: 'password' });
  });

  test('counts UTF-8 bytes, not characters', () => {
    // 37 characters, 74 bytes: bcrypt would silently drop the last two.
    expect('é'.repeat(37)).toHaveLength(37);
    expect(rejection('é'.repeat(37)).code).toBe('BAD_USER_INPUT');
    // 36 characters, 72 bytes: the most that fits.
    expect(() => assertPasswordStrength('é'.repeat(36))).not.toThrow();
    // 4 characters, 8 bytes.
    expect(() => assertPasswordStrength('é'.repeat(4))).not.toThrow();
    // 3 characters, 6 bytes.
    expect(rejection('é'.repeat(3)).code).toBe('BAD_USER_INPUT');
  });

  test('counts four-byte characters as four bytes', () => {
    expect(() => assertPasswordStrength('🔑🔑')).not.toThrow(); // 8 bytes
    expect(rejection('🔑'.repeat(19)).code).toBe('BAD_USER_INPUT'); // 76 bytes
  });
});

describe('hashPassword / verifyPassword', () => {
  test('a hash verifies the password it was made from', async () => {
    const hash = await hashPassword('correct horse battery', LOW_COST);
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
  });

  test('a wrong password does not verify', async () => {
    const hash = await hashPassword('correct horse battery', LOW_COST);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  test('the hash is a salted bcrypt hash of the requested cost, not the password', async () => {
    const first = await hashPassword('correct horse battery', LOW_COST);
    const second = await hashPassword('correct horse battery', LOW_COST);
    expect(first).toMatch(/^\$2[aby]\$04\$/);
    expect(first).not.toContain('correct horse battery');
    expect(second).not.toBe(first);
    expect(await verifyPassword('correct horse battery', second)).toBe(true);
  });

  test('multi-byte passwords round trip', async () => {
    const hash = await hashPassword('pässwörd-ñ-🔑', LOW_COST);
    expect(await verifyPassword('pässwörd-ñ-🔑', hash)).toBe(true);
    expect(await verifyPassword('passwörd-ñ-🔑', hash)).toBe(false);
  });

  test('spendComparisonTime resolves without revealing anything', async () => {
    await expect(spendComparisonTime('whatever-password', LOW_COST)).resolves.toBeUndefined();
  });
});
