import { randomBytes } from 'node:crypto';
import mongoose, { Types } from 'mongoose';
import { GraphApiClient, GraphApiError } from '../../src/platforms/graphApi';
import { openSecret } from '../../src/security/secretBox';
import {
  closedPortUrl,
  startGraphApiFixture,
  type GraphApiFixture,
} from '../support/graphApiFixture';
import { signUp, startTestApp, type AuthResult, type TestApp } from '../support/testApp';

const FIELDS = /* GraphQL */ `
  fragment F on Integration {
    id
    userId
    platform
    status
    webhookVerified
    lastSync
    lastError
    errorLog {
      error
      resolved
      timestamp
    }
    platformData {
      pageName
      pageUsername
      profilePicture
      followersCount
      category
    }
    settings {
      autoReply
      businessHours {
        enabled
        timezone
        schedule {
          day
          open
          close
        }
      }
      notifications {
        email
        push
      }
    }
  }
`;
const LIST = `query ($userId: ObjectId) { integrations(userId: $userId) { ...F } } ${FIELDS}`;
const CONNECT = `mutation ($input: ConnectIntegrationInput!) { connectIntegration(input: $input) { ...F } } ${FIELDS}`;
const DISCONNECT = `mutation ($platform: Platform!, $userId: ObjectId) {
  disconnectIntegration(platform: $platform, userId: $userId) { ...F } } ${FIELDS}`;
const SETTINGS = `mutation ($platform: Platform!, $input: IntegrationSettingsInput!, $userId: ObjectId) {
  updateIntegrationSettings(platform: $platform, input: $input, userId: $userId) { ...F } } ${FIELDS}`;

interface Gql {
  status: string;
  userId: string;
  lastError: string | null;
  errorLog: { error: string; resolved: boolean; timestamp: string }[];
  platformData: Record<string, unknown>;
  settings: {
    autoReply: boolean;
    businessHours: { enabled: boolean; timezone: string; schedule: object[] };
    notifications: { email: boolean; push: boolean };
  };
  lastSync: string | null;
  webhookVerified: boolean;
}
type Errors = { errors?: { message: string; extensions?: Record<string, unknown> }[] };
const codeOf = (response: Errors) => response.errors?.[0]?.extensions?.code;
const pathsOf = (response: Errors) =>
  (response.errors?.[0]?.extensions?.fields as { path: string }[] | undefined)?.map((f) => f.path);

const newToken = () => `EAAG${randomBytes(24).toString('hex')}`;
let nextId = 100_000;
const newId = () => String(++nextId * 1_000_003);

let fixture: GraphApiFixture;
let t: TestApp;
let adminSession: Promise<AuthResult> | undefined;
const asAdmin = () => (adminSession ??= signUp(t, 'integrations-admin@example.com'));

/** A fresh page (and token) per test: one page may belong to one account only. */
function addPage(name = 'Acme Shoes') {
  const id = newId();
  const token = newToken();
  fixture.state.pages[id] = {
    name,
    username: 'acmeshoes',
    category: 'Shoe Store',
    followers_count: 1234,
    picture: `https://cdn.example/p/${id}.jpg`,
    token,
  };
  return { id, token };
}
function addIgAccount(pageId: string) {
  const id = newId();
  fixture.state.igAccounts[id] = {
    username: 'acme.ig',
    name: 'Acme on Instagram',
    profile_picture_url: `https://cdn.example/ig/${id}.jpg`,
    followers_count: 4321,
    pageId,
  };
  return id;
}
function addPhone() {
  const id = newId();
  const token = newToken();
  fixture.state.phoneNumbers[id] = {
    display_phone_number: '+1 555-0100',
    verified_name: 'Acme Shoes',
    quality_rating: 'GREEN',
    token,
  };
  return { id, token, wabaId: newId() };
}

const connect = (user: AuthResult, input: Record<string, unknown>) =>
  t.gql<{ connectIntegration: Gql }>(CONNECT, { input }, { token: user.accessToken });
const list = (user: AuthResult, userId?: string) =>
  t.gql<{ integrations: Gql[] }>(LIST, { userId }, { token: user.accessToken });
const settings = (user: AuthResult, platform: string, input: object, userId?: string) =>
  t.gql<{ updateIntegrationSettings: Gql }>(
    SETTINGS,
    { platform, input, userId },
    { token: user.accessToken },
  );
const disconnect = (user: AuthResult, platform: string, userId?: string) =>
  t.gql<{ disconnectIntegration: Gql }>(
    DISCONNECT,
    { platform, userId },
    { token: user.accessToken },
  );
const stored = (userId: string, platform: string) =>
  mongoose.connection
    .collection('integrations')
    .findOne({ userId: new Types.ObjectId(userId), platform });

async function connectPage(user: AuthResult) {
  const page = addPage();
  const response = await connect(user, {
    platform: 'FACEBOOK',
    pageId: page.id,
    accessToken: page.token,
  });
  expect(response.data?.connectIntegration.status).toBe('CONNECTED');
  return page;
}

describe('with a Graph API', () => {
  beforeAll(async () => {
    fixture = await startGraphApiFixture();
    t = await startTestApp({
      env: { GRAPH_API_URL: fixture.url, ADMIN_EMAILS: 'integrations-admin@example.com' },
    });
  });
  afterAll(async () => {
    await t.stop();
    await fixture.close();
  });

  describe('connecting', () => {
    test('Messenger: the token is checked with Meta, stored sealed, and the page shown', async () => {
      const user = await signUp(t);
      const page = addPage();
      const before = fixture.requests.length;
      const response = await connect(user, {
        platform: 'FACEBOOK',
        pageId: page.id,
        accessToken: page.token,
      });
      expect(response.errors).toBeUndefined();
      const integration = response.data!.connectIntegration;
      expect(integration).toMatchObject({
        status: 'CONNECTED',
        userId: user.user.id,
        webhookVerified: false,
        lastError: null,
        errorLog: [],
        platformData: {
          pageName: 'Acme Shoes',
          pageUsername: 'acmeshoes',
          category: 'Shoe Store',
          followersCount: 1234,
          profilePicture: `https://cdn.example/p/${page.id}.jpg`,
        },
        settings: { autoReply: true, notifications: { email: true, push: true } },
      });
      expect(Date.now() - Date.parse(integration.lastSync!)).toBeLessThan(60_000);

      const calls = fixture.requests.slice(before);
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({ method: 'GET', path: '/v26.0/me' });
      expect(calls[0]!.authorization).toBe(`Bearer ${page.token}`);
      expect(calls[0]!.query.fields).toMatch(/^id,name\b/);
      expect(calls[0]!.query.access_token).toBeUndefined();

      const raw = await stored(user.user.id, 'facebook');
      expect(JSON.stringify(raw)).not.toContain(page.token);
      expect(raw!.credentials.pageId).toBe(page.id);
      expect(raw!.credentials.pageAccessToken).toMatch(/^v1\./);
      expect(openSecret(raw!.credentials.pageAccessToken, t.config.secretsKey)).toBe(page.token);

      expect((await list(user)).data?.integrations).toEqual([integration]);
    });

    test('Instagram: the page token must also open the Instagram account', async () => {
      const user = await signUp(t);
      const page = addPage();
      const accountId = addIgAccount(page.id);
      const before = fixture.requests.length;
      const response = await connect(user, {
        platform: 'INSTAGRAM',
        pageId: page.id,
        accountId,
        accessToken: page.token,
      });
      expect(response.data?.connectIntegration).toMatchObject({
        status: 'CONNECTED',
        platform: 'INSTAGRAM',
        platformData: {
          pageName: 'Acme on Instagram',
          pageUsername: 'acme.ig',
          followersCount: 4321,
          profilePicture: `https://cdn.example/ig/${accountId}.jpg`,
        },
      });
      const calls = fixture.requests.slice(before);
      expect(calls.map((call) => call.path)).toEqual(['/v26.0/me', `/v26.0/${accountId}`]);
      expect(calls[1]!.query.fields).toBe('id,username,name,profile_picture_url,followers_count');
      expect(calls.every((call) => call.authorization === `Bearer ${page.token}`)).toBe(true);

      const raw = await stored(user.user.id, 'instagram');
      expect(raw!.credentials).toMatchObject({ pageId: page.id, accountId });
      expect(JSON.stringify(raw)).not.toContain(page.token);
      expect(openSecret(raw!.credentials.pageAccessToken, t.config.secretsKey)).toBe(page.token);
    });

    test('WhatsApp: the phone number is read with the token', async () => {
      const user = await signUp(t);
      const phone = addPhone();
      const before = fixture.requests.length;
      const response = await connect(user, {
        platform: 'WHATSAPP',
        phoneNumberId: phone.id,
        wabaId: phone.wabaId,
        accessToken: phone.token,
      });
      expect(response.data?.connectIntegration).toMatchObject({
        status: 'CONNECTED',
        platformData: { pageName: 'Acme Shoes', pageUsername: '+1 555-0100' },
      });
      const calls = fixture.requests.slice(before);
      expect(calls).toHaveLength(1);
      expect(calls[0]).toMatchObject({
        path: `/v26.0/${phone.id}`,
        authorization: `Bearer ${phone.token}`,
        query: { fields: 'id,display_phone_number,verified_name,quality_rating' },
      });
      const raw = await stored(user.user.id, 'whatsapp');
      expect(raw!.credentials).toMatchObject({ phoneNumberId: phone.id, wabaId: phone.wabaId });
      expect(raw!.credentials.pageAccessToken).toBeUndefined();
      expect(JSON.stringify(raw)).not.toContain(phone.token);
      expect(openSecret(raw!.credentials.accessToken, t.config.secretsKey)).toBe(phone.token);
    });

    test.each([
      ['FACEBOOK', {}, ['pageId']],
      ['INSTAGRAM', {}, ['accountId', 'pageId']],
      ['INSTAGRAM', { accountId: '123' }, ['pageId']],
      ['WHATSAPP', { phoneNumberId: '123' }, ['wabaId']],
      ['WHATSAPP', { wabaId: '123' }, ['phoneNumberId']],
      ['SIMULATOR', {}, ['platform']],
      ['FACEBOOK', { pageId: 'my-page' }, ['pageId']],
      ['WHATSAPP', { phoneNumberId: '1'.repeat(26), wabaId: '1' }, ['phoneNumberId']],
    ])('%s with %j is refused naming %j, and nothing is stored', async (platform, ids, paths) => {
      const user = await signUp(t);
      const before = fixture.requests.length;
      const response = await connect(user, { platform, ...ids, accessToken: newToken() });
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(pathsOf(response)).toEqual(paths);
      expect(fixture.requests.length).toBe(before);
      expect((await list(user)).data?.integrations).toEqual([]);
    });

    test('tokens must be 20 to 1000 characters', async () => {
      const user = await signUp(t);
      for (const accessToken of ['short', 'x'.repeat(1001)]) {
        const response = await connect(user, { platform: 'FACEBOOK', pageId: '1', accessToken });
        expect(codeOf(response)).toBe('BAD_USER_INPUT');
        expect(pathsOf(response)).toEqual(['accessToken']);
      }
      expect((await list(user)).data?.integrations).toEqual([]);
    });

    test('inputs cannot set the owner or the status', async () => {
      const user = await signUp(t);
      const page = addPage();
      for (const extra of [{ status: 'CONNECTED' }, { userId: user.user.id }]) {
        const response = await connect(user, {
          platform: 'FACEBOOK',
          pageId: page.id,
          accessToken: page.token,
          ...extra,
        });
        expect(codeOf(response)).toBe('BAD_USER_INPUT');
      }
      expect((await list(user)).data?.integrations).toEqual([]);
    });
  });

  describe('failed checks', () => {
    test('a token Meta refuses leaves the integration in ERROR with the reason, token not kept', async () => {
      const user = await signUp(t);
      const page = addPage();
      const wrong = newToken();
      const response = await connect(user, {
        platform: 'FACEBOOK',
        pageId: page.id,
        accessToken: wrong,
      });
      expect(response.errors).toBeUndefined();
      const integration = response.data!.connectIntegration;
      expect(integration.status).toBe('ERROR');
      expect(integration.lastError).toBe(
        'Meta refused the access token (OAuthException, code 190): Invalid OAuth access token - Cannot parse access token.',
      );
      expect(integration.errorLog).toEqual([
        expect.objectContaining({ error: integration.lastError, resolved: false }),
      ]);
      expect(JSON.stringify(response)).not.toContain(wrong);
      const raw = await stored(user.user.id, 'facebook');
      expect(raw!.credentials).toEqual({ pageId: page.id });
      expect(JSON.stringify(raw)).not.toContain(wrong);

      // Reconnecting with the right token clears the error.
      const again = await connect(user, {
        platform: 'FACEBOOK',
        pageId: page.id,
        accessToken: page.token,
      });
      expect(again.data?.connectIntegration).toMatchObject({
        status: 'CONNECTED',
        lastError: null,
        errorLog: [expect.objectContaining({ resolved: true })],
        platformData: { pageName: 'Acme Shoes' },
      });
      expect((await list(user)).data?.integrations).toHaveLength(1);
    });

    test('a failing reconnect keeps the working credentials', async () => {
      const user = await signUp(t);
      const page = await connectPage(user);
      fixture.revoke(page.token);
      const failed = await connect(user, {
        platform: 'FACEBOOK',
        pageId: page.id,
        accessToken: page.token,
      });
      expect(failed.data?.connectIntegration).toMatchObject({ status: 'ERROR' });
      expect(failed.data?.connectIntegration.lastError).toMatch(/code 190/);
      const other = newToken();
      await connect(user, { platform: 'FACEBOOK', pageId: page.id, accessToken: other });
      const raw = await stored(user.user.id, 'facebook');
      expect(openSecret(raw!.credentials.pageAccessToken, t.config.secretsKey)).toBe(page.token);
      expect(JSON.stringify(raw)).not.toContain(other);
    });

    test('a token of another page is refused, naming both pages', async () => {
      const user = await signUp(t);
      const mine = addPage();
      const theirs = addPage('Other Page');
      const response = await connect(user, {
        platform: 'FACEBOOK',
        pageId: mine.id,
        accessToken: theirs.token,
      });
      expect(response.data?.connectIntegration.status).toBe('ERROR');
      expect(response.data?.connectIntegration.lastError).toBe(
        `This access token belongs to Page ${theirs.id}, not to Page ${mine.id}. Use the Page's own access token.`,
      );
    });

    test('an Instagram account the page token cannot open is an error', async () => {
      const user = await signUp(t);
      const page = addPage();
      const foreign = addIgAccount(addPage().id);
      const response = await connect(user, {
        platform: 'INSTAGRAM',
        pageId: page.id,
        accountId: foreign,
        accessToken: page.token,
      });
      expect(response.data?.connectIntegration.status).toBe('ERROR');
      expect(response.data?.connectIntegration.lastError).toMatch(
        /^Meta refused the request \(GraphMethodException, code 100\): Unsupported get request/,
      );
    });

    test('the error log keeps the last 20 entries', async () => {
      const user = await signUp(t);
      const page = addPage();
      const attempt = () =>
        connect(user, { platform: 'FACEBOOK', pageId: page.id, accessToken: newToken() });
      const first = (await attempt()).data!.connectIntegration.errorLog[0]!;
      for (let count = 1; count < 22; count++) await attempt();
      const [integration] = (await list(user)).data!.integrations;
      expect(integration!.errorLog).toHaveLength(20);
      expect(integration!.errorLog).not.toContainEqual(first);
      const times = integration!.errorLog.map((entry) => Date.parse(entry.timestamp));
      expect(times).toEqual([...times].sort((x, y) => x - y));
      expect(integration!.lastError).toMatch(/code 190/);
    });
  });

  describe('credentials never leave the server', () => {
    test('the Integration type has no credential or token field', async () => {
      const admin = await asAdmin();
      const response = await t.gql<{ __type: { fields: { name: string }[] } }>(
        '{ __type(name: "Integration") { fields { name } } }',
        {},
        { token: admin.accessToken },
      );
      const names = response.data!.__type.fields.map((field) => field.name);
      expect(names).toEqual(expect.arrayContaining(['status', 'platformData', 'lastError']));
      for (const secret of ['credentials', 'accessToken', 'pageAccessToken', 'refreshToken']) {
        expect(names).not.toContain(secret);
      }
      const credentialsType = await t.gql<{ __type: unknown }>(
        '{ __type(name: "Credentials") { name } }',
        {},
        { token: admin.accessToken },
      );
      expect(credentialsType.data?.__type).toBeNull();
    });

    test('selecting credentials fails validation', async () => {
      const user = await signUp(t);
      await connectPage(user);
      const response = await t.gql(
        '{ integrations { credentials { pageId } } }',
        {},
        { token: user.accessToken },
      );
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0]?.message).toMatch(/Cannot query field "credentials"/);
      expect(response.data ?? undefined).toBeUndefined();
    });
  });

  describe('settings', () => {
    const DEFAULTS = {
      autoReply: true,
      businessHours: { enabled: false, timezone: 'UTC', schedule: [] },
      notifications: { email: true, push: true },
    };

    test('only the given fields change; a schedule is replaced whole', async () => {
      const user = await signUp(t);
      await connectPage(user);
      const step = async (input: object) => {
        const response = await settings(user, 'FACEBOOK', input);
        expect(response.errors).toBeUndefined();
        return response.data!.updateIntegrationSettings.settings;
      };
      expect(await step({ autoReply: false })).toEqual({ ...DEFAULTS, autoReply: false });
      const monday = { day: 1, open: '09:00', close: '17:30' };
      expect(
        await step({ businessHours: { timezone: 'Europe/Paris', schedule: [monday] } }),
      ).toEqual({
        ...DEFAULTS,
        autoReply: false,
        businessHours: { enabled: false, timezone: 'Europe/Paris', schedule: [monday] },
      });
      const week = [0, 6].map((day) => ({ day, open: '00:00', close: '23:59' }));
      const latest = await step({
        businessHours: { enabled: true, schedule: week },
        notifications: { push: false },
      });
      expect(latest).toEqual({
        autoReply: false,
        businessHours: { enabled: true, timezone: 'Europe/Paris', schedule: week },
        notifications: { email: true, push: false },
      });
      expect(await step({})).toEqual(latest);
      expect(await step({ businessHours: { timezone: 'UTC' } })).toMatchObject({
        businessHours: { timezone: 'UTC', schedule: week },
      });
    });

    test.each([
      [{ businessHours: { timezone: 'Mars/Olympus' } }, ['businessHours.timezone']],
      [{ businessHours: { timezone: '' } }, ['businessHours.timezone']],
      [
        { businessHours: { schedule: [{ day: 1, open: '25:00', close: '26:00' }] } },
        ['businessHours.schedule.0.open', 'businessHours.schedule.0.close'],
      ],
      [
        { businessHours: { schedule: [{ day: 1, open: '9:00', close: '17:00' }] } },
        ['businessHours.schedule.0.open'],
      ],
      [
        {
          businessHours: {
            schedule: [
              { day: 1, open: '09:00', close: '17:00' },
              { day: 2, open: '18:00', close: '08:00' },
            ],
          },
        },
        ['businessHours.schedule.1.close'],
      ],
      [
        { businessHours: { schedule: [{ day: 7, open: '09:00', close: '09:00' }] } },
        ['businessHours.schedule.0.day', 'businessHours.schedule.0.close'],
      ],
      [
        {
          businessHours: {
            schedule: Array.from({ length: 15 }, () => ({ day: 1, open: '09:00', close: '10:00' })),
          },
        },
        ['businessHours.schedule'],
      ],
    ])('%j is refused at %j and nothing changes', async (input, paths) => {
      const user = await signUp(t);
      await connectPage(user);
      const response = await settings(user, 'FACEBOOK', { autoReply: false, ...input });
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(pathsOf(response)).toEqual(paths);
      expect((await list(user)).data?.integrations[0]?.settings).toEqual(DEFAULTS);
    });

    test('a platform without an integration is not found', async () => {
      const user = await signUp(t);
      await connectPage(user);
      const response = await settings(user, 'WHATSAPP', { autoReply: false });
      expect(codeOf(response)).toBe('NOT_FOUND');
      expect(codeOf(await settings(user, 'WHATSAPP', {}))).toBe('NOT_FOUND');
    });
  });

  describe('disconnecting', () => {
    test('removes the token, keeps the ids and settings, and frees the page', async () => {
      const user = await signUp(t);
      const page = await connectPage(user);
      await settings(user, 'FACEBOOK', { autoReply: false });
      const response = await disconnect(user, 'FACEBOOK');
      expect(response.data?.disconnectIntegration).toMatchObject({
        status: 'DISCONNECTED',
        settings: { autoReply: false },
      });
      const raw = await stored(user.user.id, 'facebook');
      expect(raw!.credentials).toEqual({ pageId: page.id });
      expect(JSON.stringify(raw)).not.toMatch(/v1\./);

      const next = await signUp(t);
      const taken = await connect(next, {
        platform: 'FACEBOOK',
        pageId: page.id,
        accessToken: page.token,
      });
      expect(taken.data?.connectIntegration.status).toBe('CONNECTED');
    });

    test('nothing to disconnect is not found', async () => {
      const user = await signUp(t);
      expect(codeOf(await disconnect(user, 'INSTAGRAM'))).toBe('NOT_FOUND');
    });
  });

  describe('one page, number or account per Salesdesk account', () => {
    test.each([
      ['FACEBOOK', 'This Facebook Page is already connected to another Salesdesk account.'],
      ['INSTAGRAM', 'This Instagram account is already connected to another Salesdesk account.'],
      ['WHATSAPP', 'This WhatsApp number is already connected to another Salesdesk account.'],
    ])('%s: a second user is refused', async (platform, message) => {
      const first = await signUp(t);
      const second = await signUp(t);
      const page = addPage();
      const phone = addPhone();
      const input =
        platform === 'WHATSAPP'
          ? { platform, phoneNumberId: phone.id, wabaId: phone.wabaId, accessToken: phone.token }
          : platform === 'INSTAGRAM'
            ? {
                platform,
                pageId: page.id,
                accountId: addIgAccount(page.id),
                accessToken: page.token,
              }
            : { platform, pageId: page.id, accessToken: page.token };
      expect((await connect(first, input)).data?.connectIntegration.status).toBe('CONNECTED');
      const before = fixture.requests.length;
      const refused = await connect(second, input);
      expect(codeOf(refused)).toBe('BAD_USER_INPUT');
      expect(refused.errors?.[0]?.message).toBe(message);
      expect(fixture.requests.length).toBe(before);
      expect((await list(second)).data?.integrations).toEqual([]);
      // The owner can still reconnect.
      expect((await connect(first, input)).data?.connectIntegration.status).toBe('CONNECTED');
    });
  });

  describe('ownership', () => {
    test("users act only on their own integrations; admins on anyone's", async () => {
      const a = await signUp(t);
      const b = await signUp(t);
      const admin = await asAdmin();
      await connectPage(a);
      const [original] = (await list(a)).data!.integrations;

      expect((await list(b)).data?.integrations).toEqual([]);
      expect(codeOf(await disconnect(b, 'FACEBOOK'))).toBe('NOT_FOUND');
      expect(codeOf(await settings(b, 'FACEBOOK', { autoReply: false }))).toBe('NOT_FOUND');
      expect(codeOf(await list(b, a.user.id))).toBe('FORBIDDEN');
      expect(codeOf(await disconnect(b, 'FACEBOOK', a.user.id))).toBe('FORBIDDEN');
      expect(codeOf(await settings(b, 'FACEBOOK', { autoReply: false }, a.user.id))).toBe(
        'FORBIDDEN',
      );
      expect((await list(a)).data?.integrations).toEqual([original]);

      // Without userId an admin's mutations act on the admin's own integrations.
      expect(codeOf(await disconnect(admin, 'FACEBOOK'))).toBe('NOT_FOUND');
      expect((await list(admin, a.user.id)).data?.integrations).toEqual([original]);
      const everyone = (await list(admin)).data!.integrations.map((item) => item.userId);
      expect(everyone).toContain(a.user.id);

      const changed = await settings(admin, 'FACEBOOK', { autoReply: false }, a.user.id);
      expect(changed.data?.updateIntegrationSettings).toMatchObject({ userId: a.user.id });
      expect((await list(a)).data?.integrations[0]?.settings.autoReply).toBe(false);
      expect(
        (await disconnect(admin, 'FACEBOOK', a.user.id)).data?.disconnectIntegration,
      ).toMatchObject({
        userId: a.user.id,
        status: 'DISCONNECTED',
      });
      expect((await list(a)).data?.integrations[0]?.status).toBe('DISCONNECTED');
    });

    test('every operation needs a signed-in user', async () => {
      const anonymous = { accessToken: '' } as AuthResult;
      const responses = [
        await list(anonymous),
        await connect(anonymous, { platform: 'FACEBOOK', pageId: '1', accessToken: newToken() }),
        await disconnect(anonymous, 'FACEBOOK'),
        await settings(anonymous, 'FACEBOOK', { autoReply: false }),
      ];
      expect(responses.map(codeOf)).toEqual(Array(4).fill('UNAUTHENTICATED'));
    });
  });
});

describe('when Meta cannot be reached', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { GRAPH_API_URL: await closedPortUrl() } });
  });
  afterAll(() => app.stop());

  test('connecting stores ERROR with a readable reason and no token', async () => {
    const user = await signUp(app);
    const token = newToken();
    const response = await app.gql<{ connectIntegration: Gql }>(
      CONNECT,
      { input: { platform: 'WHATSAPP', phoneNumberId: '123', wabaId: '456', accessToken: token } },
      { token: user.accessToken },
    );
    expect(response.data?.connectIntegration).toMatchObject({
      status: 'ERROR',
      lastError: 'Could not reach Meta to check the access token. Try again in a few minutes.',
    });
    const raw = await stored(user.user.id, 'whatsapp');
    expect(raw!.credentials).toEqual({ phoneNumberId: '123', wabaId: '456' });
    expect(JSON.stringify(raw)).not.toContain(token);
  });
});

describe('GraphApiClient', () => {
  let meta: GraphApiFixture;
  const token = 'EAAG-secret-token-that-must-not-leak';
  beforeAll(async () => {
    meta = await startGraphApiFixture({ validTokens: [token] });
    meta.route('GET', '/:version/slow', () => new Promise(() => undefined));
    meta.route('GET', '/:version/html', () => ({ status: 502, body: '<html>Bad gateway</html>' }));
    meta.route('GET', '/:version/text', () => ({ body: 'not json' }));
  });
  afterAll(() => meta.close());

  const failure = async (promise: Promise<unknown>): Promise<GraphApiError> => {
    const error = await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(GraphApiError);
    expect(
      JSON.stringify({ ...(error as object), message: (error as Error).message }),
    ).not.toContain(token);
    return error as GraphApiError;
  };

  test('maps Meta errors with their fields', async () => {
    const client = new GraphApiClient({ baseUrl: meta.url });
    const error = await failure(client.get('me', {}, 'EAAG-unknown-token-000000'));
    expect(error).toMatchObject({
      status: 401,
      kind: 'meta',
      metaMessage: 'Invalid OAuth access token - Cannot parse access token',
      type: 'OAuthException',
      code: 190,
      fbtraceId: 'AbCdEf',
    });
    const missing = await failure(client.get('999', { fields: 'id' }, token));
    expect(missing).toMatchObject({
      status: 400,
      code: 100,
      subcode: 33,
      type: 'GraphMethodException',
    });
  });

  test('sends the version, query and bearer token', async () => {
    const client = new GraphApiClient({ baseUrl: `${meta.url}/`, version: 'v99.0' });
    expect(await client.get('me', { fields: 'id,name' }, token)).toEqual({
      id: '1000000000001',
      name: 'Fixture User',
    });
    expect(meta.requests.at(-1)).toMatchObject({
      path: '/v99.0/me',
      query: { fields: 'id,name' },
      authorization: `Bearer ${token}`,
    });
  });

  test('timeouts, non-JSON answers and unreachable hosts are readable errors', async () => {
    const client = new GraphApiClient({ baseUrl: meta.url, timeoutMs: 200 });
    const slow = await failure(client.get('slow', {}, token));
    expect(slow).toMatchObject({
      kind: 'timeout',
      message: 'Meta Graph API did not answer within 0.2 s.',
    });
    expect(await failure(client.get('html', {}, token))).toMatchObject({
      kind: 'http',
      status: 502,
    });
    expect(await failure(client.get('text', {}, token))).toMatchObject({
      kind: 'invalid-response',
    });
    const closed = new GraphApiClient({ baseUrl: await closedPortUrl() });
    const unreachable = await failure(closed.get('me', {}, token));
    expect(unreachable).toMatchObject({ kind: 'network' });
    expect(unreachable.message).toMatch(/could not be reached \(ECONNREFUSED\)/);
  });
});
