import type { PubSubEventTarget } from '@graphql-yoga/subscription';
import type { Logger } from '../logger';
import { Topics } from './topics';

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

/** An alert for this user (modules/alerts): the whole alert, so no subscriber reads it back. */
export interface AlertRaisedEvent {
  userId: string;
  alert: {
    id: string;
    event: string;
    title: string;
    body: string;
    chatId?: string;
    link: string;
    test: boolean;
    createdAt: string;
  };
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
  /** The user's own alerts only: not copied to admins. */
  alertRaised: [userId: string, event: AlertRaisedEvent];
  /** One topic for all: every process must hear of every ended session. */
  sessionsEnded: [all: 'all', event: SessionsEndedEvent];
};

export interface PubSub {
  /** Never throws into the caller (see withAdminCopies). */
  publish<K extends keyof Events>(topic: K, id: Events[K][0], event: Events[K][1]): void;
  /** The events of one topic and id from the first `next()` on, until `return()`. */
  subscribe<K extends keyof Events>(
    topic: K,
    id: Events[K][0],
  ): AsyncIterableIterator<Events[K][1]>;
}

/**
 * The user id admins subscribe to: every user's chatUpdated and statsUpdated is also
 * published under it, so an admin's one subscription costs one delivery per event
 * instead of a subscription per user.
 */
export const ALL_USERS = '*';

const copiedToAdmins = new Set<keyof Events>(['chatUpdated', 'statsUpdated']);

/** yoga's topic names (see topics.ts). */
const topicName = (topic: keyof Events, id: string) => `${topic}:${id}`;

/**
 * Per-user events are also published under ALL_USERS, and publishing never throws into
 * the caller (the pipeline has already saved the message; a lost live update is repaired
 * by the next refetch).
 */
function pubSubOver(topics: Topics, logger?: Logger): PubSub {
  const safely = (topic: keyof Events, id: string, event: unknown): void => {
    try {
      topics.publish(topicName(topic, id), event);
    } catch (error) {
      logger?.error({ err: error, topic }, 'could not publish a live update');
    }
  };
  return {
    publish: (topic, id, event) => {
      safely(topic, id, event);
      if (copiedToAdmins.has(topic) && id !== ALL_USERS) safely(topic, ALL_USERS, event);
    },
    subscribe: (topic, id) => topics.subscribe(topicName(topic, id)),
  };
}

export const createMemoryPubSub = (logger?: Logger): PubSub => pubSubOver(new Topics(), logger);

/** The same pub/sub over a shared event target (Redis): every process sees every event. */
export const createSharedPubSub = (
  eventTarget: PubSubEventTarget<Events>,
  logger: Logger,
): PubSub => pubSubOver(new Topics(eventTarget), logger);
