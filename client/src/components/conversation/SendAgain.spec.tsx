import { MockedProvider } from '@apollo/client/testing/react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { messageFixture } from '../../../test/fixtures';
import { makeFragmentData } from '../../gql';
import type { DeliveryStatus } from '../../gql/graphql';
import { MessageThread, MessageThreadMessage } from './MessageThread';
import { ResendMessageDocument } from './SendAgain';

const MESSAGE_ID = '665f1c2e9b1e8a3d4c5b6a90';

const message = (status: DeliveryStatus, reason: string | null) =>
  messageFixture(MESSAGE_ID, 'It is 120 EUR.', 'AI', new Date().toISOString(), {
    status,
    reason,
  });

function renderThread(messages: ReturnType<typeof message>[], resent: jest.Mock) {
  render(
    <MockedProvider
      mocks={[
        {
          request: { query: ResendMessageDocument, variables: { messageId: MESSAGE_ID } },
          result: resent,
        },
      ]}
    >
      <MessageThread
        messages={messages.map((message) => makeFragmentData(message, MessageThreadMessage))}
        loading={false}
        hasMore={false}
        loadingOlder={false}
        onLoadOlder={() => undefined}
        label="Messages with Ann"
      />
    </MockedProvider>,
  );
}

const resentResult = () => jest.fn(() => ({ data: { resendMessage: message('SENT', null) } }));

test('a reply not confirmed says so, and "Send again" asks first, then sends it', async () => {
  const resent = resentResult();
  renderThread([message('UNCONFIRMED', 'The server stopped while sending this message.')], resent);
  expect(screen.getByText(/Not confirmed: The server stopped while sending/)).toBeTruthy();

  fireEvent.click(screen.getByRole('button', { name: 'Send again' }));
  const dialog = await screen.findByRole('dialog', { name: 'Send this message again?' });
  expect(within(dialog).getByText(/may have reached the customer already/)).toBeTruthy();
  expect(resent).not.toHaveBeenCalled();

  fireEvent.click(within(dialog).getByRole('button', { name: 'Send again' }));
  await waitFor(() => expect(resent).toHaveBeenCalledTimes(1));
});

test('a failed reply is sent again at once, without asking', async () => {
  const resent = resentResult();
  renderThread([message('FAILED', 'This person is not available right now.')], resent);
  expect(screen.getByText(/Not delivered: This person is not available/)).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: 'Send again' }));
  await waitFor(() => expect(resent).toHaveBeenCalledTimes(1));
});

test('a retrying reply shows when it is tried again, without a button', () => {
  renderThread(
    [message('RETRYING', 'Messenger could not be reached. Trying again at 12:05.')],
    resentResult(),
  );
  expect(screen.getByText(/Retrying: Messenger could not be reached/)).toBeTruthy();
  expect(screen.queryByRole('button', { name: 'Send again' })).toBeNull();
});
