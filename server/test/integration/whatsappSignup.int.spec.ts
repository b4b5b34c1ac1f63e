import { ChatModel } from '../../src/modules/chats/chat.model';
import { IntegrationModel } from '../../src/modules/integrations/integration.model';
import { Platform } from '../../src/platforms/platform';
import { openSecret } from '../../src/security/secretBox';
import { startGraphApiFixture, type GraphApiFixture } from '../support/graphApiFixture';
import { installMetaLogin, type MetaLoginFixture } from '../support/metaLoginFixture';
import { APP_SECRET, postWebhook, whatsappPayload } from '../support/metaPayloads';
import { signUp, startTestApp, type AuthResult, type TestApp } from '../support/testApp';
import { eventually } from '../support/wsSubscriber';

/*
 * WhatsApp with Meta's Embedded Signup: the browser's popup (played here by the fixture's
 * issueSignupCode) returns a code and the account's ids; completeWhatsAppSignup does the rest.
 */

const APP_ID = '990011223355';
const CONFIG_ID = '445566778899';
const WABA = '102290129340398';
const NEW_NUMBER = '106540352242922';
const OLD_NUMBER = '106540352242933';
const OTHER_WABA = '102290129340399';
const OTHER_NUMBER = '106540352242944';

let graph: GraphApiFixture;
let login: MetaLoginFixture;
let t: TestApp;
let owner: AuthResult;

beforeAll(async () => {
  graph = await startGraphApiFixture({
    phoneNumbers: {
      [NEW_NUMBER]: {
        display_phone_number: '+351 22 000 0001',
        verified_name: 'Leather Loft',
        quality_rating: 'GREEN',
        token: 'not-yet',
      },
      [OLD_NUMBER]: {
        display_phone_number: '+351 22 000 0002',
        verified_name: 'Leather Loft Outlet',
        token: 'not-yet',
      },
      [OTHER_NUMBER]: {
        display_phone_number: '+351 22 000 0003',
        verified_name: 'Someone Else',
        token: 'not-yet',
      },
    },
  });
  login = installMetaLogin(graph, { appId: APP_ID, appSecret: APP_SECRET });
  login.accounts[WABA] = { phoneNumberIds: [NEW_NUMBER, OLD_NUMBER], registered: [OLD_NUMBER] };
  login.accounts[OTHER_WABA] = { phoneNumberIds: [OTHER_NUMBER] };
  t = await startTestApp({
    env: {
      GRAPH_API_URL: graph.url,
      META_OAUTH_URL: graph.url,
      META_APP_ID: APP_ID,
      META_APP_SECRET: APP_SECRET,
      META_WHATSAPP_CONFIG_ID: CONFIG_ID,
      PUBLIC_URL: 'https://desk.salesdesk.test',
    },
    configure: (config) => (config.pipeline.queue.pollMs = 50),
  });
  owner = await signUp(t);
});
afterAll(async () => {
  await t.stop();
  await graph.close();
});

const COMPLETE = `mutation($input: WhatsAppSignupInput!) {
  completeWhatsAppSignup(input: $input) {
    platform status platformData { pageName pageUsername qualityRating }
  }
}`;

const complete = (as: AuthResult, input: Record<string, string>) =>
  t.gql<{
    completeWhatsAppSignup: {
      platform: string;
      status: string;
      platformData: { pageName: string; pageUsername: string; qualityRating: string | null };
    };
  }>(COMPLETE, { input }, { token: as.accessToken });

test("owners get what Meta's SDK needs to open the signup", async () => {
  const status = await t.gql<{ metaLoginStatus: { whatsapp: Record<string, unknown> } }>(
    '{ metaLoginStatus { whatsapp { available problem appId configId graphApiVersion } } }',
    {},
    { token: owner.accessToken },
  );
  expect(status.data!.metaLoginStatus.whatsapp).toEqual({
    available: true,
    problem: null,
    appId: APP_ID,
    configId: CONFIG_ID,
    graphApiVersion: 'v26.0',
  });
});

test('the number is checked, the account subscribed, the number registered, and messages flow', async () => {
  const answer = await complete(owner, {
    code: login.issueSignupCode(WABA),
    wabaId: WABA,
    phoneNumberId: NEW_NUMBER,
  });
  expect(answer.errors).toBeUndefined();
  expect(answer.data!.completeWhatsAppSignup).toEqual({
    platform: 'WHATSAPP',
    status: 'CONNECTED',
    platformData: {
      pageName: 'Leather Loft',
      pageUsername: '+351 22 000 0001',
      qualityRating: 'GREEN',
    },
  });
  expect(login.subscribedAccounts.has(WABA)).toBe(true);
  const pin = login.registrations[NEW_NUMBER];
  expect(pin).toMatch(/^\d{6}$/);
  const stored = await IntegrationModel.findOne({
    userId: owner.user.id,
    platform: Platform.WHATSAPP,
  })
    .select('+credentials')
    .lean();
  const key = t.config.secretsKey;
  expect(stored?.credentials?.wabaId).toBe(WABA);
  expect(openSecret(stored!.credentials!.twoStepPin!, key)).toBe(pin);
  const token = openSecret(stored!.credentials!.accessToken!, key);
  expect(token).toBe(graph.state.phoneNumbers[NEW_NUMBER]!.token);

  // A customer writes to the number: the chat is the owner's, and the reply goes out with the token.
  const response = await postWebhook(
    t.url,
    'whatsapp',
    whatsappPayload(NEW_NUMBER, [{ customerId: '351910000001', text: 'Olá! Do you ship?' }]),
  );
  expect(response.status).toBe(200);
  await eventually(
    async () =>
      Boolean(await ChatModel.exists({ userId: owner.user.id, customerId: '351910000001' })),
    10_000,
    'the chat of the webhook',
  );
  await eventually(
    async () =>
      graph
        .sends()
        .some(
          (send) =>
            send.path.includes(NEW_NUMBER) &&
            send.authorization === `Bearer ${token}` &&
            JSON.stringify(send.body).includes('351910000001'),
        ),
    10_000,
    'the reply sent with the business token',
  );
});

test('a number already on the Cloud API is not registered again', async () => {
  const other = await signUp(t);
  const answer = await complete(other, {
    code: login.issueSignupCode(WABA),
    wabaId: WABA,
    phoneNumberId: OLD_NUMBER,
  });
  expect(answer.data!.completeWhatsAppSignup.status).toBe('CONNECTED');
  expect(login.registrations[OLD_NUMBER]).toBeUndefined();
});

test("another account's number is refused before Meta is asked, and nothing is stored", async () => {
  const intruder = await signUp(t);
  const code = login.issueSignupCode(WABA);
  const answer = await complete(intruder, { code, wabaId: WABA, phoneNumberId: NEW_NUMBER });
  expect(answer.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(answer.errors?.[0]?.message).toMatch(/already connected/i);
  expect(await IntegrationModel.exists({ userId: intruder.user.id })).toBeNull();
  // The code was never exchanged: the same owner could still use it for their own number.
  const exchanges = graph.requests.filter(
    (request) => request.path.endsWith('/oauth/access_token') && request.query.code === code,
  );
  expect(exchanges).toHaveLength(0);
});

test('ids from the browser that Meta does not vouch for, a replayed code, bad ids: refused', async () => {
  const someone = await signUp(t);
  const mismatch = await complete(someone, {
    code: login.issueSignupCode(OTHER_WABA),
    wabaId: OTHER_WABA,
    // A number of no account here (what a tampered message from the browser would name).
    phoneNumberId: '106540352242999',
  });
  expect(mismatch.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(mismatch.errors?.[0]?.message).toMatch(/not in the WhatsApp Business Account/);

  const code = login.issueSignupCode(OTHER_WABA);
  const first = await complete(someone, { code, wabaId: OTHER_WABA, phoneNumberId: OTHER_NUMBER });
  expect(first.data!.completeWhatsAppSignup.status).toBe('CONNECTED');
  await IntegrationModel.deleteOne({ userId: someone.user.id });
  const replay = await complete(someone, { code, wabaId: OTHER_WABA, phoneNumberId: OTHER_NUMBER });
  expect(replay.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  expect(replay.errors?.[0]?.message).toMatch(/has been used/);
  expect(await IntegrationModel.exists({ userId: someone.user.id })).toBeNull();

  const bad = await complete(someone, { code: '', wabaId: 'waba', phoneNumberId: '12x' });
  expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  const fields = bad.errors?.[0]?.extensions?.fields as { path: string }[];
  expect(fields.map((field) => field.path)).toEqual(['code', 'wabaId', 'phoneNumberId']);
});
