import { screen, waitFor } from '@testing-library/react';
import { renderPage } from '../../../test/renderPage';
import { ConnectedChannelsDocument } from './ChannelPrompt';
import { SetCampaignStatusDocument, StatusActions } from './StatusActions';

const CAMPAIGN_ID = '665f1c2e9b1e8a3d4c5b6a71';
const activated = {
  request: { query: SetCampaignStatusDocument, variables: { id: CAMPAIGN_ID, status: 'ACTIVE' } },
  result: {
    data: { setCampaignStatus: { __typename: 'Campaign', id: CAMPAIGN_ID, status: 'ACTIVE' } },
  },
};
const channels = (status: string | null) => ({
  request: { query: ConnectedChannelsDocument },
  result: {
    data: {
      integrations: status
        ? [{ __typename: 'Integration', id: '665f1c2e9b1e8a3d4c5b6a99', status }]
        : [],
    },
  },
});

describe('StatusActions', () => {
  it('going live with no channel connected offers to connect one or to try the simulator', async () => {
    const trySimulator = jest.fn();
    const user = renderPage(
      <StatusActions campaignId={CAMPAIGN_ID} status="DRAFT" onTrySimulator={trySimulator} />,
      [activated, channels('DISCONNECTED')],
    );
    await user.click(await screen.findByRole('button', { name: 'Activate' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Your campaign is live: now connect a channel',
    });
    expect(dialog.querySelector('a[href="/integrations"]')?.textContent).toBe('Connect a channel');
    await user.click(screen.getByRole('button', { name: 'Try it in the simulator' }));
    expect(trySimulator).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('with a channel connected, going live just says so', async () => {
    const user = renderPage(
      <StatusActions campaignId={CAMPAIGN_ID} status="DRAFT" onTrySimulator={jest.fn()} />,
      [activated, channels('CONNECTED')],
    );
    await user.click(await screen.findByRole('button', { name: 'Activate' }));
    expect(await screen.findByText('Campaign active.')).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
