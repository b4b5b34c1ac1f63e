import type { Types } from 'mongoose';
import { isAdmin } from '../auth/authChecker';
import { unauthenticated } from '../errors';
import { ALL_USERS, type PubSub } from './pubsub';
import type { SubscriptionContext } from './subscription.types';

/*
 * What every subscription resolver needs: who listens under which topic, whether an
 * event may reach the caller, and one read per event however many subscribers it has.
 */

/** Admins listen under ALL_USERS, where every user's events are also published. */
export const userTopic = (context: SubscriptionContext): string =>
  isAdmin(context) ? ALL_USERS : userOf(context);

export const userOf = (context: SubscriptionContext): string => {
  if (!context.user) throw unauthenticated();
  return context.user.id;
};

export const canSee = (context: SubscriptionContext, ownerId: Types.ObjectId | string): boolean =>
  isAdmin(context) || String(ownerId) === context.user?.id;

export function pubsubOf(context: SubscriptionContext): PubSub {
  if (!context.pubsub) throw new Error('Subscriptions are served over WebSocket only.');
  return context.pubsub;
}

const loaded = new WeakMap<object, Promise<unknown>>();

/**
 * One event object reaches every subscriber of its topic (in memory, and once parsed
 * from Redis): its document is read once for all of them, not once per subscriber.
 * `load` must return a real promise: a mongoose query cannot be awaited twice.
 */
export function loadOnce<T>(event: object, load: () => Promise<T>): Promise<T> {
  let pending = loaded.get(event) as Promise<T> | undefined;
  if (!pending) {
    pending = load();
    loaded.set(event, pending);
  }
  return pending;
}
