import { MetaAppModel } from '../../src/modules/metaApp/metaApp.model';
import { startGraphApiFixture, type GraphApiFixture } from '../support/graphApiFixture';
import { installAppSubscriptions, type MetaAppFixture } from '../support/metaAppFixture';
import { signBody } from '../../src/platforms/webhookSignature';
import { messagingPayload, postWebhook } from '../support/metaPayloads';
import { signUp, startTestApp, type AuthResult, type TestApp } from '../support/testApp';

/*
 * The admin's "Meta app" page on a server whose environment sets none of it: the operator
 * enters the app there, and "Subscribe webhooks" registers the callbacks with Meta.
 */

const PUBLIC_URL = 'https://desk.salesdesk.test';
const APP_ID = '770011223344';
const APP_SECRET = '3f6c9b2d5e8f1a4c7b0d3e6f9a2c5b8e';
const ADMIN = 'meta-app-admin@example.com';

let graph: GraphApiFixture;
let meta: MetaAppFixture;
let t: TestApp;
let admin: AuthResult;
let owner: AuthResult;

beforeAll(async () => {
  graph = await startGraphApiFixture();
  // Meta calls the public address; here that is the test server (what the tunnel does).
  meta = installAppSubscriptions(graph, { appId: APP_ID, appSecret: APP_SECRET }, (url) =>
    url.replace(PUBLIC_URL, t.url),
  );
  t = await startTestApp({ env: { GRAPH_API_URL: graph.url, ADMIN_EMAILS: ADMIN } });
  admin = await signUp(t, ADMIN);
  owner = await signUp(t);
});
afterAll(async () => {
  await t.stop();
  await graph.close();
});

const VALUE = 'variable value set source';
const VIEW = `
  appId { ${VALUE} } appSecret { ${VALUE} } loginConfigId { ${VALUE} }
  whatsappConfigId { ${VALUE} } publicUrl { ${VALUE} } verifyToken { ${VALUE} }
  publicUrlProblem loginRedirectUrl deauthorizeUrl dataDeletionUrl subscribeProblem
  webhooks { object platform fields callbackUrl subscribedAt error }`;
const READ = `{ metaApp { ${VIEW} } }`;
const UPDATE = `mutation($input: MetaAppInput!) { updateMetaApp(input: $input) { ${VIEW} } }`;
const SUBSCRIBE = `mutation { subscribeMetaWebhooks { ${VIEW} } }`;

interface Value {
  variable: string;
  value: string | null;
  set: boolean;
  source: string;
}
interface View {
  appId: Value;
  appSecret: Value;
  publicUrl: Value;
  verifyToken: Value;
  publicUrlProblem: string | null;
  loginRedirectUrl: string | null;
  dataDeletionUrl: string | null;
  subscribeProblem: string | null;
  webhooks: {
    object: string;
    fields: string[];
    callbackUrl: string | null;
    subscribedAt: string | null;
    error: string | null;
  }[];
}

/** A Messenger webhook signed with this app's secret. */
const signedWebhook = () => {
  const body = JSON.stringify(
    messagingPayload('page', '1100', [{ customerId: '2100', text: 'Hi' }]),
  );
  return postWebhook(t.url, 'facebook', body, signBody(body, APP_SECRET));
};

const read = async () =>
  (await t.gql<{ metaApp: View }>(READ, {}, { token: admin.accessToken })).data!.metaApp;

test('only admins see or change the Meta app', async () => {
  for (const [query, variables] of [
    [READ, {}],
    [UPDATE, { input: { appId: '1' } }],
    [SUBSCRIBE, {}],
  ] as const) {
    const answer = await t.gql(query, variables, { token: owner.accessToken });
    expect(answer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(query, variables)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  }
  expect(await read()).toMatchObject({ appId: { set: false } });
});

test('with nothing set, the page says what to do, and a verify token was generated once', async () => {
  const view = await read();
  expect(view.appId).toEqual({ variable: 'META_APP_ID', value: null, set: false, source: 'UNSET' });
  expect(view.publicUrlProblem).toMatch(/PUBLIC_URL is not set.*Meta app page/);
  expect(view.subscribeProblem).toMatch(/App ID and the App secret/);
  expect(view.loginRedirectUrl).toBeNull();
  expect(view.webhooks.map((hook) => hook.callbackUrl)).toEqual([null, null, null]);
  expect(view.verifyToken).toMatchObject({ set: true, source: 'STORED' });
  const token = view.verifyToken.value!;
  expect(token.length).toBeGreaterThanOrEqual(32);
  // Stored sealed, and the same after a reload (another server would read the same one).
  const stored = await MetaAppModel.findById('meta-app').lean();
  expect(stored?.verifyToken).toMatch(/^v1\./);
  await t.app.services.metaAppSettings.refresh();
  expect((await read()).verifyToken.value).toBe(token);
  // Meta's handshake works with it, and owners' webhook panel shows the same one.
  const challenge = await fetch(
    `${t.url}/webhooks/facebook?hub.mode=subscribe&hub.challenge=42&hub.verify_token=${token}`,
  );
  expect([challenge.status, await challenge.text()]).toEqual([200, '42']);
  const setup = await t.gql<{ webhookSetup: { verifyToken: string } }>(
    '{ webhookSetup { verifyToken } }',
    {},
    { token: owner.accessToken },
  );
  expect(setup.data!.webhookSetup.verifyToken).toBe(token);
});

test('bad values are refused field by field and nothing is stored', async () => {
  const before = await read();
  const answer = await t.gql(
    UPDATE,
    { input: { appId: 'my-app', appSecret: APP_SECRET, publicUrl: 'http://127.0.0.1:4000' } },
    { token: admin.accessToken },
  );
  expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  const fields = answer.errors?.[0]?.extensions?.fields as { path: string }[];
  expect(fields.map((field) => field.path)).toEqual(['appId', 'publicUrl']);
  expect(answer.errors?.[0]?.message).toMatch(/digits.*https/);
  expect(await read()).toEqual(before);
  // A webhook signed with the secret that was refused is still refused.
  expect((await signedWebhook()).status).toBe(503);
});

test('entered values take effect at once: the secret sealed and never read back', async () => {
  const view = (
    await t.gql<{ updateMetaApp: View }>(
      UPDATE,
      { input: { appId: ` ${APP_ID} `, appSecret: APP_SECRET, publicUrl: `${PUBLIC_URL}/` } },
      { token: admin.accessToken },
    )
  ).data!.updateMetaApp;
  expect(view.appId).toMatchObject({ value: APP_ID, source: 'STORED' });
  expect(view.appSecret).toEqual({
    variable: 'META_APP_SECRET',
    value: null,
    set: true,
    source: 'STORED',
  });
  expect(view.publicUrl.value).toBe(PUBLIC_URL);
  expect(view.publicUrlProblem).toBeNull();
  expect(view.subscribeProblem).toBeNull();
  expect(view.loginRedirectUrl).toBe(`${PUBLIC_URL}/auth/meta/callback`);
  expect(view.dataDeletionUrl).toBe(`${PUBLIC_URL}/auth/meta/data-deletion`);
  expect(view.webhooks.map((hook) => hook.callbackUrl)).toEqual([
    `${PUBLIC_URL}/webhooks/facebook`,
    `${PUBLIC_URL}/webhooks/instagram`,
    `${PUBLIC_URL}/webhooks/whatsapp`,
  ]);
  const stored = await MetaAppModel.findById('meta-app').lean();
  expect(stored?.appSecret).toMatch(/^v1\./);
  expect(JSON.stringify(stored)).not.toContain(APP_SECRET);
  // Signed webhooks are accepted now; owners are offered Continue with Facebook.
  expect((await signedWebhook()).status).toBe(200);
  const status = await t.gql<{ metaLoginStatus: { available: boolean } }>(
    '{ metaLoginStatus { available } }',
    {},
    { token: owner.accessToken },
  );
  expect(status.data!.metaLoginStatus.available).toBe(true);
});

test('Subscribe webhooks registers every object with Meta, which checks the callback first', async () => {
  const view = (
    await t.gql<{ subscribeMetaWebhooks: View }>(SUBSCRIBE, {}, { token: admin.accessToken })
  ).data!.subscribeMetaWebhooks;
  expect(view.webhooks.map((hook) => [hook.object, hook.error])).toEqual([
    ['page', null],
    ['instagram', null],
    ['whatsapp_business_account', null],
  ]);
  expect(view.webhooks.every((hook) => hook.subscribedAt !== null)).toBe(true);
  expect(meta.subscriptions.page).toEqual({
    callbackUrl: `${PUBLIC_URL}/webhooks/facebook`,
    fields: view.webhooks[0]!.fields,
    verifyToken: view.verifyToken.value,
  });
  expect(meta.subscriptions.page!.fields).toEqual(
    expect.arrayContaining(['messages', 'message_echoes']),
  );
  expect(meta.subscriptions.whatsapp_business_account!.fields).toEqual(['messages']);
});

test("Meta's refusal is shown per object, and a changed address is not shown as subscribed", async () => {
  // Meta reaches the new address, but nothing answers the handshake there.
  await t.gql(
    UPDATE,
    { input: { publicUrl: 'https://elsewhere.salesdesk.test' } },
    { token: admin.accessToken },
  );
  expect((await read()).webhooks.every((hook) => hook.subscribedAt === null)).toBe(true);
  const view = (
    await t.gql<{ subscribeMetaWebhooks: View }>(SUBSCRIBE, {}, { token: admin.accessToken })
  ).data!.subscribeMetaWebhooks;
  expect(view.webhooks.every((hook) => /Callback verification failed/.test(hook.error ?? ''))).toBe(
    true,
  );
  expect(view.webhooks.every((hook) => hook.subscribedAt === null)).toBe(true);
});

test('clearing the secret stops signed webhooks again', async () => {
  await t.gql(UPDATE, { input: { appSecret: '' } }, { token: admin.accessToken });
  const view = await read();
  expect(view.appSecret).toMatchObject({ set: false, source: 'UNSET' });
  expect(view.subscribeProblem).toMatch(/App secret/);
  expect((await signedWebhook()).status).toBe(503);
});
