import { ApolloLink, type TypedDocumentNode } from '@apollo/client';
import { MockLink, MockSubscriptionLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { render, screen, waitFor, within } from '@testing-library/react';
import { getOperationAST, OperationTypeNode } from 'graphql';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import {
  CHAT_ID,
  chatFixture,
  messageFixture,
  minutesAgo,
  type ChatFixture,
} from '../../../test/fixtures';
import {
  ChatMessagesDocument,
  latestMessagesVariables,
  MessageCacheMessage,
} from '../../components/conversation/messageCache';
import { ChatMessageAddedDocument } from '../../components/conversation/useChatMessages';
import { makeFragmentData } from '../../gql';
import { Conversation, InboxChatDocument } from './Conversation';
import { InboxPage } from './InboxPage';
import { ReplyBoxWindowDocument } from './ReplyBox';
import { InboxChatUpdatedDocument, InboxChatsDocument } from './useLiveChatList';

const OTHER_CHAT_ID = '665f1c2e9b1e8a3d4c5b6a81';

const first = messageFixture(
  '665f1c2e9b1e8a3d4c5b6b01',
  'Hi, how much is the hat?',
  'CUSTOMER',
  minutesAgo(3),
);
const reply = messageFixture(
  '665f1c2e9b1e8a3d4c5b6b02',
  'It is $25, which colour do you like?',
  'AI',
  minutesAgo(2),
);
const live = messageFixture('665f1c2e9b1e8a3d4c5b6b03', 'Blue please!', 'CUSTOMER', minutesAgo(1));

function conversationMocks(chat: ChatFixture, messagesResult: jest.Mock) {
  return [
    {
      request: { query: InboxChatDocument, variables: { id: chat.id } },
      result: { data: { chat } },
    },
    {
      request: { query: ChatMessagesDocument, variables: latestMessagesVariables(chat.id) },
      // Answers again if asked again, so a refetch would show up in the call count.
      maxUsageCount: 10,
      result: messagesResult,
    },
  ] as MockLink.MockedResponse[];
}

/**
 * A server for MockedProvider: queries answered by `mocks`, and the subscription held
 * open until the test pushes an event, as the real server does when there is news. A
 * mock event on a timer could arrive, under load, before the query it updates had
 * answered; the inbox then rightly drops it (a list or conversation not in the cache yet
 * loads complete), and the test waited in vain.
 */
function mockedServer(mocks: MockLink.MockedResponse[]) {
  const subscriptions = new MockSubscriptionLink();
  const subscribed = new Promise<void>((resolve) => subscriptions.onSetup(resolve));
  return {
    link: ApolloLink.split(
      ({ operationType }) => operationType === OperationTypeNode.SUBSCRIPTION,
      subscriptions,
      new MockLink(mocks),
    ),
    /** Delivers one event once the page has subscribed to `subscription` with `variables`. */
    async push<Data, Variables>(
      subscription: TypedDocumentNode<Data, Variables>,
      variables: Variables,
      data: Data,
    ) {
      await subscribed;
      // What a mock of the subscription would have matched.
      expect(subscriptions.operation?.operationName).toBe(
        getOperationAST(subscription)?.name?.value,
      );
      expect(subscriptions.operation?.variables).toEqual(variables);
      subscriptions.simulateResult({ result: { data: data as Record<string, unknown> } });
    },
  };
}

function renderConversation(mocks: MockLink.MockedResponse[]) {
  const server = mockedServer(mocks);
  render(
    <MockedProvider link={server.link}>
      <MemoryRouter>
        <Conversation chatId={CHAT_ID} backTo="/inbox" />
      </MemoryRouter>
    </MockedProvider>,
  );
  return server;
}

describe('Inbox conversation', () => {
  it('adds a messageAdded event to the conversation without fetching it again', async () => {
    const messagesResult = jest.fn(() => ({
      data: {
        messages: { __typename: 'MessagePage', hasMore: false, items: [first, reply] },
      },
    }));
    const server = renderConversation(conversationMocks(chatFixture(), messagesResult));

    const log = await screen.findByRole('log', { name: 'Messages with Ann Buyer' });
    // The log is there before its messages have loaded: wait for them.
    expect(await within(log).findByText('Hi, how much is the hat?')).toBeTruthy();

    // Then the live event, pushed once the conversation has loaded, as the server would.
    await server.push(
      ChatMessageAddedDocument,
      { chatId: CHAT_ID },
      { messageAdded: makeFragmentData(live, MessageCacheMessage) },
    );
    expect(await within(log).findByText('Blue please!')).toBeTruthy();
    const texts = within(log)
      .getAllByRole('listitem')
      .map((item) => item.textContent ?? '');
    expect(texts).toHaveLength(3);
    expect(texts[2]).toContain('Blue please!');
    // The messages query ran once: the live message came from the subscription alone.
    expect(messagesResult).toHaveBeenCalledTimes(1);
  });

  it('shows the AI context: summary, answers, objections and the score with its reasons', async () => {
    const messagesResult = jest.fn(() => ({
      data: { messages: { __typename: 'MessagePage', hasMore: false, items: [first] } },
    }));
    renderConversation(conversationMocks(chatFixture(), messagesResult));

    const panel = await screen.findByRole('complementary', { name: 'AI context' });
    expect(within(panel).getByText('Ann wants a sun hat for the beach.')).toBeTruthy();
    expect(within(panel).getByText('Blue')).toBeTruthy();
    expect(within(panel).getByText('price')).toBeTruthy();
    expect(within(panel).getByText('asked the price')).toBeTruthy();
    expect(
      within(panel).getByRole('meter', { name: 'Lead score' }).getAttribute('aria-valuenow'),
    ).toBe('55');
  });

  it('disables the reply box with the reason outside the reply window', async () => {
    const messagesResult = jest.fn(() => ({
      data: { messages: { __typename: 'MessagePage', hasMore: false, items: [first] } },
    }));
    // The server's verdict on a WhatsApp chat whose customer last wrote 30 hours ago.
    const stale = chatFixture({
      platform: 'WHATSAPP',
      replyWindow: {
        __typename: 'ReplyWindowState',
        open: false,
        closesAt: null,
        reason:
          "The customer last wrote 30 hours ago; WhatsApp only allows free-form replies within 24 hours of the customer's last message. Past that, only a pre-approved message template can be sent, or wait for the customer to write again.",
      },
    });
    renderConversation(conversationMocks(stale, messagesResult));

    expect(await screen.findByText('Replies are closed for this chat')).toBeTruthy();
    expect(
      screen.getByText(
        /The customer last wrote 30 hours ago; WhatsApp only allows free-form replies/,
      ),
    ).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Reply' })).toBeNull();
  });

  it('closes the reply box once the window runs out, and shows the reason the server gives then', async () => {
    const messagesResult = jest.fn(() => ({
      data: { messages: { __typename: 'MessagePage', hasMore: false, items: [first] } },
    }));
    // The window was open when the chat loaded and has run out since (the page stayed open).
    const closing = chatFixture({
      platform: 'WHATSAPP',
      replyWindow: {
        __typename: 'ReplyWindowState',
        open: true,
        closesAt: minutesAgo(1),
        reason: null,
      },
    });
    const reason =
      "The customer last wrote 24 hours ago; WhatsApp only allows free-form replies within 24 hours of the customer's last message.";
    const windowAsked = jest.fn(() => ({
      data: {
        chat: {
          ...closing,
          replyWindow: { __typename: 'ReplyWindowState', open: false, closesAt: null, reason },
        },
      },
    }));
    renderConversation([
      ...conversationMocks(closing, messagesResult),
      {
        request: { query: ReplyBoxWindowDocument, variables: { id: CHAT_ID } },
        result: windowAsked,
      },
    ]);

    expect(await screen.findByText('Replies are closed for this chat')).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Reply' })).toBeNull();
    expect(await screen.findByText(reason)).toBeTruthy();
    expect(windowAsked).toHaveBeenCalledTimes(1);
  });
});

describe('Inbox chat list', () => {
  it('puts chats needing attention first and adds chats that arrive live', async () => {
    const calm = chatFixture({ lastMessageAt: minutesAgo(1) });
    const waiting = chatFixture({
      id: OTHER_CHAT_ID,
      customerName: 'Bob Waiting',
      needsAttention: true,
      attentionReason: 'asked for a person',
      lastMessageAt: minutesAgo(30),
    });
    const arrived = chatFixture({
      id: '665f1c2e9b1e8a3d4c5b6a82',
      customerName: 'Cleo New',
      lastMessageAt: minutesAgo(0),
    });
    const listResult = jest.fn(() => ({
      data: {
        chats: { __typename: 'ChatPage', total: 2, page: 1, pages: 1, items: [calm, waiting] },
      },
    }));
    const mocks = [
      {
        request: { query: InboxChatsDocument, variables: { filter: {}, page: 1, limit: 30 } },
        maxUsageCount: 10,
        result: listResult,
      },
    ] as MockLink.MockedResponse[];
    const server = mockedServer(mocks);
    render(
      <MockedProvider link={server.link}>
        <MemoryRouter initialEntries={['/inbox']}>
          <Routes>
            <Route path="/inbox" element={<InboxPage />} />
          </Routes>
        </MemoryRouter>
      </MockedProvider>,
    );

    const list = await screen.findByRole('list', { name: 'Chats' });
    await waitFor(() => expect(within(list).getAllByRole('link')).toHaveLength(2));
    await server.push(InboxChatUpdatedDocument, {}, { chatUpdated: arrived });
    await waitFor(() => expect(within(list).getAllByRole('link')).toHaveLength(3));
    const names = within(list)
      .getAllByRole('link')
      .map((link) => link.textContent ?? '');
    expect(names[0]).toContain('Bob Waiting');
    expect(names[1]).toContain('Cleo New');
    expect(names[2]).toContain('Ann Buyer');
    expect(screen.getByText('3 chats')).toBeTruthy();
    expect(listResult).toHaveBeenCalledTimes(1);
  });
});
