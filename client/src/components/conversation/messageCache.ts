import type { ApolloCache } from '@apollo/client';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import type { ChatMessagesQuery } from '../../gql/graphql';

/**
 * What the cached conversation holds of a message: what the thread shows, and the id and
 * time this module orders and de-duplicates by. Every operation that brings messages into
 * a conversation (the page query, messageAdded, sendMessage, the simulator) selects it, so
 * a message from any of them fits the page it joins.
 */
export const MessageCacheMessage = graphql(`
  fragment MessageCache_message on Message {
    id
    createdAt
    ...MessageThread_message
  }
`);

export type CachedMessage = FragmentType<typeof MessageCacheMessage>;

export const ChatMessagesDocument = graphql(`
  query ChatMessages($chatId: ObjectId!, $before: DateTimeISO, $limit: Int!) {
    messages(chatId: $chatId, before: $before, limit: $limit) {
      hasMore
      items {
        ...MessageCache_message
      }
    }
  }
`);

/** How many messages a page of the conversation holds. */
export const MESSAGE_PAGE = 30;

/** The variables of a conversation's newest page: the one cache entry live messages join. */
export const latestMessagesVariables = (chatId: string) => ({ chatId, limit: MESSAGE_PAGE });

const byTime = (left: CachedMessage, right: CachedMessage) => {
  const a = getFragmentData(MessageCacheMessage, left);
  const b = getFragmentData(MessageCacheMessage, right);
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
};

const idOf = (message: CachedMessage) => getFragmentData(MessageCacheMessage, message).id;

/**
 * Adds messages to the conversation already in the cache, in time order and once each
 * (a message can come from a mutation's answer and from `messageAdded`). Nothing is
 * fetched: a conversation not loaded yet is left alone and will load complete.
 */
export function appendMessages(
  cache: ApolloCache,
  chatId: string,
  messages: readonly (CachedMessage | null | undefined)[],
): void {
  const fresh = messages.filter((message): message is CachedMessage => !!message);
  if (fresh.length === 0) return;
  cache.updateQuery(
    { query: ChatMessagesDocument, variables: latestMessagesVariables(chatId) },
    (data) => {
      if (!data) return undefined;
      const known = new Set(data.messages.items.map(idOf));
      const added = fresh.filter((message) => !known.has(idOf(message)));
      if (added.length === 0) return undefined;
      return {
        ...data,
        messages: { ...data.messages, items: [...data.messages.items, ...added].sort(byTime) },
      };
    },
  );
}

/**
 * Writes a new conversation's newest page when these are all its messages (a chat the
 * simulator has just started), so it shows without a fetch.
 */
export function writeWholeConversation(
  cache: ApolloCache,
  chatId: string,
  messages: readonly CachedMessage[],
): void {
  cache.writeQuery({
    query: ChatMessagesDocument,
    variables: latestMessagesVariables(chatId),
    data: {
      // __typename as the server would send it; the generated type leaves it out.
      messages: {
        __typename: 'MessagePage',
        hasMore: false,
        items: [...messages],
      } as ChatMessagesQuery['messages'],
    },
  });
}

/** The newest page with an older page put before it: the one entry live messages join. */
export function withOlderPage(
  newest: ChatMessagesQuery,
  older: ChatMessagesQuery,
): ChatMessagesQuery {
  const known = new Set(newest.messages.items.map(idOf));
  return {
    ...newest,
    messages: {
      ...newest.messages,
      hasMore: older.messages.hasMore,
      items: [
        ...older.messages.items.filter((message) => !known.has(idOf(message))),
        ...newest.messages.items,
      ],
    },
  };
}

/** Whether the cache already holds the newest page of the conversation. */
export const hasConversation = (cache: ApolloCache, chatId: string): boolean =>
  cache.readQuery({ query: ChatMessagesDocument, variables: latestMessagesVariables(chatId) }) !==
  null;
