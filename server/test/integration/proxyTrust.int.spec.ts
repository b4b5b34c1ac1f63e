import { signUp, startTestApp, uniqueEmail, type TestApp } from '../support/testApp';

/**
 * X-Forwarded-For is believed only from the proxies TRUST_PROXY names. Here the named
 * proxy is 10.0.0.1 and the requests come straight from 127.0.0.1, as an attacker's would:
 * rotating the header buys no more guesses.
 */
const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { accessToken } }';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({
    env: { TRUST_PROXY: '10.0.0.1' },
    configure: (config) => {
      config.limits.authFailuresPerEmailAndIp = 3;
    },
  });
});
afterAll(() => t.stop());

const codeOf = (response: { errors?: { extensions?: { code?: string } }[] }) =>
  response.errors?.[0]?.extensions?.code;

test('a forged X-Forwarded-For from a client that is not a named proxy is ignored', async () => {
  const email = uniqueEmail();
  await signUp(t, email, 'the right password');
  const from = (address: string, password: string) =>
    t.gql(LOGIN, { input: { email, password } }, { headers: { 'x-forwarded-for': address } });
  for (let attempt = 0; attempt < 3; attempt++) {
    expect(codeOf(await from(`192.0.2.${attempt}`, 'wrong password'))).toBe('UNAUTHENTICATED');
  }
  expect(codeOf(await from('192.0.2.250', 'the right password'))).toBe('RATE_LIMITED');
});
