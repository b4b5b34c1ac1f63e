import { signUp, startTestApp, type TestApp } from '../support/testApp';

/* A server Meta could not reach (PUBLIC_URL on a local address): nothing is offered that would fail. */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({
    env: {
      META_APP_ID: '990011223344',
      META_APP_SECRET: 'secret',
      PUBLIC_URL: 'http://127.0.0.1:4000',
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
