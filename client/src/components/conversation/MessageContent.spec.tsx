import { MockedProvider } from '@apollo/client/testing/react';
import { render, screen, within } from '@testing-library/react';
import { messageFixture } from '../../../test/fixtures';
import { makeFragmentData } from '../../gql';
import { MessageThread, MessageThreadMessage } from './MessageThread';

const at = new Date().toISOString();
const part = (fields: Record<string, unknown>) => ({
  __typename: 'MessagePartView' as const,
  latitude: null,
  longitude: null,
  name: null,
  address: null,
  url: null,
  title: null,
  phones: null,
  emails: null,
  mention: null,
  shareType: null,
  note: null,
  total: null,
  currency: null,
  body: null,
  response: null,
  rawType: null,
  error: null,
  items: null,
  ...fields,
});

function renderMessages(messages: ReturnType<typeof messageFixture>[]) {
  render(
    <MockedProvider mocks={[]}>
      <MessageThread
        messages={messages.map((message) => makeFragmentData(message, MessageThreadMessage))}
        loading={false}
        hasMore={false}
        loadingOlder={false}
        onLoadOlder={() => undefined}
        label="Messages with Ana"
      />
    </MockedProvider>,
  );
}

test('an order shows its lines and the total the server computed', () => {
  renderMessages([
    {
      ...messageFixture('665f1c2e9b1e8a3d4c5b6a01', '[order: 3 items]', 'CUSTOMER', at),
      kind: 'ORDER' as never,
      parts: [
        part({
          type: 'order',
          total: 427.5,
          currency: 'EUR',
          items: [
            {
              __typename: 'OrderLine',
              productId: 'tote-01',
              quantity: 2,
              unitPrice: 189,
              currency: 'EUR',
            },
            {
              __typename: 'OrderLine',
              productId: 'wallet-02',
              quantity: 1,
              unitPrice: 49.5,
              currency: 'EUR',
            },
          ],
        }),
      ] as never,
    },
  ]);
  const table = screen.getByRole('table', { name: 'Order' });
  expect(within(table).getByText('tote-01')).toBeTruthy();
  expect(within(table).getByText(/427[.,]50/)).toBeTruthy();
  // The parser's "[order: 3 items]" is not repeated beside the table.
  expect(screen.queryByText('[order: 3 items]')).toBeNull();
});

test('a location links to a map; a reaction sits on its bubble; edits and unsends are marked', () => {
  renderMessages([
    {
      ...messageFixture(
        '665f1c2e9b1e8a3d4c5b6a02',
        '[location: Acme Store, 1 High St]',
        'CUSTOMER',
        at,
      ),
      parts: [
        part({
          type: 'location',
          name: 'Acme Store',
          address: '1 High St',
          latitude: 51.5,
          longitude: -0.12,
        }),
      ] as never,
    },
    {
      ...messageFixture('665f1c2e9b1e8a3d4c5b6a03', 'It is 120 EUR.', 'AI', at),
      reaction: { __typename: 'MessageReaction', emoji: '❤️' } as never,
    },
    {
      ...messageFixture('665f1c2e9b1e8a3d4c5b6a04', 'Size 43 please', 'CUSTOMER', at),
      edits: [{ __typename: 'MessageEdit', previousContent: 'Size 42 please' }] as never,
    },
    {
      ...messageFixture('665f1c2e9b1e8a3d4c5b6a05', 'Forget it', 'CUSTOMER', at),
      deletedAt: at as never,
    },
  ]);
  expect(screen.getByText(/Acme Store, 1 High St/)).toBeTruthy();
  expect(screen.getByRole('link', { name: 'Map' }).getAttribute('href')).toContain('mlat=51.5');
  expect(screen.getByLabelText('The customer reacted ❤️')).toBeTruthy();
  expect(screen.getByText('(edited)').getAttribute('title')).toContain('Size 42 please');
  expect(screen.getByText('The customer deleted this message')).toBeTruthy();
});

test('media links are only followed over https', () => {
  renderMessages([
    {
      ...messageFixture('665f1c2e9b1e8a3d4c5b6a06', '[image]', 'CUSTOMER', at),
      metadata: { attachments: [{ type: 'image', url: 'javascript:alert(1)' }] } as never,
    },
  ]);
  expect(screen.queryByRole('img')).toBeNull();
  expect(screen.getByText(/not viewable here/)).toBeTruthy();
});

test('media Salesdesk kept is fetched with the token and shown; lost media says so', async () => {
  const fetched: string[] = [];
  const realFetch = global.fetch;
  const realCreate = URL.createObjectURL;
  global.fetch = jest.fn(async (input: RequestInfo | URL) => {
    fetched.push(String(input));
    return { ok: true, status: 200, blob: async () => new Blob(['png-bytes']) } as Response;
  }) as typeof fetch;
  URL.createObjectURL = jest.fn(() => 'blob:stored-photo');
  URL.revokeObjectURL = jest.fn();
  try {
    renderMessages([
      {
        ...messageFixture('665f1c2e9b1e8a3d4c5b6a07', '[image]', 'CUSTOMER', at),
        metadata: {
          attachments: [{ type: 'image', mediaFileId: '665f1c2e9b1e8a3d4c5b6aff' }],
        } as never,
      },
      {
        ...messageFixture('665f1c2e9b1e8a3d4c5b6a09', '[audio]', 'CUSTOMER', at),
        transcript: 'Do you still have the cognac tote?' as never,
      },
      {
        ...messageFixture('665f1c2e9b1e8a3d4c5b6a08', '[audio]', 'CUSTOMER', at),
        metadata: {
          attachments: [{ type: 'audio', unavailable: 'Could not be downloaded from Meta.' }],
        } as never,
      },
    ]);
    const image = await screen.findByRole('img', { name: "The customer's image" });
    expect(image.getAttribute('src')).toBe('blob:stored-photo');
    expect(fetched).toEqual(['/api/media/665f1c2e9b1e8a3d4c5b6aff']);
    expect(
      screen.getByText(/media unavailable\. Could not be downloaded from Meta\./),
    ).toBeTruthy();
    expect(screen.getByText('Do you still have the cognac tote?')).toBeTruthy();
  } finally {
    global.fetch = realFetch;
    URL.createObjectURL = realCreate;
  }
});
