import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import {
  aiContextFixture,
  chatFixture,
  messageFixture,
  type ChatFixture,
} from '../../../test/fixtures';
import {
  ChatMessagesDocument,
  latestMessagesVariables,
} from '../../components/conversation/messageCache';
import { ChatMessageAddedDocument } from '../../components/conversation/useChatMessages';
import {
  SimulateCustomerMessageDocument,
  SimulatorChatDocument,
  SimulatorChatUpdatedDocument,
  Simulator,
} from './Simulator';

const CAMPAIGN_ID = '665f1c2e9b1e8a3d4c5b6a71';
const CHAT_ID = '665f1c2e9b1e8a3d4c5b6a90';
const now = new Date().toISOString();

/** A test chat of the simulator: the campaign's, just started, with one scoring signal. */
const chat = (overrides: Partial<ChatFixture> = {}) =>
  chatFixture({
    id: CHAT_ID,
    customerId: 'sim:test-customer',
    customerName: 'Test customer',
    platform: 'SIMULATOR',
    isTest: true,
    leadScore: 10,
    leadScoreReasons: [
      { __typename: 'LeadScoreReason', at: now, delta: 10, signal: 'asked about price' },
    ],
    messageCount: 2,
    lastMessageAt: now,
    replyWindow: { __typename: 'ReplyWindowState', open: true, closesAt: null, reason: null },
    aiContext: aiContextFixture({
      conversationSummary: null,
      customerIntent: 'price check',
      nextAction: null,
      objections: [],
      qualificationAnswers: [],
    }),
    ...overrides,
  });

const message = (id: string, sender: 'CUSTOMER' | 'AI', content: string) =>
  messageFixture(id, content, sender, now);

const question = message('665f1c2e9b1e8a3d4c5b6b11', 'CUSTOMER', 'How much is the hat?');
const answer = message('665f1c2e9b1e8a3d4c5b6b12', 'AI', 'It is $25. Which colour do you like?');

describe('Campaign simulator', () => {
  it('shows the AI reply and the chat state as it changes', async () => {
    const user = userEvent.setup();
    const simulate = jest.fn(() => ({
      data: {
        simulateCustomerMessage: {
          __typename: 'MessageOutcome',
          silentReason: null,
          deliveryStatus: 'SENT',
          chat: chat(),
          customerMessage: question,
          reply: answer,
        },
      },
    }));
    const mocks: MockLink.MockedResponse[] = [
      {
        request: { query: SimulateCustomerMessageDocument, variables: () => true },
        result: simulate,
      },
      {
        request: { query: ChatMessagesDocument, variables: latestMessagesVariables(CHAT_ID) },
        result: {
          data: {
            messages: { __typename: 'MessagePage', hasMore: false, items: [question, answer] },
          },
        },
      },
      {
        request: { query: SimulatorChatDocument, variables: { id: CHAT_ID } },
        result: { data: { chat: chat() } },
      },
      {
        request: { query: ChatMessageAddedDocument, variables: { chatId: CHAT_ID } },
        delay: 10_000,
        result: { data: { messageAdded: answer } },
      },
      {
        // The server re-scores the chat: the panel follows the live update.
        request: { query: SimulatorChatUpdatedDocument },
        delay: 150,
        result: {
          data: {
            chatUpdated: chat({
              leadScore: 75,
              status: 'QUALIFIED',
              aiContext: aiContextFixture({
                conversationSummary: 'Wants a blue hat.',
                customerIntent: 'buy',
                nextAction: 'Send the order link',
                objections: [],
                qualificationAnswers: [{ question: 'Which colour?', answer: 'Blue' }],
              }),
            }),
          },
        },
      },
    ];
    render(
      <MockedProvider mocks={mocks}>
        <MemoryRouter>
          <Simulator campaignId={CAMPAIGN_ID} />
        </MemoryRouter>
      </MockedProvider>,
    );

    await user.type(
      screen.getByRole('textbox', { name: 'Message as the customer' }),
      'How much is the hat?',
    );
    await user.click(screen.getByRole('button', { name: 'Send' }));

    expect(await screen.findByText('It is $25. Which colour do you like?')).toBeTruthy();
    const log = screen.getByRole('log', { name: 'Test conversation with Test customer' });
    expect(within(log).getAllByRole('listitem')).toHaveLength(2);
    expect(simulate).toHaveBeenCalledWith({
      input: {
        campaignId: CAMPAIGN_ID,
        customerName: 'Test customer',
        text: 'How much is the hat?',
      },
    });
    await waitFor(() =>
      expect(screen.getByRole('meter', { name: 'Lead score' }).getAttribute('aria-valuenow')).toBe(
        '75',
      ),
    );
    expect(screen.getByText('Qualified')).toBeTruthy();
    expect(screen.getByText('Blue')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Open in inbox' }).getAttribute('href')).toBe(
      `/inbox/${CHAT_ID}`,
    );
  });
});
