import { signUp, startTestApp, type TestApp } from '../support/testApp';

/* A server Meta could not reach (PUBLIC_URL on a local address): nothing is offered that would fail. */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({
    env: {
      META_APP_ID: '990011223344',
      META_APP_SECRET: 'secret',
      PUBLIC_URL: 'http://127.0.0.1:4000',
      ADMIN_EMAILS: 'setup-admin@example.com',
    },
  });
});
afterAll(() => t.stop());

const START = `mutation($platform: Platform!) { startMetaConnect(platform: $platform) { url } }`;

test('without a usable PUBLIC_URL the login is not offered, and the operator is told why', async () => {
  const as = { token: (await signUp(t)).accessToken };
  const status = await t.gql<{ metaLoginStatus: { available: boolean; problem: string } }>(
    '{ metaLoginStatus { available problem } }',
    {},
    as,
  );
  expect(status.data!.metaLoginStatus.available).toBe(false);
  expect(status.data!.metaLoginStatus.problem).toMatch(/PUBLIC_URL must start with https/);
  const start = await t.gql(START, { platform: 'FACEBOOK' }, as);
  expect(start.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(start.errors?.[0]?.message).toMatch(/PUBLIC_URL/);
  const setup = await t.gql<{
    webhookSetup: { publicUrlProblem: string; endpoints: { url: string | null }[] };
  }>('{ webhookSetup { publicUrlProblem endpoints { url } } }', {}, as);
  expect(setup.data!.webhookSetup.publicUrlProblem).toMatch(/https/);
  expect(setup.data!.webhookSetup.endpoints.every((endpoint) => endpoint.url === null)).toBe(true);
});

test('WhatsApp is not connected through the Facebook login', async () => {
  const as = { token: (await signUp(t)).accessToken };
  const start = await t.gql(START, { platform: 'WHATSAPP' }, as);
  expect(start.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
});

test('the callback without a login to finish sends the owner back with the reason', async () => {
  const response = await fetch(`${t.url}/auth/meta/callback?code=abc&state=forged`, {
    redirect: 'manual',
  });
  expect(response.status).toBe(303);
  const back = new URL(response.headers.get('location')!, t.url);
  expect(back.pathname).toBe('/integrations');
  expect(back.searchParams.get('metaConnectError')).toMatch(/could not be verified/);
});

test("the environment wins over the admin's Meta app page, which says so and refuses changes", async () => {
  const as = { token: (await signUp(t, 'setup-admin@example.com')).accessToken };
  const view = await t.gql<{
    metaApp: {
      appId: { value: string; source: string };
      appSecret: { value: string | null; source: string };
      loginConfigId: { source: string };
      publicUrlProblem: string;
      subscribeProblem: string;
    };
  }>(
    '{ metaApp { appId { value source } appSecret { value source } loginConfigId { source } publicUrlProblem subscribeProblem } }',
    {},
    as,
  );
  expect(view.data!.metaApp).toEqual({
    appId: { value: '990011223344', source: 'ENVIRONMENT' },
    appSecret: { value: null, source: 'ENVIRONMENT' },
    loginConfigId: { source: 'UNSET' },
    publicUrlProblem: expect.stringMatching(/https/),
    subscribeProblem: expect.stringMatching(/https/),
  });
  const update = await t.gql(
    'mutation($input: MetaAppInput!) { updateMetaApp(input: $input) { appId { value } } }',
    { input: { appId: '1234', loginConfigId: '5678' } },
    as,
  );
  expect(update.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(update.errors?.[0]?.message).toMatch(/META_APP_ID is set in the server's environment/);
  const subscribe = await t.gql('mutation { subscribeMetaWebhooks { subscribeProblem } }', {}, as);
  expect(subscribe.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  // Nothing of the refused change was stored: the configuration id is still unset.
  const after = await t.gql<{ metaApp: { loginConfigId: { source: string } } }>(
    '{ metaApp { loginConfigId { source } } }',
    {},
    as,
  );
  expect(after.data!.metaApp.loginConfigId.source).toBe('UNSET');
});
