import bcrypt from 'bcrypt';
import { badInput } from '../errors';

export const MIN_PASSWORD_BYTES = 8;
/** bcrypt ignores everything past 72 bytes: longer passwords would silently be truncated. */
export const MAX_PASSWORD_BYTES = 72;

export function assertPasswordStrength(password: string): void {
  const bytes = Buffer.byteLength(password, 'utf8');
  if (bytes < MIN_PASSWORD_BYTES || bytes > MAX_PASSWORD_BYTES) {
    throw badInput(`Passwords must be ${MIN_PASSWORD_BYTES} to ${MAX_PASSWORD_BYTES} bytes long.`, {
      field: 'password',
    });
  }
}

export const hashPassword = (password: string, rounds: number): Promise<string> =>
  bcrypt.hash(password, rounds);

export const verifyPassword = (password: string, hash: string): Promise<boolean> =>
  bcrypt.compare(password, hash);

let decoyHash: Promise<string> | undefined;

/**
 * Compares against a throwaway hash of the same cost, so an unknown email takes as long
 * to reject as a wrong password and response times do not reveal who has an account.
 */
export async function spendComparisonTime(password: string, rounds: number): Promise<void> {
  decoyHash ??= bcrypt.hash('decoy-password-for-timing', rounds);
  await bcrypt.compare(password, await decoyHash);
}
