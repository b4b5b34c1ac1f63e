import type { Types } from 'mongoose';
import { derivedId } from '../../db/derivedId';
import { badInput, notFound } from '../../errors';
import { type AlertEvent } from './alert.model';
import { AlertPrefsModel } from './alertPrefs.model';
import { isClockTime, PREFERENCE_EVENTS, preferencesOf, type Preferences } from './alertPrefs';
import type { AlertPreferencesInput, PushSubscriptionInput } from './alerts.types';
import { isPrivateHost } from './privateAddress';
import { PushSubscriptionModel } from './pushSubscription.model';

type FieldProblem = { path: string; messages: string[] };

const base64urlBytes = (value: string): number | undefined =>
  /^[A-Za-z0-9_-]+={0,2}$/.test(value)
    ? Buffer.from(value.replace(/=+$/, ''), 'base64url').length
    : undefined;

/** Replaces the parts of the preferences given; checked whole before anything is written. */
export async function updatePreferences(
  userId: Types.ObjectId,
  input: AlertPreferencesInput,
): Promise<Preferences> {
  const problems: FieldProblem[] = [];
  const seen = new Set<AlertEvent>();
  (input.events ?? []).forEach((item, index) => {
    if (!(PREFERENCE_EVENTS as readonly AlertEvent[]).includes(item.event)) {
      problems.push({ path: `events.${index}.event`, messages: ['this event has no preferences'] });
    } else if (seen.has(item.event)) {
      problems.push({ path: `events.${index}.event`, messages: ['each event once'] });
    }
    seen.add(item.event);
  });
  for (const field of ['start', 'end'] as const) {
    const value = input.quietHours?.[field];
    if (value !== undefined && !isClockTime(value)) {
      problems.push({ path: `quietHours.${field}`, messages: ['a time as HH:MM, 00:00 to 23:59'] });
    }
  }
  if (problems.length > 0) throw badInput('Check the alert preferences.', { fields: problems });

  const current = await preferencesOf(userId);
  const events = current.events.map(
    (item) => input.events?.find((given) => given.event === item.event) ?? item,
  );
  const set = {
    events: events.map(({ event, inApp, email, push }) => ({ event, inApp, email, push })),
    quietHours: input.quietHours ?? current.quietHours,
    dailySummary: input.dailySummary ?? current.dailySummary,
  };
  await AlertPrefsModel.updateOne({ _id: userId }, { $set: set }, { upsert: true });
  return set;
}

/** Browsers one account may turn push on in. */
export const MAX_PUSH_BROWSERS = 10;

/**
 * Push's endpoints are push services' public HTTPS URLs. The server POSTs to them, so an
 * address of this machine or its network is refused (again at send time, after DNS:
 * webPush.ts); local push services only outside production (`allowLocal`).
 */
export async function addPushSubscription(
  userId: Types.ObjectId,
  input: PushSubscriptionInput,
  allowLocal: boolean,
): Promise<void> {
  const problems: FieldProblem[] = [];
  let url: URL | undefined;
  try {
    url = new URL(input.endpoint);
  } catch {
    url = undefined;
  }
  const local = url && isPrivateHost(url.hostname);
  if (
    !url ||
    !(url.protocol === 'https:' || (allowLocal && url.protocol === 'http:')) ||
    (local && !allowLocal)
  ) {
    problems.push({ path: 'endpoint', messages: ["a push service's public https URL"] });
  }
  if (base64urlBytes(input.p256dh) !== 65) {
    problems.push({ path: 'p256dh', messages: ['a P-256 public key, 65 bytes in base64url'] });
  }
  if (base64urlBytes(input.auth) !== 16) {
    problems.push({ path: 'auth', messages: ['16 bytes in base64url'] });
  }
  if (problems.length > 0) throw badInput('This is not a push subscription.', { fields: problems });
  const _id = derivedId('pushsubscription', input.endpoint);
  const browsers = await PushSubscriptionModel.find({ userId }).select({ _id: 1 }).lean();
  if (
    browsers.length >= MAX_PUSH_BROWSERS &&
    !browsers.some((browser) => browser._id.equals(_id))
  ) {
    throw badInput(
      `Push is on in ${MAX_PUSH_BROWSERS} browsers already: turn it off in one of them first.`,
      { fields: [{ path: 'endpoint', messages: [`at most ${MAX_PUSH_BROWSERS} browsers`] }] },
    );
  }
  // A browser that moves to another account is that account's now.
  await PushSubscriptionModel.updateOne(
    { _id },
    {
      $set: {
        userId,
        endpoint: input.endpoint,
        p256dh: input.p256dh,
        auth: input.auth,
        userAgent: input.userAgent?.slice(0, 300),
        createdAt: new Date(),
      },
    },
    { upsert: true },
  );
}

export async function removePushSubscription(userId: Types.ObjectId, endpoint: string) {
  const _id = derivedId('pushsubscription', endpoint);
  const found = await PushSubscriptionModel.findById(_id).select({ userId: 1 }).lean();
  if (!found || !found.userId.equals(userId)) throw notFound('Push subscription');
  await PushSubscriptionModel.deleteOne({ _id });
}

export const pushBrowsersOf = (userId: Types.ObjectId): Promise<number> =>
  PushSubscriptionModel.countDocuments({ userId });
