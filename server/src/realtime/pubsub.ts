import { setMaxListeners } from 'node:events';
import { createPubSub, type PubSubEventTarget } from '@graphql-yoga/subscription';
import type { Logger } from '../logger';

/** What subscribers of a chat's messages receive. */
export interface MessageAddedEvent {
  chatId: string;
  userId: string;
  messageId: string;
}

/** A chat of this user changed: new, status, lead score, mode or last message. */
export interface ChatUpdatedEvent {
  chatId: string;
  userId: string;
}

/** Something that moves this user's dashboard counters happened. */
export interface StatsUpdatedEvent {
  userId: string;
  /** Optional hint for the dashboard ('reply', 'conversion', ...); it refetches either way. */
  reason?: string;
}

/** Sessions that were ended (logout, password change, a stolen refresh token). */
export interface SessionsEndedEvent {
  sessionIds: string[];
}

/**
 * Topics are keyed by chat or by user, so an event only reaches the subscribers it is
 * for, without filtering every event for every subscriber. In memory for one process;
 * over Redis (realtime.ts) for several.
 */
export type Events = {
  messageAdded: [chatId: string, event: MessageAddedEvent];
  chatUpdated: [userId: string, event: ChatUpdatedEvent];
  statsUpdated: [userId: string, event: StatsUpdatedEvent];
  /** One topic for all: every process must hear of every ended session. */
  sessionsEnded: [all: 'all', event: SessionsEndedEvent];
};

export type PubSub = ReturnType<typeof createPubSub<Events>>;

/**
 * The user id admins subscribe to: every user's chatUpdated and statsUpdated is also
 * published under it, so an admin's one subscription costs one delivery per event
 * instead of a subscription per user.
 */
export const ALL_USERS = '*';

const copiedToAdmins = new Set<keyof Events>(['chatUpdated', 'statsUpdated']);

/**
 * Wraps `publish`: per-user events are also published under ALL_USERS, and publishing
 * never throws into the caller (the pipeline has already saved the message; a lost live
 * update is repaired by the next refetch).
 */
function withAdminCopies(pubsub: PubSub, logger?: Logger): PubSub {
  const publish = pubsub.publish as (topic: keyof Events, id: string, event: unknown) => void;
  const safely = (topic: keyof Events, id: string, event: unknown): void => {
    try {
      publish(topic, id, event);
    } catch (error) {
      logger?.error({ err: error, topic }, 'could not publish a live update');
    }
  };
  return {
    subscribe: pubsub.subscribe,
    publish: ((topic: keyof Events, id: string, event: unknown) => {
      safely(topic, id, event);
      if (copiedToAdmins.has(topic) && id !== ALL_USERS) safely(topic, ALL_USERS, event);
    }) as PubSub['publish'],
  };
}

export function createMemoryPubSub(logger?: Logger): PubSub {
  // Every subscriber of one topic is a listener on one target: hundreds are normal here,
  // not the leak Node warns about past ten.
  const eventTarget = new EventTarget();
  setMaxListeners(0, eventTarget);
  return withAdminCopies(
    createPubSub<Events>({ eventTarget: eventTarget as PubSubEventTarget<Events> }),
    logger,
  );
}

/** The same pub/sub over a shared event target (Redis): every process sees every event. */
export const createSharedPubSub = (
  eventTarget: PubSubEventTarget<Events>,
  logger: Logger,
): PubSub => withAdminCopies(createPubSub<Events>({ eventTarget }), logger);
