import { SIGNUP, signUp, startTestApp, uniqueEmail, type TestApp } from '../support/testApp';

const LOGIN = /* GraphQL */ `
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      accessToken
    }
  }
`;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({
    configure: (config) => {
      config.limits.authFailuresPerEmailAndIp = 3;
      config.limits.authAttemptsPerIp = 8;
    },
  });
});
afterAll(() => t.stop());

const codeOf = (response: { errors?: { extensions?: { code?: string } }[] }) =>
  response.errors?.[0]?.extensions?.code;

test('logins past the per-email limit answer RATE_LIMITED, even with the right password', async () => {
  const email = uniqueEmail();
  await signUp(t, email, 'the right password');
  for (let attempt = 0; attempt < 3; attempt++) {
    expect(codeOf(await t.gql(LOGIN, { input: { email, password: 'wrong password' } }))).toBe(
      'UNAUTHENTICATED',
    );
  }
  const limited = await t.gql(LOGIN, { input: { email, password: 'the right password' } });
  expect(codeOf(limited)).toBe('RATE_LIMITED');
  expect(limited.errors?.[0]?.message).toMatch(/Too many attempts\. Try again in \d+ seconds\./);
  expect(limited.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
});

test('the limit message is the same for unknown emails: it reveals no account', async () => {
  const known = uniqueEmail();
  await signUp(t, known, 'the right password');
  const unknown = uniqueEmail('ghost');
  const last = async (email: string) => {
    let response;
    for (let attempt = 0; attempt < 4; attempt++) {
      response = await t.gql(LOGIN, { input: { email, password: 'wrong password' } });
    }
    return response!;
  };
  const [knownLimited, unknownLimited] = [await last(known), await last(unknown)];
  expect(codeOf(knownLimited)).toBe('RATE_LIMITED');
  expect(codeOf(unknownLimited)).toBe('RATE_LIMITED');
  const strip = (message?: string) => message?.replace(/\d+ seconds/, 'N seconds');
  expect(strip(knownLimited.errors?.[0]?.message)).toBe(strip(unknownLimited.errors?.[0]?.message));
});

test('signups past the per-IP limit answer RATE_LIMITED and create nothing', async () => {
  // Earlier tests in this file used some of this IP's signup budget: spend the rest.
  let response;
  const emails: string[] = [];
  for (let attempt = 0; attempt < 8; attempt++) {
    const email = uniqueEmail('burst');
    emails.push(email);
    response = await t.gql(SIGNUP, { input: { email, password: 'a good password' } });
    if (codeOf(response) === 'RATE_LIMITED') break;
  }
  expect(codeOf(response!)).toBe('RATE_LIMITED');
  const refused = emails[emails.length - 1]!;
  const login = await t.gql(LOGIN, { input: { email: refused, password: 'a good password' } });
  expect(login.errors?.[0]?.message).not.toMatch(/^$/);
  expect(login.data?.login ?? null).toBeNull();
});
