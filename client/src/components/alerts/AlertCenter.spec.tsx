import { act, screen, waitFor } from '@testing-library/react';
import { alertFixture } from '../../../test/fixtures';
import { renderPage } from '../../../test/renderPage';
import { AlertCenter } from './AlertCenter';
import { AlertRaisedDocument, AlertsDocument, MarkAlertsReadDocument } from './alertDocuments';

const alert = alertFixture();
const alerts = (unread: number, items = [alert]) => ({
  request: { query: AlertsDocument },
  result: { data: { alerts: { __typename: 'AlertList', unread, items } } },
});

describe('AlertCenter', () => {
  afterEach(() => {
    document.title = 'Salesdesk';
  });

  it('shows an alert as it happens: a toast with a link, the count in the tab title', async () => {
    renderPage(<AlertCenter />, [
      alerts(0, []),
      {
        request: { query: AlertRaisedDocument },
        result: {
          data: {
            alertRaised: {
              __typename: 'Alert',
              id: alert.id,
              title: alert.title,
              body: alert.body,
              link: alert.link,
            },
          },
        },
        delay: 50,
      },
      alerts(1),
    ]);
    const toast = await screen.findByText(alert.title, {}, { timeout: 3000 });
    expect(toast.closest('[role="status"]')?.querySelector('a')?.getAttribute('href')).toBe(
      alert.link,
    );
    await waitFor(() => expect(document.title).toBe('(1) Salesdesk'));
    expect(screen.getByRole('button', { name: 'Alerts: 1 new' })).toBeTruthy();
  });

  it('opening the list marks them read and clears the tab count', async () => {
    const user = renderPage(<AlertCenter />, [
      alerts(2, [
        alert,
        alertFixture({ id: '665f1c2e9b1e8a3d4c5b6a91', title: 'Sale: $144.00 from Sam' }),
      ]),
      {
        request: { query: MarkAlertsReadDocument },
        result: { data: { markAlertsRead: { __typename: 'AlertList', unread: 0 } } },
      },
      alerts(0, [alert]),
    ]);
    await waitFor(() => expect(document.title).toBe('(2) Salesdesk'));
    await act(() => user.click(screen.getByRole('button', { name: 'Alerts: 2 new' })));
    expect(await screen.findByRole('link', { name: /Sale: \$144.00 from Sam/ })).toBeTruthy();
    await waitFor(() => expect(document.title).toBe('Salesdesk'));
  });
});
