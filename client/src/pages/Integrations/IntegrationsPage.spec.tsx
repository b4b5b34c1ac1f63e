import { screen, waitFor, within } from '@testing-library/react';
import { integrationFixture } from '../../../test/fixtures';
import { renderPage } from '../../../test/renderPage';
import { runEmbeddedSignup } from '../../lib/embeddedSignup';
import { leavePageFor } from '../../lib/leavePage';
import {
  CompleteWhatsAppSignupDocument,
  ConnectIntegrationDocument,
  MetaLoginStatusDocument,
  StartInstagramLoginDocument,
  StartMetaConnectDocument,
} from './ConnectModal';
import { IntegrationsListDocument, IntegrationsPage } from './IntegrationsPage';
import { CompleteMetaConnectDocument, MetaConnectPagesDocument } from './MetaConnectPicker';
import { DisconnectIntegrationDocument } from './PlatformCard';
import { WebhookSetupDocument } from './WebhookSetup';

jest.mock('../../lib/leavePage', () => ({ leavePageFor: jest.fn() }));
jest.mock('../../lib/embeddedSignup', () => ({ runEmbeddedSignup: jest.fn() }));

const messenger = integrationFixture('FACEBOOK');
const PUBLIC = 'https://desk.example.com';

const list = (...integrations: ReturnType<typeof integrationFixture>[]) => ({
  request: { query: IntegrationsListDocument },
  result: { data: { integrations } },
});
const webhook = (verifyToken: string | null, publicUrlProblem: string | null = null) => ({
  request: { query: WebhookSetupDocument },
  result: {
    data: {
      webhookSetup: {
        __typename: 'WebhookSetup',
        verifyToken,
        publicUrlProblem,
        endpoints: ['facebook', 'instagram', 'whatsapp'].map((platform) => ({
          __typename: 'WebhookEndpoint',
          platform: platform.toUpperCase(),
          url: publicUrlProblem ? null : `${PUBLIC}/webhooks/${platform}`,
        })),
      },
    },
  },
});
const loginStatus = (
  problem: string | null,
  whatsappProblem: string | null = 'No configuration.',
  instagramProblem: string | null = 'No Instagram app.',
) => ({
  request: { query: MetaLoginStatusDocument },
  result: {
    data: {
      metaLoginStatus: {
        __typename: 'MetaLoginStatus',
        available: problem === null,
        problem,
        whatsapp: {
          __typename: 'WhatsAppSignupOffer',
          available: whatsappProblem === null,
          problem: whatsappProblem,
          appId: '990011223355',
          configId: whatsappProblem === null ? '445566778899' : null,
          graphApiVersion: 'v26.0',
        },
        instagramLogin: {
          __typename: 'MetaLoginOption',
          available: instagramProblem === null,
          problem: instagramProblem,
        },
      },
    },
  },
});

const integrations = (mocks: Parameters<typeof renderPage>[1], path = '/integrations') =>
  renderPage(<IntegrationsPage />, mocks, path);

describe('Integrations', () => {
  it('shows each channel with its state, and what to paste into Meta', async () => {
    integrations([list(messenger), webhook('verify-123')]);

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
    expect(within(setup).getByText(`${PUBLIC}/webhooks/whatsapp`)).toBeTruthy();
  });

  it('shows what the operator must do instead of a URL Meta would refuse', async () => {
    integrations([list(), webhook('verify-123', 'PUBLIC_URL is not set. Set PUBLIC_URL to ...')]);
    const setup = await screen.findByRole('region', { name: 'Webhook setup in Meta' });
    expect(await within(setup).findByText(/PUBLIC_URL is not set/)).toBeTruthy();
    expect(within(setup).queryByText(/\/webhooks\//)).toBeNull();
  });

  it('connects Messenger with Meta’s login: the dialog, then the Page picked on return', async () => {
    const user = integrations([
      list(),
      webhook('verify-123'),
      loginStatus(null),
      {
        request: { query: StartMetaConnectDocument, variables: { platform: 'FACEBOOK' } },
        result: {
          data: {
            startMetaConnect: {
              __typename: 'MetaConnectStart',
              url: 'https://www.facebook.com/v26.0/dialog/oauth?client_id=1',
            },
          },
        },
      },
    ]);
    const card = await screen.findByRole('region', { name: /^Messenger/ });
    await user.click(within(card).getByRole('button', { name: 'Connect' }));
    const dialog = await screen.findByRole('dialog', { name: 'Connect Messenger' });
    const login = await within(dialog).findByRole('button', { name: 'Continue with Facebook' });
    // The token form waits under "Advanced".
    expect(within(dialog).queryByLabelText(/Access token/)).toBeNull();
    await user.click(login);
    await waitFor(() =>
      expect(leavePageFor).toHaveBeenCalledWith(
        'https://www.facebook.com/v26.0/dialog/oauth?client_id=1',
      ),
    );
    await user.click(
      within(dialog).getByRole('button', { name: 'Advanced: connect with a token of your own' }),
    );
    expect(within(dialog).getByLabelText(/Access token/)).toBeTruthy();
  });

  it('back from the login, connects the Page picked', async () => {
    const page = (id: string, name: string, unavailable: string | null = null) => ({
      __typename: 'MetaConnectOffer',
      id,
      name,
      picture: null,
      instagramUsername: null,
      unavailable,
    });
    const completed = jest.fn(() => ({
      data: { completeMetaConnect: { ...messenger, status: 'CONNECTED' } },
    }));
    const user = integrations(
      [
        { ...list(), maxUsageCount: 2 },
        webhook('verify-123'),
        {
          request: { query: MetaConnectPagesDocument, variables: { choiceId: 'c1' } },
          result: {
            data: {
              metaConnectPages: {
                __typename: 'MetaConnectChoiceView',
                platform: 'FACEBOOK',
                pages: [page('111', 'Bloom Flowers'), page('222', 'Bloom Blog')],
              },
            },
          },
        },
        {
          request: {
            query: CompleteMetaConnectDocument,
            variables: { choiceId: 'c1', pageId: '111' },
          },
          result: completed,
        },
      ],
      '/integrations?metaConnect=c1',
    );
    const dialog = await screen.findByRole('dialog', { name: 'Connect Messenger' });
    await user.click(await within(dialog).findByRole('button', { name: 'Connect Bloom Flowers' }));
    expect(await screen.findByText('Messenger is connected.')).toBeTruthy();
    expect(completed).toHaveBeenCalledTimes(1);
  });

  it('says what went wrong when the login came back with an error', async () => {
    integrations(
      [list(), webhook('verify-123')],
      '/integrations?metaConnectError=The%20Facebook%20login%20was%20cancelled.',
    );
    expect(await screen.findByText('The Facebook login was cancelled.')).toBeTruthy();
  });

  it('says so when the server cannot read its verify token', async () => {
    integrations([list(), webhook(null)]);
    const setup = await screen.findByRole('region', { name: 'Webhook setup in Meta' });
    expect(await within(setup).findByText(/could not be read with this server/)).toBeTruthy();
  });

  it('disconnects a channel after asking, and keeps its card', async () => {
    const disconnected = jest.fn(() => ({
      data: { disconnectIntegration: { ...messenger, status: 'DISCONNECTED' } },
    }));
    const user = integrations([
      list(messenger),
      webhook('verify-123'),
      {
        request: { query: DisconnectIntegrationDocument, variables: { platform: 'FACEBOOK' } },
        result: disconnected,
      },
    ]);
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
    const user = integrations([
      { ...list(messenger), maxUsageCount: 2 },
      webhook('verify-123'),
      loginStatus('PUBLIC_URL is not set.'),
      { request: { query: ConnectIntegrationDocument, variables: { input } }, result: connected },
    ]);
    const card = await screen.findByRole('region', { name: /^Instagram/ });
    await user.click(within(card).getByRole('button', { name: 'Connect' }));
    const dialog = await screen.findByRole('dialog', { name: 'Connect Instagram' });
    expect(
      await within(dialog).findByText(/Continue with Facebook is not available on this server yet/),
    ).toBeTruthy();

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

  it("connects WhatsApp with Meta's Embedded Signup: the popup's code and ids go to the server", async () => {
    const signup = {
      code: 'AQES-code',
      wabaId: '102290129340398',
      phoneNumberId: '106540352242922',
    };
    jest.mocked(runEmbeddedSignup).mockResolvedValue(signup);
    const whatsapp = integrationFixture('WHATSAPP', {
      platformData: {
        __typename: 'PlatformData',
        pageName: 'Leather Loft',
        pageUsername: '+351 22 000 0001',
        followersCount: null,
        qualityRating: 'GREEN',
      },
    });
    const completed = jest.fn(() => ({ data: { completeWhatsAppSignup: whatsapp } }));
    const user = integrations([
      list(),
      // Refetched once connected.
      list(whatsapp),
      webhook('verify-123'),
      loginStatus(null, null),
      {
        request: { query: CompleteWhatsAppSignupDocument, variables: { input: signup } },
        result: completed,
      },
    ]);
    const card = await screen.findByRole('region', { name: /^WhatsApp/ });
    await user.click(within(card).getByRole('button', { name: 'Connect' }));
    const dialog = await screen.findByRole('dialog', { name: 'Connect WhatsApp' });
    expect(within(dialog).queryByLabelText(/Phone number id/)).toBeNull();
    await user.click(await within(dialog).findByRole('button', { name: 'Continue with Facebook' }));
    expect(runEmbeddedSignup).toHaveBeenCalledWith({
      appId: '990011223355',
      configId: '445566778899',
      graphApiVersion: 'v26.0',
    });
    expect(await screen.findByText('WhatsApp is connected.')).toBeTruthy();
    expect(completed).toHaveBeenCalledTimes(1);
    // The card shows the number and its quality rating.
    const connected = await screen.findByRole('region', { name: /^WhatsApp Connected/ });
    expect(within(connected).getByText('+351 22 000 0001', { exact: false })).toBeTruthy();
    expect(within(connected).getByText('Green')).toBeTruthy();
  });

  it('without the signup configuration, WhatsApp is connected by hand and says why', async () => {
    const user = integrations([list(), webhook('verify-123'), loginStatus(null)]);
    const card = await screen.findByRole('region', { name: /^WhatsApp/ });
    await user.click(within(card).getByRole('button', { name: 'Connect' }));
    const dialog = await screen.findByRole('dialog', { name: 'Connect WhatsApp' });
    expect(await within(dialog).findByText(/No configuration\./)).toBeTruthy();
    expect(within(dialog).getByLabelText(/Phone number id/)).toBeTruthy();
    expect(within(dialog).queryByRole('button', { name: 'Continue with Facebook' })).toBeNull();
  });

  it('offers Instagram login for an account without a Page, and says so once connected', async () => {
    const user = integrations([
      list(),
      webhook('verify-123'),
      loginStatus(null, 'No configuration.', null),
      {
        request: { query: StartInstagramLoginDocument },
        result: {
          data: {
            startInstagramLogin: {
              __typename: 'MetaConnectStart',
              url: 'https://www.instagram.com/oauth/authorize?client_id=1',
            },
          },
        },
      },
    ]);
    const card = await screen.findByRole('region', { name: /^Instagram/ });
    await user.click(within(card).getByRole('button', { name: 'Connect' }));
    const dialog = await screen.findByRole('dialog', { name: 'Connect Instagram' });
    expect(
      await within(dialog).findByRole('button', { name: 'Continue with Facebook' }),
    ).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Log in with Instagram' }));
    await waitFor(() =>
      expect(leavePageFor).toHaveBeenCalledWith(
        'https://www.instagram.com/oauth/authorize?client_id=1',
      ),
    );
  });

  it('back from Instagram login, says the account is connected', async () => {
    integrations([list(), webhook('verify-123')], '/integrations?metaConnected=INSTAGRAM');
    expect(await screen.findByText('Instagram is connected.')).toBeTruthy();
  });
});
