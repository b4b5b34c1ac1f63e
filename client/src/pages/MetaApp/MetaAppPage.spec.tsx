import { InMemoryCache } from '@apollo/client';
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { userFixture } from '../../../test/fixtures';
import { MeDocument } from '../../auth/useMe';
import { typePolicies } from '../../cachePolicies';
import { Toaster } from '../../components/ui';
import { MetaAppPage } from './MetaAppPage';
import {
  MetaAppDocument,
  SubscribeMetaWebhooksDocument,
  UpdateMetaAppDocument,
} from './metaAppDocuments';

const PUBLIC = 'https://desk.example.com';
const value = (
  variable: string,
  current: string | null,
  source = current ? 'STORED' : 'UNSET',
) => ({
  __typename: 'MetaAppValue',
  variable,
  value: current,
  set: current !== null,
  source,
});

function view(overrides: Record<string, unknown> = {}) {
  const publicUrl = (overrides.publicUrl as { value: string | null } | undefined)?.value ?? null;
  const at = (path: string) => (publicUrl ? `${publicUrl}${path}` : null);
  return {
    __typename: 'MetaAppView',
    appId: value('META_APP_ID', null),
    appSecret: value('META_APP_SECRET', null),
    loginConfigId: value('META_LOGIN_CONFIG_ID', null),
    whatsappConfigId: value('META_WHATSAPP_CONFIG_ID', null),
    instagramAppId: value('META_INSTAGRAM_APP_ID', null),
    instagramAppSecret: value('META_INSTAGRAM_APP_SECRET', null),
    publicUrl: value('PUBLIC_URL', null),
    verifyToken: value('WEBHOOK_VERIFY_TOKEN', 'generated-verify-token'),
    publicUrlProblem: publicUrl ? null : 'PUBLIC_URL is not set. Enter the https address…',
    loginRedirectUrl: at('/auth/meta/callback'),
    deauthorizeUrl: at('/auth/meta/deauthorize'),
    dataDeletionUrl: at('/auth/meta/data-deletion'),
    subscribeProblem: 'Enter the App ID and the App secret first.',
    webhooks: [
      ['page', 'FACEBOOK', 'facebook'],
      ['instagram', 'INSTAGRAM', 'instagram'],
      ['whatsapp_business_account', 'WHATSAPP', 'whatsapp'],
    ].map(([object, platform, path]) => ({
      __typename: 'MetaWebhookObject',
      object,
      platform,
      fields: ['messages'],
      callbackUrl: at(`/webhooks/${path}`),
      subscribedAt: null,
      error: null,
    })),
    ...overrides,
  };
}

const me = (role: 'ADMIN' | 'USER') => ({
  request: { query: MeDocument },
  result: { data: { me: userFixture({ role }) } },
});
const read = (answer: object) => ({
  request: { query: MetaAppDocument },
  result: { data: { metaApp: answer } },
});

function renderMetaApp(mocks: MockLink.MockedResponse[]) {
  const user = userEvent.setup();
  render(
    <MockedProvider mocks={mocks} cache={new InMemoryCache({ typePolicies })}>
      <MemoryRouter>
        <MetaAppPage />
        <Toaster />
      </MemoryRouter>
    </MockedProvider>,
  );
  return user;
}

const configured = {
  appId: value('META_APP_ID', '770011223344'),
  appSecret: { ...value('META_APP_SECRET', null), set: true, source: 'STORED' },
  publicUrl: value('PUBLIC_URL', PUBLIC),
  subscribeProblem: null,
};

describe('Meta app', () => {
  it('is for admins only', async () => {
    renderMetaApp([me('USER')]);
    expect(await screen.findByText('The Meta app is set up by an administrator')).toBeTruthy();
    expect(screen.queryByLabelText('App ID')).toBeNull();
  });

  it('with nothing set, says what to do and keeps Subscribe webhooks off', async () => {
    renderMetaApp([me('ADMIN'), read(view())]);
    expect(await screen.findByLabelText('App ID')).toBeTruthy();
    const meta = screen.getByRole('region', { name: "In Meta's app dashboard" });
    expect(within(meta).getByText(/PUBLIC_URL is not set/)).toBeTruthy();
    expect(within(meta).queryByText(/\/auth\/meta\/callback/)).toBeNull();
    const subscribe = within(meta).getByRole('button', { name: 'Subscribe webhooks' });
    expect((subscribe as HTMLButtonElement).disabled).toBe(true);
    expect(within(meta).getByText('Enter the App ID and the App secret first.')).toBeTruthy();
  });

  it('saves only what changed, the secret write-only, and shows the URLs to paste', async () => {
    const saved = view(configured);
    const user = renderMetaApp([
      me('ADMIN'),
      read(view()),
      {
        request: {
          query: UpdateMetaAppDocument,
          variables: {
            input: { appId: '770011223344', appSecret: 'a-secret-123456', publicUrl: PUBLIC },
          },
        },
        result: { data: { updateMetaApp: saved } },
      },
    ]);
    await user.type(await screen.findByLabelText('App ID'), '770011223344');
    await user.type(screen.getByLabelText('App secret'), 'a-secret-123456');
    await user.type(screen.getByLabelText('Public URL'), PUBLIC);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Meta app saved.')).toBeTruthy();
    const meta = screen.getByRole('region', { name: "In Meta's app dashboard" });
    expect(await within(meta).findByText(`${PUBLIC}/auth/meta/callback`)).toBeTruthy();
    expect(within(meta).getByText(`${PUBLIC}/webhooks/whatsapp`)).toBeTruthy();
    expect(within(meta).getByText('generated-verify-token')).toBeTruthy();
    // The secret box is empty again, saying one is stored.
    const secret = screen.getByLabelText('App secret') as HTMLInputElement;
    expect(secret.value).toBe('');
    expect(secret.placeholder).toMatch(/Stored/);
  });

  it('locks what the environment sets, and shows field errors from the server', async () => {
    const user = renderMetaApp([
      me('ADMIN'),
      read(view({ appId: value('META_APP_ID', '990011223344', 'ENVIRONMENT') })),
      {
        request: {
          query: UpdateMetaAppDocument,
          variables: { input: { publicUrl: 'http://127.0.0.1:4000' } },
        },
        result: {
          errors: [
            {
              message: 'PUBLIC_URL must start with https://',
              extensions: {
                code: 'BAD_USER_INPUT',
                fields: [{ path: 'publicUrl', messages: ['PUBLIC_URL must start with https://'] }],
              },
            },
          ],
        },
      },
    ]);
    const appId = (await screen.findByLabelText('App ID')) as HTMLInputElement;
    expect(appId.disabled).toBe(true);
    expect(appId.value).toBe('990011223344');
    expect(screen.getByText(/Set by META_APP_ID in the server's environment/)).toBeTruthy();
    await user.type(screen.getByLabelText('Public URL'), 'http://127.0.0.1:4000');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const field = screen.getByLabelText('Public URL');
    expect(await screen.findAllByText('PUBLIC_URL must start with https://')).not.toHaveLength(0);
    expect(field.getAttribute('aria-invalid')).toBe('true');
  });

  it('subscribes the webhooks and shows each outcome', async () => {
    const subscribed = view({
      ...configured,
      webhooks: view(configured).webhooks.map((hook, index) => ({
        ...hook,
        subscribedAt: index < 2 ? '2026-12-03T10:00:00.000Z' : null,
        error: index < 2 ? null : 'Meta refused: (#2200) Callback verification failed',
      })),
    });
    const user = renderMetaApp([
      me('ADMIN'),
      read(view(configured)),
      {
        request: { query: SubscribeMetaWebhooksDocument },
        result: { data: { subscribeMetaWebhooks: subscribed } },
      },
    ]);
    await user.click(await screen.findByRole('button', { name: 'Subscribe webhooks' }));
    expect(await screen.findByText('Meta refused 1 of the subscriptions: see below.')).toBeTruthy();
    expect(screen.getAllByText(/^Subscribed /)).toHaveLength(2);
    expect(screen.getByText('Refused')).toBeTruthy();
    expect(screen.getByText(/Callback verification failed/)).toBeTruthy();
  });
});
