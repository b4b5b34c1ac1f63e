import { Types } from 'mongoose';
import { ChatModel } from '../../src/modules/chats/chat.model';
import {
  IntegrationModel,
  IntegrationStatus,
} from '../../src/modules/integrations/integration.model';
import { issueState } from '../../src/modules/metaConnect/connectState';
import {
  MetaConnectChoiceModel,
  MetaConnectStateModel,
} from '../../src/modules/metaConnect/metaConnect.model';
import { Platform } from '../../src/platforms/platform';
import { openSecret } from '../../src/security/secretBox';
import { startGraphApiFixture, type GraphApiFixture } from '../support/graphApiFixture';
import { consentLink, installMetaLogin, type MetaLoginFixture } from '../support/metaLoginFixture';
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
 * "Continue with Facebook" end to end: startMetaConnect -> Meta's dialog (the fixture's
 * consent page) -> GET /auth/meta/callback -> the Pages to pick -> completeMetaConnect.
 */

const PUBLIC_URL = 'https://desk.salesdesk.test';
const APP_ID = '990011223344';

let graph: GraphApiFixture;
let login: MetaLoginFixture;
let t: TestApp;
const shopPage = { id: '110000000000001', token: 'EAAPageShop0001' };
const blogPage = { id: '110000000000002', token: 'EAAPageBlog0002' };
const studioPage = { id: '110000000000003', token: 'EAAPageStudio003' };
const IG_ID = '17841400000000001';
const STUDIO_IG_ID = '17841400000000003';
const outletPage = { id: '110000000000004', token: 'EAAPageOutlet04' };

beforeAll(async () => {
  graph = await startGraphApiFixture({
    pages: {
      [shopPage.id]: {
        name: 'Leather Loft',
        token: shopPage.token,
        picture: 'https://cdn.test/loft.png',
      },
      [blogPage.id]: { name: 'Leather Loft Journal', token: blogPage.token },
      [studioPage.id]: { name: 'Loft Studio', token: studioPage.token },
      [outletPage.id]: { name: 'Loft Outlet', token: outletPage.token },
    },
    igAccounts: {
      [IG_ID]: { username: 'leatherloft', pageId: shopPage.id },
      [STUDIO_IG_ID]: { username: 'loft.studio', pageId: studioPage.id },
    },
  });
  login = installMetaLogin(graph, { appId: APP_ID, appSecret: APP_SECRET });
  login.person = { id: 'fb-person-1', pages: [{ id: shopPage.id }, { id: blogPage.id }] };
  t = await startTestApp({
    env: {
      GRAPH_API_URL: graph.url,
      META_OAUTH_URL: graph.url,
      META_APP_ID: APP_ID,
      META_APP_SECRET: APP_SECRET,
      PUBLIC_URL,
    },
    configure: (config) => (config.pipeline.queue.pollMs = 50),
  });
});
afterAll(async () => {
  await t.stop();
  await graph.close();
});

const START = `mutation($platform: Platform!) { startMetaConnect(platform: $platform) { url } }`;
const PAGES = `query($id: String!) {
  metaConnectPages(choiceId: $id) { platform pages { id name picture instagramUsername unavailable } }
}`;
const COMPLETE = `mutation($id: String!, $page: String!) {
  completeMetaConnect(choiceId: $id, pageId: $page) {
    platform status platformData { pageName pageUsername profilePicture }
  }
}`;

/** The callback as the browser reaches it: PUBLIC_URL's path on the test server. */
async function callback(href: string): Promise<URL> {
  const url = new URL(href);
  expect(url.origin).toBe(PUBLIC_URL);
  const response = await fetch(`${t.url}${url.pathname}${url.search}`, { redirect: 'manual' });
  expect(response.status).toBe(303);
  return new URL(response.headers.get('location')!);
}

/** Opens the dialog as `owner` and follows one of its links back; the dashboard URL. */
async function loginAs(
  owner: AuthResult,
  platform: 'FACEBOOK' | 'INSTAGRAM',
  link: 'continue' | 'cancel' = 'continue',
): Promise<URL> {
  const started = await t.gql<{ startMetaConnect: { url: string } }>(
    START,
    { platform },
    {
      token: owner.accessToken,
    },
  );
  const dialog = new URL(started.data!.startMetaConnect.url);
  expect(dialog.origin + dialog.pathname).toBe(`${graph.url}/v26.0/dialog/oauth`);
  expect(dialog.searchParams.get('redirect_uri')).toBe(`${PUBLIC_URL}/auth/meta/callback`);
  expect(dialog.searchParams.get('client_id')).toBe(APP_ID);
  const html = await (await fetch(dialog)).text();
  return callback(consentLink(html, link));
}

const choiceOf = (back: URL) => {
  expect(back.origin + back.pathname).toBe(`${PUBLIC_URL}/integrations`);
  const id = back.searchParams.get('metaConnect');
  if (!id) throw new Error(`no choice: ${back.searchParams.get('metaConnectError')}`);
  return id;
};

test('Messenger: log in, pick the Page, and its webhooks reach the owner', async () => {
  const owner = await signUp(t);
  const as = { token: owner.accessToken };
  const choice = choiceOf(await loginAs(owner, 'FACEBOOK'));

  const offered = await t.gql(PAGES, { id: choice }, as);
  expect(offered.data).toEqual({
    metaConnectPages: {
      platform: 'FACEBOOK',
      pages: [
        {
          id: shopPage.id,
          name: 'Leather Loft',
          picture: 'https://cdn.test/loft.png',
          instagramUsername: 'leatherloft',
          unavailable: null,
        },
        {
          id: blogPage.id,
          name: 'Leather Loft Journal',
          picture: null,
          instagramUsername: null,
          unavailable: null,
        },
      ],
    },
  });
  // The Page tokens are sealed while they wait.
  const stored = await MetaConnectChoiceModel.findById(choice).lean();
  expect(stored!.pages[0]!.accessToken).not.toContain(shopPage.token);

  const done = await t.gql(COMPLETE, { id: choice, page: shopPage.id }, as);
  expect(done.errors).toBeUndefined();
  expect(done.data).toEqual({
    completeMetaConnect: {
      platform: 'FACEBOOK',
      status: 'CONNECTED',
      platformData: {
        pageName: 'Leather Loft',
        pageUsername: null,
        profilePicture: 'https://cdn.test/loft.png',
      },
    },
  });
  expect(login.subscriptions[shopPage.id]).toEqual(
    expect.arrayContaining([
      'messages',
      'messaging_postbacks',
      'message_echoes',
      'messaging_handovers',
    ]),
  );
  const integration = await IntegrationModel.findOne({
    userId: new Types.ObjectId(owner.user.id),
    platform: Platform.FACEBOOK,
  })
    .select('+credentials')
    .lean();
  expect(integration!.credentials!.pageId).toBe(shopPage.id);
  expect(openSecret(integration!.credentials!.pageAccessToken!, t.config.secretsKey)).toBe(
    shopPage.token,
  );
  // The choice is used up.
  expect(await MetaConnectChoiceModel.exists({ _id: choice })).toBeNull();
  expect((await t.gql(PAGES, { id: choice }, as)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');

  const response = await postWebhook(
    t.url,
    'facebook',
    messagingPayload('page', shopPage.id, [
      { customerId: '7700001', text: 'Is the tote in stock?' },
    ]),
  );
  expect(response.status).toBe(200);
  await eventually(
    async () => Boolean(await ChatModel.exists({ userId: owner.user.id, customerId: '7700001' })),
    10_000,
    'the chat of the webhook',
  );

  // Another Salesdesk account cannot attach the same Page; Meta is not even asked.
  const other = await signUp(t);
  const otherChoice = choiceOf(await loginAs(other, 'FACEBOOK'));
  const subscribeCalls = graph.requests.filter((r) => r.path.endsWith('/subscribed_apps')).length;
  const refused = await t.gql(
    COMPLETE,
    { id: otherChoice, page: shopPage.id },
    { token: other.accessToken },
  );
  expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(refused.errors?.[0]?.message).toMatch(/already connected to another Salesdesk account/);
  expect(graph.requests.filter((r) => r.path.endsWith('/subscribed_apps')).length).toBe(
    subscribeCalls,
  );
  expect(await IntegrationModel.exists({ userId: other.user.id })).toBeNull();
});

test("Instagram: the Page's Instagram account is connected; a Page without one cannot be picked", async () => {
  const owner = await signUp(t);
  const as = { token: owner.accessToken };
  login.person = { id: 'fb-person-2', pages: [{ id: studioPage.id }, { id: blogPage.id }] };
  const choice = choiceOf(await loginAs(owner, 'INSTAGRAM'));
  login.person = { id: 'fb-person-1', pages: [{ id: shopPage.id }, { id: blogPage.id }] };
  const offered = await t.gql<{
    metaConnectPages: { pages: { id: string; unavailable: string | null }[] };
  }>(PAGES, { id: choice }, as);
  expect(
    offered.data!.metaConnectPages.pages.find((p) => p.id === blogPage.id)!.unavailable,
  ).toMatch(/No Instagram professional account/);
  const refused = await t.gql(COMPLETE, { id: choice, page: blogPage.id }, as);
  expect(refused.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

  const done = await t.gql(COMPLETE, { id: choice, page: studioPage.id }, as);
  expect(done.errors).toBeUndefined();
  expect(done.data).toMatchObject({
    completeMetaConnect: {
      platform: 'INSTAGRAM',
      status: 'CONNECTED',
      platformData: { pageName: 'Loft Studio', pageUsername: 'loft.studio' },
    },
  });
  const stored = await IntegrationModel.findOne({
    userId: new Types.ObjectId(owner.user.id),
    platform: Platform.INSTAGRAM,
  })
    .select('+credentials')
    .lean();
  expect(stored!.credentials).toMatchObject({ pageId: studioPage.id, accountId: STUDIO_IG_ID });
  expect(login.subscriptions[studioPage.id]).toContain('messages');
});

describe('a state that is not good is refused, and nothing is stored', () => {
  const refusal = (back: URL) => {
    expect(back.searchParams.get('metaConnect')).toBeNull();
    return back.searchParams.get('metaConnectError');
  };

  test('tampered, replayed, expired, cancelled', async () => {
    const owner = await signUp(t);
    const started = await t.gql<{ startMetaConnect: { url: string } }>(
      START,
      { platform: 'FACEBOOK' },
      {
        token: owner.accessToken,
      },
    );
    const html = await (await fetch(started.data!.startMetaConnect.url)).text();
    const link = new URL(consentLink(html, 'continue'));
    const state = link.searchParams.get('state')!;
    const choicesBefore = await MetaConnectChoiceModel.countDocuments();

    const tampered = new URL(link);
    const [payload, signature] = state.split('.');
    const forged = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    forged.u = new Types.ObjectId().toHexString();
    tampered.searchParams.set(
      'state',
      `${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${signature}`,
    );
    expect(refusal(await callback(tampered.href))).toMatch(/could not be verified/);
    expect(refusal(await callback(link.href.replace(/state=[^&]+/, 'state=garbage')))).toMatch(
      /could not be verified/,
    );

    // The good one works once; the same state again is a replay.
    expect((await callback(link.href)).searchParams.get('metaConnect')).toBeTruthy();
    expect(refusal(await callback(link.href))).toMatch(/already used/);

    const expired = await issueState(
      t.config.secretsKey,
      new Types.ObjectId(owner.user.id),
      Platform.FACEBOOK,
      Date.now() - 11 * 60 * 1000,
    );
    const late = new URL(link);
    late.searchParams.set('state', expired);
    expect(refusal(await callback(late.href))).toMatch(/longer than 10 minutes/);

    expect(refusal(await loginAs(owner, 'FACEBOOK', 'cancel'))).toMatch(/cancelled/);
    expect(await MetaConnectChoiceModel.countDocuments()).toBe(choicesBefore + 1);
    expect(await MetaConnectStateModel.exists({ userId: owner.user.id })).toBeNull();
  });

  test("another user's login: NOT_FOUND to read it or to connect with it", async () => {
    const a = await signUp(t);
    const b = await signUp(t);
    const choice = choiceOf(await loginAs(a, 'FACEBOOK'));
    const read = await t.gql(PAGES, { id: choice }, { token: b.accessToken });
    expect(read.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const attach = await t.gql(
      COMPLETE,
      { id: choice, page: blogPage.id },
      { token: b.accessToken },
    );
    expect(attach.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await IntegrationModel.exists({ userId: b.user.id })).toBeNull();
    // Still A's to use.
    expect((await t.gql(PAGES, { id: choice }, { token: a.accessToken })).errors).toBeUndefined();
  });
});

test('with PUBLIC_URL set, the webhook setup shows the URLs to paste into Meta', async () => {
  const ready = await t.gql<{
    webhookSetup: { publicUrlProblem: string | null; endpoints: { url: string }[] };
  }>(
    '{ webhookSetup { publicUrlProblem endpoints { url } } }',
    {},
    { token: (await signUp(t)).accessToken },
  );
  expect(ready.data!.webhookSetup.publicUrlProblem).toBeNull();
  expect(ready.data!.webhookSetup.endpoints.map((endpoint) => endpoint.url)).toContain(
    `${PUBLIC_URL}/webhooks/facebook`,
  );
  const status = await t.gql<{ metaLoginStatus: { available: boolean } }>(
    '{ metaLoginStatus { available } }',
    {},
    { token: (await signUp(t)).accessToken },
  );
  expect(status.data!.metaLoginStatus.available).toBe(true);
});

const postForm = (path: string, signed: string) => postSignedRequest(t.url, path, signed);

test("Deauthorize and Data Deletion, signed by Meta, end what that person's login connected", async () => {
  const owner = await signUp(t);
  const as = { token: owner.accessToken };
  const connectOutlet = async () => {
    login.person = { id: 'fb-person-3', pages: [{ id: outletPage.id }] };
    const choice = choiceOf(await loginAs(owner, 'FACEBOOK'));
    login.person = { id: 'fb-person-1', pages: [{ id: shopPage.id }, { id: blogPage.id }] };
    const done = await t.gql(COMPLETE, { id: choice, page: outletPage.id }, as);
    expect(done.errors).toBeUndefined();
  };
  const stored = async () =>
    (await IntegrationModel.findOne({ 'credentials.pageId': outletPage.id })
      .select('+credentials')
      .lean())!;
  await connectOutlet();
  expect((await stored()).credentials.metaUserId).toBe('fb-person-3');

  const forged = await postForm(
    '/auth/meta/deauthorize',
    signedRequest('fb-person-3', 'not-the-secret'),
  );
  expect(forged.status).toBe(400);
  const refusal = (await forged.json()) as { errors: { extensions: { code: string } }[] };
  expect(refusal.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
  expect((await stored()).status).toBe(IntegrationStatus.CONNECTED);

  const deauthorized = await postForm('/auth/meta/deauthorize', signedRequest('fb-person-3'));
  expect(await deauthorized.json()).toEqual({ success: true, disconnected: 1 });
  const after = await stored();
  expect(after.status).toBe(IntegrationStatus.DISCONNECTED);
  expect(after.credentials.pageAccessToken).toBeUndefined();
  expect(after.errorLog.at(-1)!.error).toMatch(/removed Salesdesk from their Facebook account/);

  await connectOutlet();
  expect(
    (await postForm('/auth/meta/data-deletion', signedRequest('fb-person-3', 'x'))).status,
  ).toBe(400);
  const deletion = await postForm('/auth/meta/data-deletion', signedRequest('fb-person-3'));
  const answer = (await deletion.json()) as { url: string; confirmation_code: string };
  expect(answer.url).toBe(`${PUBLIC_URL}/auth/meta/deletion/${answer.confirmation_code}`);
  const deleted = await stored();
  expect(deleted.status).toBe(IntegrationStatus.DISCONNECTED);
  expect(deleted.credentials.metaUserId).toBeUndefined();
  expect(deleted.credentials.pageAccessToken).toBeUndefined();

  const page = await fetch(`${t.url}${new URL(answer.url).pathname}`);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain(answer.confirmation_code);
  expect(html).toContain('1 connected channel');
  expect((await fetch(`${t.url}/auth/meta/deletion/unknown-code`)).status).toBe(404);
});
