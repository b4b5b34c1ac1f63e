import { graphql } from '../../gql';

/** Everything the list, the conversation header and the AI panel show of a chat. */
export const InboxChatFieldsFragment = graphql(`
  fragment InboxChatFields on Chat {
    id
    userId
    campaignId
    customerId
    customerName
    platform
    status
    mode
    isTest
    needsAttention
    attentionReason
    handbackAt
    leadScore
    leadScoreReasons {
      at
      delta
      signal
    }
    messageCount
    lastMessageAt
    lastCustomerMessageAt
    createdAt
    updatedAt
    referral {
      adId
      source
      headline
    }
    conversion {
      converted
      convertedAt
      orderValue
      orderDetails
    }
    aiContext {
      conversationSummary
      customerIntent
      nextAction
      objections
      qualificationAnswers {
        question
        answer
      }
    }
    recent {
      messageId
      content
      sender
      createdAt
    }
  }
`);

export const InboxMessageFieldsFragment = graphql(`
  fragment InboxMessageFields on Message {
    id
    chatId
    sender
    content
    messageType
    createdAt
    delivery {
      status
      reason
    }
  }
`);

export const InboxChatsDocument = graphql(`
  query InboxChats($filter: ChatFilter, $page: Int!, $limit: Int!) {
    chats(filter: $filter, page: $page, limit: $limit) {
      total
      page
      pages
      items {
        ...InboxChatFields
      }
    }
  }
`);

export const InboxChatDocument = graphql(`
  query InboxChat($id: ObjectId!) {
    chat(id: $id) {
      ...InboxChatFields
    }
  }
`);

export const ChatMessagesDocument = graphql(`
  query ChatMessages($chatId: ObjectId!, $before: DateTimeISO, $limit: Int!) {
    messages(chatId: $chatId, before: $before, limit: $limit) {
      hasMore
      items {
        ...InboxMessageFields
      }
    }
  }
`);

export const InboxChatUpdatedDocument = graphql(`
  subscription InboxChatUpdated {
    chatUpdated {
      ...InboxChatFields
    }
  }
`);

export const InboxMessageAddedDocument = graphql(`
  subscription InboxMessageAdded($chatId: ObjectId!) {
    messageAdded(chatId: $chatId) {
      ...InboxMessageFields
    }
  }
`);

export const InboxSendMessageDocument = graphql(`
  mutation InboxSendMessage($chatId: ObjectId!, $text: String!) {
    sendMessage(chatId: $chatId, text: $text) {
      ...InboxMessageFields
    }
  }
`);

export const InboxResendMessageDocument = graphql(`
  mutation InboxResendMessage($messageId: ObjectId!) {
    resendMessage(messageId: $messageId) {
      ...InboxMessageFields
    }
  }
`);

export const InboxSetChatModeDocument = graphql(`
  mutation InboxSetChatMode($chatId: ObjectId!, $mode: ChatMode!) {
    setChatMode(chatId: $chatId, mode: $mode) {
      ...InboxChatFields
    }
  }
`);

export const InboxSetChatStatusDocument = graphql(`
  mutation InboxSetChatStatus($chatId: ObjectId!, $status: ChatStatus!) {
    setChatStatus(chatId: $chatId, status: $status) {
      ...InboxChatFields
    }
  }
`);
