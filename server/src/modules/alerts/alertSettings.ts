import type { Types } from 'mongoose';
import { derivedId } from '../../db/derivedId';
import { badInput, notFound } from '../../errors';
import { type AlertEvent } from './alert.model';
import { AlertPrefsModel } from './alertPrefs.model';
import { isClockTime, PREFERENCE_EVENTS, preferencesOf, type Preferences } from './alertPrefs';
import type { AlertPreferencesInput, PushSubscriptionInput } from './alerts.types';
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

/** Push's endpoints are the push service's HTTPS URLs; plain http only outside production. */
export async function addPushSubscription(
  userId: Types.ObjectId,
  input: PushSubscriptionInput,
  allowHttp: boolean,
): Promise<void> {
  const problems: FieldProblem[] = [];
  let url: URL | undefined;
  try {
    url = new URL(input.endpoint);
  } catch {
    url = undefined;
  }
  if (!url || !(url.protocol === 'https:' || (allowHttp && url.protocol === 'http:'))) {
    problems.push({ path: 'endpoint', messages: ["the push service's https URL"] });
  }
  if (base64urlBytes(input.p256dh) !== 65) {
    problems.push({ path: 'p256dh', messages: ['a P-256 public key, 65 bytes in base64url'] });
  }
  if (base64urlBytes(input.auth) !== 16) {
    problems.push({ path: 'auth', messages: ['16 bytes in base64url'] });
  }
  if (problems.length > 0) throw badInput('This is not a push subscription.', { fields: problems });
  const _id = derivedId('pushsubscription', input.endpoint);
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
