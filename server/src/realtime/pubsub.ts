import { createPubSub } from '@graphql-yoga/subscription';

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
}

/**
 * Topics are keyed by chat or by user, so an event only reaches the subscribers it is
 * for, without filtering every event for every subscriber. In memory for one process;
 * the Realtime issue puts Redis behind the same interface for several.
 */
export type Events = {
  messageAdded: [chatId: string, event: MessageAddedEvent];
  chatUpdated: [userId: string, event: ChatUpdatedEvent];
  statsUpdated: [userId: string, event: StatsUpdatedEvent];
};

export type PubSub = ReturnType<typeof createPubSub<Events>>;

export const createMemoryPubSub = (): PubSub => createPubSub<Events>();
