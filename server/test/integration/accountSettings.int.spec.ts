import { UserModel } from '../../src/modules/users/user.model';
import { signUp, startTestApp, uniqueEmail, type TestApp } from '../support/testApp';

const CHANGE_PASSWORD = /* GraphQL */ `
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input) {
      accessToken
      refreshToken
      user {
        email
      }
    }
  }
`;
const LOGIN = /* GraphQL */ `
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      accessToken
    }
  }
`;
const REFRESH = /* GraphQL */ `
  mutation Refresh($token: String!) {
    refreshToken(token: $token) {
      accessToken
    }
  }
`;
const WEBHOOK_SETUP = /* GraphQL */ `
  {
    webhookSetup {
      verifyToken
      signatureConfigured
      endpoints {
        platform
        path
      }
    }
  }
`;

const OLD = 'correct horse battery';
const NEW = 'staple battery horse correct';
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({
    env: { WEBHOOK_VERIFY_TOKEN: 'verify-me-please', META_APP_SECRET: 'app-secret-for-tests' },
  });
});
afterAll(() => t.stop());

type Session = { accessToken: string; refreshToken: string };
const hashOf = async (email: string) =>
  (await UserModel.findOne({ email }).select('+password').lean())!.password;

test('changePassword: the new password logs in, the old does not, old sessions end', async () => {
  const email = uniqueEmail();
  const first = await signUp(t, email, OLD);
  const other = await signUp(t, uniqueEmail());
  const otherHash = await hashOf(other.user.email);
  const changed = await t.gql<{ changePassword: Session }>(
    CHANGE_PASSWORD,
    { input: { currentPassword: OLD, newPassword: NEW } },
    { token: first.accessToken },
  );
  expect(changed.errors).toBeUndefined();
  expect(changed.data!.changePassword.refreshToken).not.toBe(first.refreshToken);

  const login = (password: string) => t.gql(LOGIN, { input: { email, password } });
  expect((await login(OLD)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  expect((await login(NEW)).errors).toBeUndefined();
  // The session from before the change is over; the one it returned works.
  const stale = await t.gql(REFRESH, { token: first.refreshToken });
  expect(stale.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  const fresh = await t.gql(REFRESH, { token: changed.data!.changePassword.refreshToken });
  expect(fresh.errors).toBeUndefined();
  // Only the caller's password moved.
  expect(await hashOf(other.user.email)).toBe(otherHash);
});

test('changePassword: a wrong current password or a weak new one is refused, nothing changes', async () => {
  const email = uniqueEmail();
  const session = await signUp(t, email, OLD);
  const before = await hashOf(email);
  const attempt = (input: Record<string, string>) =>
    t.gql(CHANGE_PASSWORD, { input }, { token: session.accessToken });

  const wrong = await attempt({ currentPassword: 'not it at all', newPassword: NEW });
  expect(wrong.errors?.[0]?.extensions).toMatchObject({
    code: 'BAD_USER_INPUT',
    fields: [{ path: 'currentPassword', messages: ['Your current password is not correct.'] }],
  });
  const weak = await attempt({ currentPassword: OLD, newPassword: 'short' });
  expect(weak.errors?.[0]?.extensions).toMatchObject({
    code: 'BAD_USER_INPUT',
    fields: [{ path: 'newPassword' }],
  });
  const same = await attempt({ currentPassword: OLD, newPassword: OLD });
  expect(same.errors?.[0]?.extensions?.fields).toEqual([
    { path: 'newPassword', messages: ['Choose a password different from the current one.'] },
  ]);
  expect(await hashOf(email)).toBe(before);
  expect((await t.gql(REFRESH, { token: session.refreshToken })).errors).toBeUndefined();
  const anonymous = await t.gql(CHANGE_PASSWORD, {
    input: { currentPassword: OLD, newPassword: NEW },
  });
  expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
});

test('webhookSetup gives signed-in owners the paths and the verify token to paste into Meta', async () => {
  const session = await signUp(t);
  const setup = await t.gql(WEBHOOK_SETUP, {}, { token: session.accessToken });
  expect(setup.data).toEqual({
    webhookSetup: {
      verifyToken: 'verify-me-please',
      signatureConfigured: true,
      endpoints: [
        { platform: 'FACEBOOK', path: '/webhooks/facebook' },
        { platform: 'INSTAGRAM', path: '/webhooks/instagram' },
        { platform: 'WHATSAPP', path: '/webhooks/whatsapp' },
      ],
    },
  });
  expect((await t.gql(WEBHOOK_SETUP)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
});
