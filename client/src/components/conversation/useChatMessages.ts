import { skipToken, useQuery, useSubscription } from '@apollo/client/react';
import { useState } from 'react';
import { getFragmentData, graphql } from '../../gql';
import {
  appendMessages,
  ChatMessagesDocument,
  latestMessagesVariables,
  MessageCacheMessage,
  withOlderPage,
} from './messageCache';

export const ChatMessageAddedDocument = graphql(`
  subscription ChatMessageAdded($chatId: ObjectId!) {
    messageAdded(chatId: $chatId) {
      ...MessageCache_message
    }
  }
`);

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
    ChatMessageAddedDocument,
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
  const messages = getFragmentData(MessageCacheMessage, page?.items ?? []);
  const loadOlder = async () => {
    const oldest = messages[0];
    if (!oldest || !chatId) return;
    setLoadingOlder(true);
    try {
      await fetchMore({
        variables: { before: oldest.createdAt },
        // Older pages join the newest page's entry, which live messages also join.
        updateQuery: (previous, { fetchMoreResult }) => withOlderPage(previous, fetchMoreResult),
      });
    } finally {
      setLoadingOlder(false);
    }
  };

  return {
    messages,
    hasMore: page?.hasMore ?? false,
    loading: loading && !page,
    error,
    loadOlder,
    loadingOlder,
  };
}
