import jwt from 'jsonwebtoken';
import {
  SIGNUP,
  TEST_JWT_SECRET,
  signUp,
  startTestApp,
  uniqueEmail,
  type AuthResult,
  type TestApp,
} from '../support/testApp';

const LOGIN = /* GraphQL */ `
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      accessToken
      refreshToken
      user {
        id
        email
        role
      }
    }
  }
`;
const REFRESH = /* GraphQL */ `
  mutation Refresh($token: String!) {
    refreshToken(token: $token) {
      accessToken
      refreshToken
      user {
        email
      }
    }
  }
`;
const LOGOUT = /* GraphQL */ `
  mutation Logout($token: String) {
    logout(refreshToken: $token)
  }
`;
const ME = /* GraphQL */ `
  {
    me {
      id
      email
      role
      onboardingCompleted
      businessInfo {
        documents {
          name
        }
      }
      globalAI {
        trained
      }
    }
  }
`;

const PASSWORD = 'correct horse battery';
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({
    env: { ADMIN_EMAILS: 'Boss@Example.com' },
    configure: (config) => {
      config.limits.authFailuresPerEmailAndIp = 1000;
    },
  });
});
afterAll(() => t.stop());

const codeOf = (response: { errors?: { extensions?: { code?: string } }[] }) =>
  response.errors?.[0]?.extensions?.code;

describe('signup, login and me', () => {
  test('a new account gets tokens, and me returns its profile without the password', async () => {
    const email = uniqueEmail();
    const session = await signUp(t, email.toUpperCase());
    expect(session.user).toMatchObject({ email, role: 'USER' });
    expect(session.accessToken.split('.')).toHaveLength(3);

    const me = await t.gql(ME, {}, { token: session.accessToken });
    expect(me.data?.me).toMatchObject({
      id: session.user.id,
      email,
      role: 'USER',
      onboardingCompleted: false,
      businessInfo: { documents: [] },
      globalAI: { trained: false },
    });

    const login = await t.gql<{ login: AuthResult }>(LOGIN, {
      input: { email, password: PASSWORD },
    });
    expect(login.data?.login.user.id).toBe(session.user.id);
  });

  test('the access token is HS256 with sub, email and role and lives 15 minutes', async () => {
    const session = await signUp(t);
    const decoded = jwt.decode(session.accessToken, { complete: true });
    expect(decoded?.header.alg).toBe('HS256');
    const payload = decoded?.payload as jwt.JwtPayload;
    expect(payload).toMatchObject({
      sub: session.user.id,
      email: session.user.email,
      role: 'user',
    });
    expect(payload.exp! - payload.iat!).toBe(15 * 60);
  });

  test('emails listed in ADMIN_EMAILS sign up as admins', async () => {
    const admin = await signUp(t, 'boss@example.com');
    expect(admin.user.role).toBe('ADMIN');
  });

  test('signing up twice with one email is refused and keeps the first account', async () => {
    const email = uniqueEmail();
    const first = await signUp(t, email);
    const again = await t.gql(SIGNUP, { input: { email, password: 'another password' } });
    expect(codeOf(again)).toBe('BAD_USER_INPUT');
    expect(again.errors?.[0]?.message).toMatch(/already exists/);
    const login = await t.gql<{ login: AuthResult }>(LOGIN, {
      input: { email, password: PASSWORD },
    });
    expect(login.data?.login.user.id).toBe(first.user.id);
  });

  test.each([
    ['7 bytes', 'short77'],
    ['73 bytes', 'x'.repeat(73)],
  ])(
    'a password of %s is refused with BAD_USER_INPUT and no account is made',
    async (_, password) => {
      const email = uniqueEmail();
      const response = await t.gql(SIGNUP, { input: { email, password } });
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0]?.message).toMatch(/8 to 72 bytes/);
      const login = await t.gql(LOGIN, { input: { email, password } });
      expect(codeOf(login)).toBe('UNAUTHENTICATED');
    },
  );

  test('an invalid email is refused with a clear message', async () => {
    const response = await t.gql(SIGNUP, { input: { email: 'not-an-email', password: PASSWORD } });
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/valid email/);
  });

  test('a wrong password and an unknown email get the same error', async () => {
    const email = uniqueEmail();
    await signUp(t, email);
    const wrongPassword = await t.gql(LOGIN, { input: { email, password: 'wrong password!' } });
    const unknownEmail = await t.gql(LOGIN, {
      input: { email: uniqueEmail('nobody'), password: PASSWORD },
    });
    expect(wrongPassword.errors).toEqual(unknownEmail.errors);
    expect(codeOf(wrongPassword)).toBe('UNAUTHENTICATED');
    expect(wrongPassword.errors?.[0]?.message).toBe('Email or password is incorrect.');
  });

  test('me without a token answers UNAUTHENTICATED', async () => {
    const response = await t.gql(ME);
    expect(codeOf(response)).toBe('UNAUTHENTICATED');
    expect(response.data?.me ?? null).toBeNull();
  });
});

describe('password hashes never leave the server', () => {
  test('password cannot be selected on User', async () => {
    const session = await signUp(t);
    const response = await t.gql('{ me { email password } }', {}, { token: session.accessToken });
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/Cannot query field "password"/);
    expect(JSON.stringify(response)).not.toMatch(/\$2[aby]\$/);
  });

  test('no type in the schema has a password or token-hash field', async () => {
    const response = await t.gql<{
      __schema: { types: { name: string; fields: { name: string }[] | null }[] };
    }>('{ __schema { types { name fields { name } } } }');
    // Output types only: Mutation's fields are operations (changePassword), not data.
    const fields = response
      .data!.__schema.types.filter((type) => type.name !== 'Mutation')
      .flatMap((type) => (type.fields ?? []).map((field) => `${type.name}.${field.name}`));
    expect(fields).toContain('User.email');
    expect(fields.filter((name) => /password|tokenHash|credentials/i.test(name))).toEqual([]);
  });
});

describe('refresh tokens', () => {
  test('each refresh rotates the pair; the new access token works', async () => {
    const session = await signUp(t);
    const first = await t.gql<{ refreshToken: AuthResult }>(REFRESH, {
      token: session.refreshToken,
    });
    const rotated = first.data!.refreshToken;
    expect(rotated.refreshToken).not.toBe(session.refreshToken);
    const me = await t.gql(ME, {}, { token: rotated.accessToken });
    expect(me.data?.me).toMatchObject({ email: session.user.email });
    const second = await t.gql<{ refreshToken: AuthResult }>(REFRESH, {
      token: rotated.refreshToken,
    });
    expect(second.data?.refreshToken.refreshToken).toBeTruthy();
  });

  test('reusing an old refresh token revokes the whole family', async () => {
    const session = await signUp(t);
    const rotated = (
      await t.gql<{ refreshToken: AuthResult }>(REFRESH, { token: session.refreshToken })
    ).data!.refreshToken;

    const replay = await t.gql(REFRESH, { token: session.refreshToken });
    expect(codeOf(replay)).toBe('UNAUTHENTICATED');

    // The thief's replay also ends the legitimate holder's newer token.
    const victim = await t.gql(REFRESH, { token: rotated.refreshToken });
    expect(codeOf(victim)).toBe('UNAUTHENTICATED');

    // Another login (another family) is unaffected.
    const other = await t.gql<{ login: AuthResult }>(LOGIN, {
      input: { email: session.user.email, password: PASSWORD },
    });
    const otherRefresh = await t.gql(REFRESH, { token: other.data!.login.refreshToken });
    expect(otherRefresh.errors).toBeUndefined();
  });

  test('two concurrent uses of one token: exactly one wins', async () => {
    const session = await signUp(t);
    const results = await Promise.all([
      t.gql(REFRESH, { token: session.refreshToken }),
      t.gql(REFRESH, { token: session.refreshToken }),
    ]);
    expect(results.filter((result) => !result.errors)).toHaveLength(1);
  });

  test('an unknown refresh token is refused', async () => {
    const response = await t.gql(REFRESH, { token: 'made-up-token' });
    expect(codeOf(response)).toBe('UNAUTHENTICATED');
  });
});

describe('logout', () => {
  test('logout with a refresh token ends that session only', async () => {
    const session = await signUp(t);
    const other = (
      await t.gql<{ login: AuthResult }>(LOGIN, {
        input: { email: session.user.email, password: PASSWORD },
      })
    ).data!.login;
    const out = await t.gql(LOGOUT, { token: session.refreshToken });
    expect(out.data).toEqual({ logout: true });
    expect(codeOf(await t.gql(REFRESH, { token: session.refreshToken }))).toBe('UNAUTHENTICATED');
    expect((await t.gql(REFRESH, { token: other.refreshToken })).errors).toBeUndefined();
  });

  test('logout without a token, signed in, ends every session of the user', async () => {
    const session = await signUp(t);
    const other = (
      await t.gql<{ login: AuthResult }>(LOGIN, {
        input: { email: session.user.email, password: PASSWORD },
      })
    ).data!.login;
    await t.gql(LOGOUT, {}, { token: session.accessToken });
    expect(codeOf(await t.gql(REFRESH, { token: session.refreshToken }))).toBe('UNAUTHENTICATED');
    expect(codeOf(await t.gql(REFRESH, { token: other.refreshToken }))).toBe('UNAUTHENTICATED');
  });

  test('logout with neither token nor session is UNAUTHENTICATED', async () => {
    expect(codeOf(await t.gql(LOGOUT))).toBe('UNAUTHENTICATED');
  });

  test("one user's logout cannot end another user's sessions", async () => {
    const alice = await signUp(t);
    const bob = await signUp(t);
    await t.gql(LOGOUT, {}, { token: bob.accessToken });
    expect((await t.gql(REFRESH, { token: alice.refreshToken })).errors).toBeUndefined();
  });
});

describe('access tokens that must be refused', () => {
  const claims = (session: AuthResult) => ({
    sub: session.user.id,
    email: session.user.email,
    role: 'admin',
  });

  test('expired', async () => {
    const session = await signUp(t);
    const expired = jwt.sign({ ...claims(session), role: 'user' }, TEST_JWT_SECRET, {
      algorithm: 'HS256',
      expiresIn: -10,
    });
    const response = await t.gql(ME, {}, { token: expired });
    expect(codeOf(response)).toBe('UNAUTHENTICATED');
    expect(response.errors?.[0]?.message).toMatch(/expired/);
  });

  test('tampered (role raised to admin after signing)', async () => {
    const session = await signUp(t);
    const [header, , signature] = session.accessToken.split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims(session), exp: 9999999999 })).toString(
      'base64url',
    );
    const response = await t.gql(ME, {}, { token: `${header}.${forged}.${signature}` });
    expect(codeOf(response)).toBe('UNAUTHENTICATED');
  });

  test('alg: none', async () => {
    const session = await signUp(t);
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ ...claims(session), exp: 9999999999 })).toString(
      'base64url',
    );
    const response = await t.gql(ME, {}, { token: `${header}.${payload}.` });
    expect(codeOf(response)).toBe('UNAUTHENTICATED');
  });

  test('signed with another secret', async () => {
    const session = await signUp(t);
    const token = jwt.sign(claims(session), 'some-other-secret-of-enough-length-123456', {
      algorithm: 'HS256',
    });
    expect(codeOf(await t.gql(ME, {}, { token }))).toBe('UNAUTHENTICATED');
  });
});
