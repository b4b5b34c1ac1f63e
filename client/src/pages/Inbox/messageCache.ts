import type { ApolloCache } from '@apollo/client';
import type { InboxMessageFieldsFragment } from '../../gql/graphql';
import { ChatMessagesDocument } from './operations';

/** How many messages a page of the conversation holds. */
export const MESSAGE_PAGE = 30;

/** The variables of a conversation's newest page: the one cache entry live messages join. */
export const latestMessagesVariables = (chatId: string) => ({ chatId, limit: MESSAGE_PAGE });

const byTime = (a: InboxMessageFieldsFragment, b: InboxMessageFieldsFragment) =>
  a.createdAt < b.createdAt
    ? -1
    : a.createdAt > b.createdAt
      ? 1
      : a.id < b.id
        ? -1
        : a.id > b.id
          ? 1
          : 0;

/**
 * Adds messages to the conversation already in the cache, in time order and once each
 * (a message can come from a mutation's answer and from `messageAdded`). Nothing is
 * fetched: a conversation not loaded yet is left alone and will load complete.
 */
export function appendMessages(
  cache: ApolloCache,
  chatId: string,
  messages: readonly (InboxMessageFieldsFragment | null | undefined)[],
): void {
  const fresh = messages.filter((message): message is InboxMessageFieldsFragment => !!message);
  if (fresh.length === 0) return;
  cache.updateQuery(
    { query: ChatMessagesDocument, variables: latestMessagesVariables(chatId) },
    (data) => {
      if (!data) return undefined;
      const known = new Set(data.messages.items.map((message) => message.id));
      const added = fresh.filter((message) => !known.has(message.id));
      if (added.length === 0) return undefined;
      return {
        ...data,
        messages: { ...data.messages, items: [...data.messages.items, ...added].sort(byTime) },
      };
    },
  );
}
