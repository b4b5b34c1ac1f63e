import { signUp, startTestApp, uniqueEmail, type TestApp } from '../support/testApp';

/**
 * Limits an attacker cannot turn against the owner. The app sits behind one proxy
 * (TRUST_PROXY=1), which appends the client's address to X-Forwarded-For as nginx does;
 * the test plays that proxy, so each request can come from another address.
 */
const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { accessToken } }';
const REFRESH = 'mutation($token: String!) { refreshToken(token: $token) { accessToken } }';
const PASSWORD = 'the right password';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({
    env: { TRUST_PROXY: '1' },
    configure: (config) => {
      config.limits.authFailuresPerEmailAndIp = 5;
      config.limits.authFailuresPerEmail = 20;
      config.limits.authAttemptsPerIp = 1000;
    },
  });
});
afterAll(() => t.stop());

const codeOf = (response: { errors?: { extensions?: { code?: string } }[] }) =>
  response.errors?.[0]?.extensions?.code;

/** A login as it reaches the app through the proxy from `address`. */
const loginFrom = (address: string, email: string, password: string, token?: string) =>
  t.gql(LOGIN, { input: { email, password } }, { token, headers: { 'x-forwarded-for': address } });

test('a stranger’s failures from one address do not lock the owner out of theirs', async () => {
  const email = uniqueEmail();
  await signUp(t, email, PASSWORD);
  for (let i = 0; i < 5; i++) {
    expect(codeOf(await loginFrom('203.0.113.7', email, 'guess'))).toBe('UNAUTHENTICATED');
  }
  // That address is done guessing, even with the right password...
  expect(codeOf(await loginFrom('203.0.113.7', email, PASSWORD))).toBe('RATE_LIMITED');
  // ...and the owner, at home, signs in.
  expect((await loginFrom('198.51.100.20', email, PASSWORD)).errors).toBeUndefined();
});

test('successful logins never count against the account', async () => {
  const email = uniqueEmail();
  await signUp(t, email, PASSWORD);
  for (let i = 0; i < 8; i++) {
    expect((await loginFrom('198.51.100.21', email, PASSWORD)).errors).toBeUndefined();
  }
});

test('a guess farm over many addresses trips the loose per-email limit, but not for a browser holding a session', async () => {
  const email = uniqueEmail();
  const owner = await signUp(t, email, PASSWORD);
  for (let i = 0; i < 20; i++) {
    const address = `192.0.2.${i + 1}`;
    expect(codeOf(await loginFrom(address, email, 'guess'))).toBe('UNAUTHENTICATED');
  }
  // A new browser without a session waits for the window...
  expect(codeOf(await loginFrom('198.51.100.30', email, PASSWORD))).toBe('RATE_LIMITED');
  // ...the owner's browser, which holds a session, signs in again all the same...
  const relogin = await loginFrom('198.51.100.31', email, PASSWORD, owner.accessToken);
  expect(relogin.errors).toBeUndefined();
  // ...and its session keeps refreshing: strangers' failures never touch it.
  expect((await t.gql(REFRESH, { token: owner.refreshToken })).errors).toBeUndefined();
});

test('a spoofed X-Forwarded-For is not believed: the proxy’s own entry is the address', async () => {
  const email = uniqueEmail();
  await signUp(t, email, PASSWORD);
  // The attacker writes a new address first each time; the proxy appends the real one.
  for (let i = 0; i < 5; i++) {
    const response = await loginFrom(`10.9.9.${i}, 203.0.113.99`, email, 'guess');
    expect(codeOf(response)).toBe('UNAUTHENTICATED');
  }
  expect(codeOf(await loginFrom('10.9.9.200, 203.0.113.99', email, PASSWORD))).toBe('RATE_LIMITED');
});
