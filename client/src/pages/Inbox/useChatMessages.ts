import { skipToken, useQuery, useSubscription } from '@apollo/client/react';
import { useState } from 'react';
import { appendMessages, latestMessagesVariables } from './messageCache';
import { ChatMessagesDocument, InboxMessageAddedDocument } from './operations';

/**
 * A conversation's messages, oldest first: the newest page, older pages on demand, and
 * each new message as `messageAdded` delivers it, written into the cache (no refetch).
 */
export function useChatMessages(chatId: string | null) {
  const [loadingOlder, setLoadingOlder] = useState(false);
  const { data, loading, error, fetchMore } = useQuery(
    ChatMessagesDocument,
    chatId ? { variables: latestMessagesVariables(chatId) } : skipToken,
  );
  useSubscription(
    InboxMessageAddedDocument,
    chatId
      ? {
          variables: { chatId },
          onData: ({ client, data: event }) => {
            if (event.data) appendMessages(client.cache, chatId, [event.data.messageAdded]);
          },
        }
      : skipToken,
  );

  const page = data?.messages;
  const loadOlder = async () => {
    const oldest = page?.items[0];
    if (!oldest || !chatId) return;
    setLoadingOlder(true);
    try {
      await fetchMore({
        variables: { before: oldest.createdAt },
        // Older pages join the newest page's entry, which live messages also join.
        updateQuery: (previous, { fetchMoreResult }) => {
          const known = new Set(previous.messages.items.map((message) => message.id));
          return {
            ...previous,
            messages: {
              ...previous.messages,
              hasMore: fetchMoreResult.messages.hasMore,
              items: [
                ...fetchMoreResult.messages.items.filter((message) => !known.has(message.id)),
                ...previous.messages.items,
              ],
            },
          };
        },
      });
    } finally {
      setLoadingOlder(false);
    }
  };

  return {
    messages: page?.items ?? [],
    hasMore: page?.hasMore ?? false,
    loading: loading && !page,
    error,
    loadOlder,
    loadingOlder,
  };
}
