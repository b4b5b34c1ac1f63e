import type { MockLink } from '@apollo/client/testing';
import { MockedProvider } from '@apollo/client/testing/react';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { MeDocument } from '../../auth/useMe';
import { userFixture } from '../../../test/fixtures';
import { DbmsPage, DbmsStatsOverviewDocument } from './DbmsPage';
import { DbmsDocumentViewDocument } from './DocumentModal';
import { DbmsDeleteDocumentDocument, DbmsDocumentListDocument } from './DocumentsTable';
import { DbmsHealthPanelDocument } from './HealthPanel';
import { DbmsTrashListDocument } from './TrashPanel';

const HAT_ID = '665f1c2e9b1e8a3d4c5b6c01';
const SCARF_ID = '665f1c2e9b1e8a3d4c5b6c02';

const collection = (name: string, count: number) => ({
  __typename: 'DbmsCollectionStats',
  name,
  label: name.charAt(0).toUpperCase() + name.slice(1),
  system: false,
  count,
  searchable: ['name', 'product.name'],
  storageSize: null,
  totalIndexSize: null,
  avgObjSize: null,
  indexes: null,
});

const row = (id: string, preview: string) => ({
  __typename: 'DbmsDocument',
  id,
  collection: 'campaigns',
  preview,
  createdAt: '2026-11-20T09:30:00.000Z',
  ownerId: '665f1c2e9b1e8a3d4c5b6a70',
});

function mocks(deleteResult: jest.Mock, listResult: jest.Mock): MockLink.MockedResponse[] {
  return [
    {
      request: { query: MeDocument },
      result: { data: { me: userFixture({ businessInfo: { businessName: 'Hat Shop' } }) } },
    },
    {
      request: { query: DbmsStatsOverviewDocument, variables: {} },
      maxUsageCount: 5,
      result: {
        data: {
          dbmsStats: {
            __typename: 'DbmsStats',
            collections: [
              collection('campaigns', 2),
              collection('chats', 5),
              collection('messages', 40),
            ],
            database: null,
          },
          dbmsTrash: { __typename: 'DbmsTrashPage', total: 0 },
        },
      },
    },
    {
      request: {
        query: DbmsDocumentListDocument,
        variables: { collection: 'campaigns', sort: 'NEWEST', page: 1, limit: 20 },
      },
      maxUsageCount: 5,
      result: listResult,
    },
    {
      request: { query: DbmsTrashListDocument, variables: { page: 1, limit: 8 } },
      maxUsageCount: 5,
      result: {
        data: {
          dbmsTrash: { __typename: 'DbmsTrashPage', total: 0, page: 1, pages: 0, items: [] },
        },
      },
    },
    {
      request: { query: DbmsHealthPanelDocument },
      maxUsageCount: 5,
      result: {
        data: {
          dbmsHealth: { __typename: 'DbmsHealth', state: 'connected', pingMs: 1.5, details: null },
        },
      },
    },
    {
      request: {
        query: DbmsDeleteDocumentDocument,
        variables: { collection: 'campaigns', id: HAT_ID },
      },
      result: deleteResult,
    },
  ];
}

function renderPage(
  deleteResult: jest.Mock,
  listResult: jest.Mock,
  more: MockLink.MockedResponse[] = [],
) {
  render(
    <MockedProvider mocks={[...mocks(deleteResult, listResult), ...more]}>
      <MemoryRouter initialEntries={['/dbms']}>
        <DbmsPage />
      </MemoryRouter>
    </MockedProvider>,
  );
}

const listOf = (...rows: ReturnType<typeof row>[]) => ({
  data: {
    dbmsDocuments: {
      __typename: 'DbmsDocumentPage',
      total: rows.length,
      page: 1,
      pages: 1,
      items: rows,
    },
  },
});

describe('Database manager table', () => {
  it('renders the documents of the collection with their ID, preview and date', async () => {
    const listResult = jest.fn(() =>
      listOf(row(HAT_ID, 'Summer hats'), row(SCARF_ID, 'Winter scarves')),
    );
    renderPage(jest.fn(), listResult);

    await screen.findByText('Summer hats');
    const table = await screen.findByRole('table', { name: 'Documents in Campaigns' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByText('Summer hats')).toBeTruthy();
    expect(within(rows[0]!).getByTitle(HAT_ID).textContent).toBe('…4c5b6c01');
    expect(within(rows[0]!).getByRole('button', { name: `View document ${HAT_ID}` })).toBeTruthy();
    expect(within(rows[1]!).getByText('Winter scarves')).toBeTruthy();
    expect(screen.getByText('2 documents · page 1 of 1')).toBeTruthy();
    // The stat cards add the collections up.
    expect(await screen.findByText('47')).toBeTruthy();
  });

  it('asks before deleting, and deletes only once confirmed', async () => {
    const user = userEvent.setup();
    const listResult = jest
      .fn()
      .mockReturnValueOnce(listOf(row(HAT_ID, 'Summer hats'), row(SCARF_ID, 'Winter scarves')))
      .mockReturnValue(listOf(row(SCARF_ID, 'Winter scarves')));
    const deleteResult = jest.fn(() => ({
      data: {
        dbmsDeleteDocument: {
          __typename: 'DbmsTrashResult',
          deleted: 1,
          trashId: '665f1c2e9b1e8a3d4c5b6d01',
          expiresAt: '2026-11-27T09:30:00.000Z',
          counts: [{ __typename: 'DbmsCollectionCount', collection: 'campaigns', count: 1 }],
        },
      },
    }));
    renderPage(deleteResult, listResult);

    await user.click(await screen.findByRole('button', { name: `Delete document ${HAT_ID}` }));
    const dialog = screen.getByRole('dialog', { name: 'Delete this document?' });
    expect(within(dialog).getByText(HAT_ID)).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(deleteResult).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: `Delete document ${HAT_ID}` }));
    await user.click(
      within(screen.getByRole('dialog', { name: 'Delete this document?' })).getByRole('button', {
        name: 'Move to trash',
      }),
    );

    await waitFor(() => expect(deleteResult).toHaveBeenCalledTimes(1));
    expect(deleteResult).toHaveBeenCalledWith({ collection: 'campaigns', id: HAT_ID });
    // The table is fetched again and the document is gone.
    await waitFor(() => expect(screen.queryByText('Summer hats')).toBeNull());
    expect(screen.getByText('Winter scarves')).toBeTruthy();
  });

  it('shows a document as readable fields: dates, money in the currency, short ids; raw JSON on demand', async () => {
    const user = userEvent.setup();
    const json = JSON.stringify({
      _id: { $oid: HAT_ID },
      name: 'Summer hats',
      status: 'active',
      shippingFee: { $numberDouble: '4.5' },
      product: { name: 'Sun hat', price: { $numberInt: '25' } },
      conversion: { orderValue: { $numberInt: '144' }, currency: 'EUR' },
      createdAt: { $date: { $numberLong: String(Date.UTC(2026, 10, 20, 9, 30)) } },
      productIds: [],
    });
    renderPage(
      jest.fn(),
      jest.fn(() => listOf(row(HAT_ID, 'Summer hats'))),
      [
        {
          request: {
            query: DbmsDocumentViewDocument,
            variables: { collection: 'campaigns', id: HAT_ID },
          },
          result: {
            data: {
              dbmsDocument: {
                __typename: 'DbmsDocument',
                id: HAT_ID,
                collection: 'campaigns',
                createdAt: '2026-11-20T09:30:00.000Z',
                json,
              },
            },
          },
        },
      ],
    );
    await user.click(await screen.findByRole('button', { name: `View document ${HAT_ID}` }));
    const dialog = await screen.findByRole('dialog', { name: 'Campaigns: a document' });
    await within(dialog).findByText('Shipping fee');
    expect(within(dialog).getByText('$4.50')).toBeTruthy();
    expect(within(dialog).getByText('$25.00')).toBeTruthy();
    // A sale that names its currency keeps it.
    expect(within(dialog).getByText('€144.00')).toBeTruthy();
    expect(within(dialog).getByText('Nov 20, 2026, 9:30 AM')).toBeTruthy();
    expect(within(dialog).getByTitle(HAT_ID).textContent).toBe('…4c5b6c01');
    expect(within(dialog).queryByText(/\$oid/)).toBeNull();

    await user.click(within(dialog).getByRole('button', { name: 'Show raw JSON' }));
    expect(within(dialog).getByLabelText('Document JSON').textContent).toContain('"$oid"');
  });
});
