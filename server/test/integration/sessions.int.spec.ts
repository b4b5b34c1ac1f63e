import jwt from 'jsonwebtoken';
import { Sessions } from '../../src/auth/sessions';
import { SessionModel } from '../../src/modules/users/session.model';
import { signUp, startTestApp, type AuthResult, type TestApp } from '../support/testApp';
import { closeCodeOf } from '../support/wsSubscriber';

/**
 * Sessions end when the owner ends them: logout, logout everywhere and a password change
 * stop the access tokens already issued (not only the refresh tokens), over HTTP at the
 * next request and over WebSocket at once.
 */
const PASSWORD = 'correct horse battery';
const ME = '{ me { id email } }';
const LOGOUT = 'mutation($refreshToken: String) { logout(refreshToken: $refreshToken) }';
const LOGIN = `mutation($input: LoginInput!) {
  login(input: $input) { accessToken refreshToken user { id email role } }
}`;
const CHANGE_PASSWORD = `mutation($input: ChangePasswordInput!) {
  changePassword(input: $input) { accessToken refreshToken }
}`;

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

const codeOf = (response: { errors?: { extensions?: { code?: string } }[] }) =>
  response.errors?.[0]?.extensions?.code;

async function secondLogin(session: AuthResult): Promise<AuthResult> {
  const response = await t.gql<{ login: AuthResult }>(LOGIN, {
    input: { email: session.user.email, password: PASSWORD },
  });
  return response.data!.login;
}

/** Connects a socket of the session, then resolves how and how fast it was closed. */
async function openSocket(accessToken: string) {
  const client = t.wsClient(accessToken);
  const closed = closeCodeOf(client);
  // The subscription is set up once its first event can arrive: wait for the connection.
  await new Promise<void>((resolve) => client.on('connected', () => resolve()));
  return {
    closed: async () => {
      const started = performance.now();
      const event = await closed;
      return { ...event, afterMs: performance.now() - started };
    },
  };
}

test('logout with a refresh token ends that session: its access token stops at once', async () => {
  const session = await signUp(t);
  const other = await secondLogin(session);
  expect((await t.gql(ME, {}, { token: session.accessToken })).errors).toBeUndefined();

  await t.gql(LOGOUT, { refreshToken: session.refreshToken });

  const after = await t.gql(ME, {}, { token: session.accessToken });
  expect(codeOf(after)).toBe('UNAUTHENTICATED');
  expect(after.errors?.[0]?.message).toBe('Your session has ended. Sign in again.');
  // The other session of the same account goes on.
  expect((await t.gql(ME, {}, { token: other.accessToken })).errors).toBeUndefined();
});

test('logout everywhere ends every session and closes their sockets with 4401 within 1 s', async () => {
  const session = await signUp(t);
  const other = await secondLogin(session);
  const socket = await openSocket(other.accessToken);

  const started = performance.now();
  await t.gql(LOGOUT, {}, { token: session.accessToken });
  const { code, reason } = await socket.closed();
  expect(code).toBe(4401);
  expect(reason).toBe('Unauthorized: session ended');
  expect(performance.now() - started).toBeLessThan(1000);

  for (const token of [session.accessToken, other.accessToken]) {
    expect(codeOf(await t.gql(ME, {}, { token }))).toBe('UNAUTHENTICATED');
  }
  // A socket opened later with the ended session's token is refused the same way.
  const late = await closeCodeOf(t.wsClient(other.accessToken));
  expect(late.code).toBe(4401);
});

test('changePassword ends the old sessions, the caller’s own included, and starts a new one', async () => {
  const session = await signUp(t);
  const socket = await openSocket(session.accessToken);
  const changed = await t.gql<{ changePassword: { accessToken: string } }>(
    CHANGE_PASSWORD,
    { input: { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' } },
    { token: session.accessToken },
  );
  expect(changed.errors).toBeUndefined();
  expect((await socket.closed()).code).toBe(4401);
  expect(codeOf(await t.gql(ME, {}, { token: session.accessToken }))).toBe('UNAUTHENTICATED');
  const fresh = changed.data!.changePassword.accessToken;
  expect((await t.gql(ME, {}, { token: fresh })).errors).toBeUndefined();
});

test('a stolen refresh token used twice ends the session, access tokens included', async () => {
  const session = await signUp(t);
  const REFRESH = 'mutation($token: String!) { refreshToken(token: $token) { accessToken } }';
  const first = await t.gql<{ refreshToken: { accessToken: string } }>(REFRESH, {
    token: session.refreshToken,
  });
  const rotated = first.data!.refreshToken.accessToken;
  expect(codeOf(await t.gql(REFRESH, { token: session.refreshToken }))).toBe('UNAUTHENTICATED');
  expect(codeOf(await t.gql(ME, {}, { token: rotated }))).toBe('UNAUTHENTICATED');
});

test('an active session is checked from the cache: no database read per request', async () => {
  const session = await signUp(t);
  const counts = t.app.services.sessions.counts;
  const before = { ...counts };
  for (let i = 0; i < 20; i++) await t.gql(ME, {}, { token: session.accessToken });
  expect(counts.lookedUp - before.lookedUp).toBe(0);
  expect(counts.cached - before.cached).toBe(20);
});

test('a session missing from the database (pruned) counts as ended once the cache asks', async () => {
  const session = await signUp(t);
  const { sid } = jwt.decode(session.accessToken) as { sid: string };
  await SessionModel.deleteOne({ _id: sid });
  // A process that has not seen this session yet (another replica, or after a restart).
  const elsewhere = new Sessions(t.app.pubsub, t.app.logger);
  expect(await elsewhere.isActive(sid)).toBe(false);
  expect(elsewhere.counts.lookedUp).toBe(1);
});
