import { screen, waitFor, within } from '@testing-library/react';
import { integrationFixture } from '../../../test/fixtures';
import { renderPage } from '../../../test/renderPage';
import { ConnectIntegrationDocument } from './ConnectModal';
import { IntegrationsListDocument, IntegrationsPage } from './IntegrationsPage';
import { DisconnectIntegrationDocument } from './PlatformCard';
import { WebhookSetupDocument } from './WebhookSetup';

const messenger = integrationFixture('FACEBOOK');

const list = (...integrations: ReturnType<typeof integrationFixture>[]) => ({
  request: { query: IntegrationsListDocument },
  result: { data: { integrations } },
});
const webhook = (verifyToken: string | null) => ({
  request: { query: WebhookSetupDocument },
  result: { data: { webhookSetup: { __typename: 'WebhookSetup', verifyToken } } },
});

const integrations = (...mocks: Parameters<typeof renderPage>[1]) =>
  renderPage(<IntegrationsPage />, mocks, '/integrations');

describe('Integrations', () => {
  it('shows each channel with its state, and what to paste into Meta', async () => {
    integrations(list(messenger), webhook('verify-123'));

    const card = await screen.findByRole('region', { name: /^Messenger/ });
    // The state badges are part of the card's heading.
    expect(
      within(card).getByRole('heading', { name: 'Messenger Connected Webhook verified' }),
    ).toBeTruthy();
    expect(within(card).getByText('Bloom Flowers')).toBeTruthy();
    expect(within(card).getByText('1,200')).toBeTruthy();
    expect(within(card).getByRole('button', { name: 'Disconnect' })).toBeTruthy();
    const instagram = screen.getByRole('region', { name: /^Instagram/ });
    expect(within(instagram).getByText('Not connected yet', { exact: false })).toBeTruthy();
    expect(within(instagram).getByRole('button', { name: 'Connect' })).toBeTruthy();

    const setup = screen.getByRole('region', { name: 'Webhook setup in Meta' });
    expect(await within(setup).findByText('verify-123')).toBeTruthy();
    expect(within(setup).getByText(/\/webhooks\/whatsapp$/)).toBeTruthy();
  });

  it('says so when the server has no verify token for Meta yet', async () => {
    integrations(list(), webhook(null));
    const setup = await screen.findByRole('region', { name: 'Webhook setup in Meta' });
    expect(await within(setup).findByText('WEBHOOK_VERIFY_TOKEN')).toBeTruthy();
  });

  it('disconnects a channel after asking, and keeps its card', async () => {
    const disconnected = jest.fn(() => ({
      data: { disconnectIntegration: { ...messenger, status: 'DISCONNECTED' } },
    }));
    const user = integrations(list(messenger), webhook('verify-123'), {
      request: { query: DisconnectIntegrationDocument, variables: { platform: 'FACEBOOK' } },
      result: disconnected,
    });
    const card = await screen.findByRole('region', { name: /^Messenger/ });
    await user.click(within(card).getByRole('button', { name: 'Disconnect' }));
    const dialog = await screen.findByRole('dialog', { name: 'Disconnect Messenger?' });
    expect(disconnected).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Disconnect' }));

    expect(
      await screen.findByText('Messenger is disconnected. Its settings are kept.'),
    ).toBeTruthy();
    expect(disconnected).toHaveBeenCalledTimes(1);
    expect(within(card).getByText('Disconnected')).toBeTruthy();
    expect(within(card).getByRole('button', { name: 'Reconnect' })).toBeTruthy();
  });

  it('checks the ids before connecting, and shows why Meta refused the details', async () => {
    const input = {
      platform: 'INSTAGRAM',
      accessToken: 'EAAG-a-long-enough-token',
      accountId: '17841400000000000',
      pageId: '100000000000001',
    };
    const refused = integrationFixture('INSTAGRAM', {
      status: 'ERROR',
      lastError: 'Meta did not accept the token: it has expired.',
    });
    const connected = jest.fn(() => ({ data: { connectIntegration: refused } }));
    const user = integrations({ ...list(messenger), maxUsageCount: 2 }, webhook('verify-123'), {
      request: { query: ConnectIntegrationDocument, variables: { input } },
      result: connected,
    });
    const card = await screen.findByRole('region', { name: /^Instagram/ });
    await user.click(within(card).getByRole('button', { name: 'Connect' }));
    const dialog = await screen.findByRole('dialog', { name: 'Connect Instagram' });

    await user.type(within(dialog).getByLabelText(/Instagram account id/), 'not digits');
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));
    expect(within(dialog).getByText('Meta ids are digits only.')).toBeTruthy();
    expect(within(dialog).getByText('Enter the Linked Facebook Page id.')).toBeTruthy();
    expect(within(dialog).getByText('Paste the whole token (20 to 1000 characters).')).toBeTruthy();
    expect(connected).not.toHaveBeenCalled();

    const account = within(dialog).getByLabelText(/Instagram account id/);
    await user.clear(account);
    await user.type(account, input.accountId);
    await user.type(within(dialog).getByLabelText(/Linked Facebook Page id/), input.pageId);
    await user.type(within(dialog).getByLabelText(/Access token/), input.accessToken);
    await user.click(within(dialog).getByRole('button', { name: 'Connect' }));

    await waitFor(() => expect(connected).toHaveBeenCalledTimes(1));
    expect(
      await within(dialog).findByText('Meta did not accept the token: it has expired.'),
    ).toBeTruthy();
  });
});
