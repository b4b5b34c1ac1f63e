import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Types } from 'mongoose';
import { Platform } from '../../platforms/platform';
import { MetaConnectStateModel } from './metaConnect.model';

/*
 * The `state` of Meta's login dialog: signed (a changed byte is refused before the
 * database is asked), bound to the owner who opened the dialog, usable once (its record
 * is deleted by the callback that uses it), and valid for ten minutes.
 */

export const STATE_TTL_MS = 10 * 60 * 1000;

interface StatePayload {
  /** The record's id. */
  n: string;
  /** The owner. */
  u: string;
  p: Platform;
  /** Expiry, ms since the epoch. */
  e: number;
  /** Which login: Instagram's own (for an account without a Page); Facebook's when absent. */
  v?: LoginVia;
}

export type LoginVia = 'facebook' | 'instagram';

/** Why a callback's state was refused, for the owner's eyes. */
export class StateRefused extends Error {}

const mac = (key: Buffer, payload: string) =>
  createHmac('sha256', key).update(`meta-connect-state:${payload}`).digest();

/** A new state for `userId` connecting `platform`; stored until used or expired. */
export async function issueState(
  key: Buffer,
  userId: Types.ObjectId,
  platform: Platform,
  now = Date.now(),
  via: LoginVia = 'facebook',
): Promise<string> {
  // Expired states nobody came back with (a closed dialog) go as new ones are made.
  await MetaConnectStateModel.deleteMany({ expiresAt: { $lt: new Date(now) } });
  const payload: StatePayload = {
    n: randomBytes(16).toString('base64url'),
    u: userId.toHexString(),
    p: platform,
    e: now + STATE_TTL_MS,
    ...(via === 'instagram' ? { v: via } : {}),
  };
  await MetaConnectStateModel.create({
    _id: payload.n,
    userId,
    platform,
    expiresAt: new Date(payload.e),
  });
  const encoded = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${encoded}.${mac(key, encoded).toString('base64url')}`;
}

/** Checks and uses up a state: whose dialog it was, and for which channel. */
export async function redeemState(
  key: Buffer,
  state: unknown,
  now = Date.now(),
): Promise<{ userId: Types.ObjectId; platform: Platform; via: LoginVia }> {
  const payload = verified(key, state);
  if (payload.e < now) {
    await MetaConnectStateModel.deleteOne({ _id: payload.n });
    throw new StateRefused('The Facebook login took longer than 10 minutes. Please start again.');
  }
  const userId = new Types.ObjectId(payload.u);
  const used = await MetaConnectStateModel.deleteOne({ _id: payload.n, userId });
  if (used.deletedCount !== 1) {
    throw new StateRefused('This Facebook login was already used. Please start again.');
  }
  return { userId, platform: payload.p, via: payload.v === 'instagram' ? 'instagram' : 'facebook' };
}

function verified(key: Buffer, state: unknown): StatePayload {
  const refused = new StateRefused('The Facebook login could not be verified. Please start again.');
  if (typeof state !== 'string' || state.length > 512) throw refused;
  const [encoded, signature, extra] = state.split('.');
  if (!encoded || !signature || extra !== undefined) throw refused;
  const expected = mac(key, encoded);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw refused;
  let payload: Partial<StatePayload>;
  try {
    payload = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as StatePayload;
  } catch {
    throw refused;
  }
  if (
    typeof payload.n !== 'string' ||
    typeof payload.u !== 'string' ||
    !Types.ObjectId.isValid(payload.u) ||
    typeof payload.e !== 'number' ||
    (payload.p !== Platform.FACEBOOK && payload.p !== Platform.INSTAGRAM)
  ) {
    throw refused;
  }
  return payload as StatePayload;
}
