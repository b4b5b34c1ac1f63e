import { ChatModel } from '../../src/modules/chats/chat.model';
import {
  IntegrationModel,
  IntegrationStatus,
} from '../../src/modules/integrations/integration.model';
import { Platform } from '../../src/platforms/platform';
import { signBody } from '../../src/platforms/webhookSignature';
import { openSecret } from '../../src/security/secretBox';
import { startGraphApiFixture, type GraphApiFixture } from '../support/graphApiFixture';
import {
  consentLink,
  installInstagramLogin,
  installMetaLogin,
  type InstagramLoginFixture,
} from '../support/metaLoginFixture';
import {
  APP_SECRET,
  messagingPayload,
  postSignedRequest,
  postWebhook,
  signedRequest,
} from '../support/metaPayloads';
import { signUp, startTestApp, type AuthResult, type TestApp } from '../support/testApp';
import { eventually } from '../support/wsSubscriber';

/*
 * "Log in with Instagram" for an account without a Facebook Page: startInstagramLogin ->
 * Instagram's dialog (the fixture's consent page) -> GET /auth/meta/callback -> connected.
 */

const PUBLIC_URL = 'https://desk.salesdesk.test';
const IG_APP = { appId: '1122334455667788', appSecret: 'b7e2d94c1a3f6e8d0c5b9a7f2e4d6c1a' };

let graph: GraphApiFixture;
let instagram: InstagramLoginFixture;
let t: TestApp;
let owner: AuthResult;

beforeAll(async () => {
  graph = await startGraphApiFixture();
  installMetaLogin(graph, { appId: '990011223366', appSecret: APP_SECRET });
  instagram = installInstagramLogin(graph, IG_APP);
  t = await startTestApp({
    env: {
      GRAPH_API_URL: graph.url,
      META_OAUTH_URL: graph.url,
      INSTAGRAM_OAUTH_URL: graph.url,
      INSTAGRAM_API_URL: graph.url,
      INSTAGRAM_GRAPH_URL: graph.url,
      META_APP_ID: '990011223366',
      META_APP_SECRET: APP_SECRET,
      META_INSTAGRAM_APP_ID: IG_APP.appId,
      META_INSTAGRAM_APP_SECRET: IG_APP.appSecret,
      PUBLIC_URL,
    },
    configure: (config) => (config.pipeline.queue.pollMs = 50),
  });
  owner = await signUp(t);
});
afterAll(async () => {
  await t.stop();
  await graph.close();
});

/** Opens Instagram's dialog as `who`, follows one of its links back; the dashboard URL. */
async function loginAs(who: AuthResult, link: 'continue' | 'cancel' = 'continue'): Promise<URL> {
  const started = await t.gql<{ startInstagramLogin: { url: string } }>(
    'mutation { startInstagramLogin { url } }',
    {},
    { token: who.accessToken },
  );
  const dialog = new URL(started.data!.startInstagramLogin.url);
  expect(dialog.pathname).toBe('/oauth/authorize');
  expect(dialog.searchParams.get('client_id')).toBe(IG_APP.appId);
  expect(dialog.searchParams.get('redirect_uri')).toBe(`${PUBLIC_URL}/auth/meta/callback`);
  expect(dialog.searchParams.get('scope')).toMatch(/instagram_business_manage_messages/);
  const back = new URL(consentLink(await (await fetch(dialog)).text(), link));
  expect(back.origin).toBe(PUBLIC_URL);
  const response = await fetch(`${t.url}${back.pathname}${back.search}`, { redirect: 'manual' });
  expect(response.status).toBe(303);
  return new URL(response.headers.get('location')!);
}

const stored = () =>
  IntegrationModel.findOne({ userId: owner.user.id, platform: Platform.INSTAGRAM })
    .select('+credentials')
    .lean();

test('owners are offered Instagram login when the operator entered the Instagram app', async () => {
  const status = await t.gql<{ metaLoginStatus: { instagramLogin: unknown } }>(
    '{ metaLoginStatus { instagramLogin { available problem } } }',
    {},
    { token: owner.accessToken },
  );
  expect(status.data!.metaLoginStatus.instagramLogin).toEqual({ available: true, problem: null });
});

test('the account is connected on return, its webhooks signed with the Instagram secret answered through graph.instagram.com', async () => {
  const back = await loginAs(owner);
  expect(back.pathname).toBe('/integrations');
  expect(back.searchParams.get('metaConnected')).toBe('INSTAGRAM');
  const integration = await stored();
  expect(integration).toMatchObject({
    status: IntegrationStatus.CONNECTED,
    platformData: { pageName: 'loft.atelier', pageUsername: 'loft.atelier' },
    credentials: { accountId: '17841400000009001', instagramLogin: true },
  });
  expect(integration!.credentials.pageId).toBeUndefined();
  const token = openSecret(integration!.credentials.accessToken!, t.config.secretsKey);
  expect(graph.state.instagramLogins[token]?.user_id).toBe('17841400000009001');
  const days = (integration!.credentials.expiresAt!.getTime() - Date.now()) / 86_400_000;
  expect(Math.round(days)).toBe(60);
  expect(instagram.subscriptions['17841400000009001']).toEqual(
    expect.arrayContaining(['messages', 'messaging_postbacks']),
  );

  const body = JSON.stringify(
    messagingPayload('instagram', '17841400000009001', [
      { customerId: '5500001', text: 'Do you make custom wallets?' },
    ]),
  );
  // Signed as Meta signs an Instagram-login app's webhooks: with the Instagram app secret.
  const response = await postWebhook(t.url, 'instagram', body, signBody(body, IG_APP.appSecret));
  expect(response.status).toBe(200);
  await eventually(
    async () => Boolean(await ChatModel.exists({ userId: owner.user.id, customerId: '5500001' })),
    10_000,
    'the chat of the webhook',
  );
  await eventually(
    async () =>
      graph
        .sends()
        .some(
          (send) =>
            send.path.endsWith('/me/messages') &&
            send.authorization === `Bearer ${token}` &&
            JSON.stringify(send.body).includes('5500001'),
        ),
    10_000,
    "the reply sent from the account's own token",
  );
  // Any other secret is still refused.
  const forged = await postWebhook(t.url, 'instagram', body, signBody(body, 'not-the-secret'));
  expect(forged.status).toBe(401);
});

test('an account another Salesdesk account holds is refused, and a cancelled login says so', async () => {
  const intruder = await signUp(t);
  const refused = await loginAs(intruder);
  expect(refused.searchParams.get('metaConnectError')).toMatch(/already connected/);
  expect(await IntegrationModel.exists({ userId: intruder.user.id })).toBeNull();
  const cancelled = await loginAs(intruder, 'cancel');
  expect(cancelled.searchParams.get('metaConnectError')).toBe('The Instagram login was cancelled.');
});

test('the daily check renews a token near its end, and turns a revoked one to ERROR', async () => {
  const soon = new Date(Date.now() + 5 * 86_400_000);
  await IntegrationModel.updateOne(
    { userId: owner.user.id, platform: Platform.INSTAGRAM },
    { $set: { 'credentials.expiresAt': soon, lastSync: new Date(0) } },
  );
  const before = openSecret((await stored())!.credentials.accessToken!, t.config.secretsKey);
  await t.app.services.integrations.checkTokens();
  const renewed = await stored();
  const after = openSecret(renewed!.credentials.accessToken!, t.config.secretsKey);
  expect(instagram.refreshed).toEqual([before]);
  expect(after).not.toBe(before);
  expect(renewed!.credentials.expiresAt!.getTime()).toBeGreaterThan(soon.getTime());
  expect(renewed!.status).toBe(IntegrationStatus.CONNECTED);

  graph.revoke(after);
  await IntegrationModel.updateOne({ _id: renewed!._id }, { $set: { lastSync: new Date(0) } });
  await t.app.services.integrations.checkTokens();
  const broken = await stored();
  expect(broken!.status).toBe(IntegrationStatus.ERROR);
  expect(JSON.stringify(broken!.errorLog)).toMatch(/daily check/);
});

test("Instagram's Deauthorize callback, signed with the Instagram app secret, disconnects the account", async () => {
  const studio = await signUp(t);
  instagram.account = {
    id: '27000000000000002',
    user_id: '17841400000009002',
    username: 'loft.studio',
  };
  expect((await loginAs(studio)).searchParams.get('metaConnected')).toBe('INSTAGRAM');
  const response = await postSignedRequest(
    t.url,
    '/auth/meta/deauthorize',
    signedRequest('27000000000000002', IG_APP.appSecret),
  );
  expect(await response.json()).toEqual({ success: true, disconnected: 1 });
  const integration = await IntegrationModel.findOne({ userId: studio.user.id }).lean();
  expect(integration?.status).toBe(IntegrationStatus.DISCONNECTED);
});
