import { screen, within } from '@testing-library/react';
import { renderPage } from '../../../test/renderPage';
import { DbmsHealthPanelDocument, HealthPanel } from './HealthPanel';

const figure = (name: string, count: number, limit: number) => ({
  __typename: 'DbmsEnvelopeFigure',
  name,
  count,
  limit,
  share: count / limit,
});

function healthMock(embedded: Record<string, unknown> | null) {
  return {
    request: { query: DbmsHealthPanelDocument },
    result: {
      data: {
        dbmsHealth: {
          __typename: 'DbmsHealth',
          state: 'connected',
          pingMs: 0.8,
          details: {
            __typename: 'DbmsHealthDetails',
            engine: 'FerretDB',
            version: '1.24.2',
            database: 'salesdesk',
            host: '127.0.0.1:40111',
            collections: 21,
            slowQueryMs: 200,
            pool: {
              __typename: 'DbmsPool',
              open: 1,
              inUse: 0,
              idle: 1,
              waiting: 0,
              maxPoolSize: 1,
              totalCheckouts: 420,
              checkoutFailures: 0,
            },
            slowOperations: [],
            embedded,
          },
        },
      },
    },
  };
}

describe('Database health panel', () => {
  it('shows the embedded data against its envelope, with the advice', async () => {
    renderPage(<HealthPanel />, [
      healthMock({
        __typename: 'DbmsEmbeddedEnvelope',
        figures: [
          figure('chats', 17_000, 20_000),
          figure('messages', 90_000, 200_000),
          figure('inboxEvents', 120_000, 200_000),
        ],
        bytesOnDisk: 734_003_200,
        status: 'NEARING',
        advice:
          'Nearing the envelope (80% or more of it): plan the move to MongoDB (`npm run db:move -- <uri>`).',
      }),
    ]);

    const section = await screen.findByRole('region', { name: 'Embedded database size' });
    expect(within(section).getByText('Nearing the envelope')).toBeTruthy();
    expect(within(section).getByText(/on disk/)).toBeTruthy();
    expect(within(section).getByText(/17,000 of 20,000/).textContent).toContain('85%');
    const meter = within(section).getByRole('meter', { name: 'Chats against the envelope' });
    expect(meter.getAttribute('aria-valuenow')).toBe('17000');
    expect(
      within(section).getByRole('meter', { name: 'Inbox events against the envelope' }),
    ).toBeTruthy();
    expect(within(section).getByText('npm run db:move -- <uri>').tagName).toBe('CODE');
  });

  it('shows no envelope when the server is not on its embedded database', async () => {
    renderPage(<HealthPanel />, [healthMock(null)]);
    await screen.findByText('FerretDB 1.24.2');
    expect(screen.queryByRole('region', { name: 'Embedded database size' })).toBeNull();
  });
});
