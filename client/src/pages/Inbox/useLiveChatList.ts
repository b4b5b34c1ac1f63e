import { useQuery, useSubscription } from '@apollo/client/react';
import { useMemo } from 'react';
import { graphql } from '../../gql';
import type { ChatFilter } from '../../gql/graphql';
import { inboxOrder, matchesFilter } from './inboxFilters';

export const CHAT_PAGE_SIZE = 30;

export const InboxChatsDocument = graphql(`
  query InboxChats($filter: ChatFilter, $page: Int!, $limit: Int!) {
    chats(filter: $filter, page: $page, limit: $limit) {
      total
      page
      pages
      items {
        id
        ...InboxFilters_chat
        ...ChatRows_chat
      }
    }
  }
`);

/**
 * Every change to any of the owner's chats. It carries what the list shows and what the
 * open conversation shows, so both follow it through the normalized cache (a takeover, a
 * new score, a closed reply window) without a refetch.
 */
export const InboxChatUpdatedDocument = graphql(`
  subscription InboxChatUpdated {
    chatUpdated {
      id
      ...InboxFilters_chat
      ...ChatRows_chat
      ...Conversation_chat
    }
  }
`);

/** One page of the chat list, needs-attention first, kept live by `chatUpdated`. */
export function useLiveChatList(filter: ChatFilter, page: number) {
  const variables = { filter, page, limit: CHAT_PAGE_SIZE };
  const { data, previousData, loading, error } = useQuery(InboxChatsDocument, {
    variables,
    fetchPolicy: 'cache-and-network',
  });

  useSubscription(InboxChatUpdatedDocument, {
    // The chat's fields update by themselves (normalized cache); only the list's
    // membership needs care: a new chat joins, one that stopped matching leaves.
    onData: ({ client, data: event }) => {
      const chat = event.data?.chatUpdated;
      if (!chat) return;
      client.cache.updateQuery({ query: InboxChatsDocument, variables }, (current) => {
        if (!current) return undefined;
        const listed = current.chats.items.some((item) => item.id === chat.id);
        const fits = matchesFilter(chat, filter);
        if (listed && !fits) {
          return {
            ...current,
            chats: {
              ...current.chats,
              total: Math.max(0, current.chats.total - 1),
              items: current.chats.items.filter((item) => item.id !== chat.id),
            },
          };
        }
        if (!listed && fits && page === 1) {
          return {
            ...current,
            chats: {
              ...current.chats,
              total: current.chats.total + 1,
              items: [chat, ...current.chats.items],
            },
          };
        }
        return undefined;
      });
    },
  });

  const list = (data ?? previousData)?.chats;
  const chats = useMemo(() => [...(list?.items ?? [])].sort(inboxOrder), [list]);
  return { list, chats, loading, error };
}
