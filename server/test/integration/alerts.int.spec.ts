import { AlertDeliveryModel } from '../../src/modules/alerts/alertDelivery.model';
import { ChatModel } from '../../src/modules/chats/chat.model';
import { newCustomerId, startBusinessApp, type BusinessApp } from '../support/businessApp';
import { signUp, type AuthResult } from '../support/graphqlApi';
import { messagingPayload, postWebhook } from '../support/metaPayloads';
import { startPushService, type PushService } from '../support/pushService';
import { startSmtpReceiver, type SmtpReceiver } from '../support/smtpReceiver';
import { eventually, sleep, subscribe } from '../support/wsSubscriber';

const PREFS = `query { alertPreferences { email emailAvailable pushPublicKey pushBrowsers
  events { event inApp email push } quietHours { enabled start end } dailySummary { enabled hour } } }`;
const UPDATE = `mutation($input: AlertPreferencesInput!) { updateAlertPreferences(input: $input) {
  events { event inApp email push } quietHours { enabled start end } } }`;
const ALERTS = `query { alerts { unread items { id event title body chatId link test } } }`;
const SUBSCRIBE_PUSH = `mutation($input: PushSubscriptionInput!) { subscribePush(input: $input) }`;
const UNSUBSCRIBE_PUSH = `mutation($endpoint: String!) { unsubscribePush(endpoint: $endpoint) }`;

type Alert = { event: string; title: string; body: string; chatId: string | null; link: string };

let app: BusinessApp;
let smtp: SmtpReceiver;
let push: PushService;
let owner: AuthResult;
let other: AuthResult;

beforeAll(async () => {
  smtp = await startSmtpReceiver();
  push = await startPushService();
  app = await startBusinessApp({
    env: { SMTP_URL: smtp.url, MAIL_FROM: 'Porto desk <alerts@porto.test>' },
    configure: (config) => {
      Object.assign(config.pipeline.alerts, { sweepMs: 50, retryBaseMs: 100, timeoutMs: 800 });
    },
  });
  owner = app.business.owner;
  other = await signUp(app.t);
});
afterAll(async () => {
  await app.stop();
  await smtp.close();
  await push.close();
});

const as = (user: AuthResult) => ({ token: user.accessToken });
const gql = <T>(query: string, variables: Record<string, unknown>, user: AuthResult) =>
  app.t.gql<T>(query, variables, as(user));
const mailsTo = (chatId: string) => smtp.mails.filter((mail) => mail.text.includes(chatId));

/** A Messenger message from `customer`; resolves once the pipeline handled it. */
async function say(customer: string, text: string) {
  const posted = Date.now();
  await postWebhook(
    app.t.url,
    'facebook',
    messagingPayload('page', app.business.pageId, [{ customerId: customer, text }]),
  );
  await app.t.app.webhookQueue.idle(15_000);
  const chat = await ChatModel.findOne({ customerId: customer }).lean();
  return { chatId: String(chat!._id), posted };
}

async function feed(user: AuthResult) {
  const response = await gql<{ alerts: { unread: number; items: Alert[] } }>(ALERTS, {}, user);
  expect(response.errors).toBeUndefined();
  return response.data!.alerts;
}

test('a new owner is alerted of what needs a person in the app and by email; of sales in the app', async () => {
  const response = await gql<{ alertPreferences: Record<string, unknown> }>(PREFS, {}, other);
  const prefs = response.data!.alertPreferences as {
    email: string;
    emailAvailable: boolean;
    pushPublicKey: string;
    events: { event: string; inApp: boolean; email: boolean }[];
  };
  expect(prefs.email).toBe(other.user.email);
  expect(prefs.emailAvailable).toBe(true);
  expect(Buffer.from(prefs.pushPublicKey, 'base64url')).toHaveLength(65);
  const of = (event: string) => prefs.events.find((item) => item.event === event);
  for (const event of [
    'HANDOFF',
    'PERSON_REQUESTED',
    'ATTENTION',
    'REPLY_NOT_SENT',
    'INTEGRATION_ERROR',
  ]) {
    expect(of(event)).toMatchObject({ inApp: true, email: true });
  }
  expect(of('SALE')).toMatchObject({ inApp: true, email: false });
});

test('a customer asking for a person: one email to the owner with the chat link, the alert live in the app', async () => {
  const ws = app.t.wsClient(owner.accessToken);
  const live = subscribe<{ alertRaised: Alert }>(
    ws,
    'subscription { alertRaised { event title chatId link } }',
  );
  await sleep(200);
  const customer = newCustomerId();
  const { chatId } = await say(customer, 'Can I talk to a real person please?');

  const event = await live.waitFor((data) => data.alertRaised.chatId === chatId);
  expect(event.alertRaised).toMatchObject({ event: 'PERSON_REQUESTED', link: `/inbox/${chatId}` });
  const [mail] = await eventually(() => (mailsTo(chatId).length > 0 ? mailsTo(chatId) : undefined));
  expect(mail!.to).toEqual([owner.user.email]);
  expect(mail!.from).toBe('alerts@porto.test');
  expect(mail!.subject).toContain('asked for a person');
  expect(mail!.text).toContain(`http://localhost:${app.t.config.port}/inbox/${chatId}`);
  expect(mail!.html).toContain(`/inbox/${chatId}`);
  const list = await feed(owner);
  expect(list.items[0]).toMatchObject({ event: 'PERSON_REQUESTED', chatId });
  expect(list.unread).toBeGreaterThan(0);
  live.stop();

  await gql('mutation { markAlertsRead { unread } }', {}, owner);
  expect((await feed(owner)).unread).toBe(0);
});

test('ten replies not sent in one chat within 10 minutes: ten alerts in the app, one email', async () => {
  const customer = newCustomerId();
  const { chatId } = await say(customer, 'Hello, is the tote still available?');
  app.graph.failNextSends(10, 'outside-window');
  for (let index = 0; index < 10; index++) await say(customer, `Question number ${index + 1}?`);
  await eventually(() => mailsTo(chatId).length > 0 || undefined);
  await sleep(500);
  expect(mailsTo(chatId)).toHaveLength(1);
  expect(mailsTo(chatId)[0]!.subject).toMatch(/was not sent/);
  const unsent = (await feed(owner)).items.filter(
    (item) => item.chatId === chatId && item.event === 'REPLY_NOT_SENT',
  );
  expect(unsent).toHaveLength(10);
});

test('quiet hours hold the email until they end', async () => {
  const now = new Date();
  const hhmm = (date: Date) => date.toISOString().slice(11, 16);
  const end = new Date(now.getTime() + 60 * 60_000);
  await gql(
    UPDATE,
    {
      input: {
        quietHours: {
          enabled: true,
          start: hhmm(new Date(now.getTime() - 60 * 60_000)),
          end: hhmm(end),
        },
      },
    },
    owner,
  );
  try {
    const { chatId } = await say(newCustomerId(), 'I want to speak to a human');
    await sleep(600);
    expect(mailsTo(chatId)).toHaveLength(0);
    const held = await AlertDeliveryModel.find({ userId: app.business.owner.user.id }).lean();
    const heldUntil = held.find((item) => item.link.endsWith(chatId))!.nextAttemptAt;
    expect(hhmm(heldUntil)).toBe(hhmm(end));
    // When they end, the sweep sends it.
    await app.t.app.services.alertSender.sweep(new Date(heldUntil.getTime() + 1000));
    await eventually(() => mailsTo(chatId).length === 1 || undefined);
  } finally {
    await gql(
      UPDATE,
      { input: { quietHours: { enabled: false, start: '22:00', end: '07:00' } } },
      owner,
    );
  }
});

test('an SMTP server that hangs or refuses does not slow the reply, and the email is retried until it goes', async () => {
  const replyTime = async (text: string) => {
    const customer = newCustomerId();
    const before = app.graph.sends().length;
    const { chatId, posted } = await say(customer, text);
    await eventually(() => app.graph.sends().length > before || undefined);
    return { chatId, ms: Date.now() - posted };
  };
  const baseline = await replyTime('Can I talk to a person?');
  for (const mode of ['hang', 'refuse'] as const) {
    smtp.setMode(mode);
    const turnedAway = smtp.turnedAway;
    const slowed = await replyTime('Can I speak to someone from the team?');
    // The reply went out while the email waits for a server that will not take it.
    expect(slowed.ms).toBeLessThan(baseline.ms + 1000);
    await eventually(() => smtp.turnedAway > turnedAway || undefined, 10_000);
    expect(mailsTo(slowed.chatId)).toHaveLength(0);
    smtp.setMode('accept');
    await eventually(() => mailsTo(slowed.chatId).length === 1 || undefined, 15_000);
    console.log(
      `alerts: reply ${baseline.ms} ms with SMTP fine, ${slowed.ms} ms with SMTP ${mode}`,
    );
  }
});

test('web push: the payload decrypts (RFC 8291) to the alert; a gone browser is forgotten', async () => {
  const browser = push.browser('owner-laptop');
  const subscribed = await gql(
    SUBSCRIBE_PUSH,
    { input: { endpoint: browser.endpoint, p256dh: browser.p256dh, auth: browser.auth } },
    owner,
  );
  expect(subscribed.errors).toBeUndefined();
  const prefs = await gql<{ alertPreferences: { pushPublicKey: string; pushBrowsers: number } }>(
    PREFS,
    {},
    owner,
  );
  expect(prefs.data!.alertPreferences.pushBrowsers).toBe(1);

  const { chatId } = await say(newCustomerId(), 'Can a human help me?');
  const request = await eventually(() =>
    push.requests.find((item) => item.path === '/push/owner-laptop'),
  );
  expect(request.headers['content-encoding']).toBe('aes128gcm');
  expect(String(request.headers.authorization)).toContain(
    `k=${prefs.data!.alertPreferences.pushPublicKey}`,
  );
  const payload = JSON.parse(browser.decrypt(request.body)) as { title: string; link: string };
  expect(payload.title).toContain('asked for a person');
  expect(payload.link).toBe(`http://localhost:${app.t.config.port}/inbox/${chatId}`);

  push.answer(410);
  try {
    await gql('mutation { sendTestAlert }', {}, owner);
    // Once a minute: each one reaches every browser and the mailbox.
    const again = await gql('mutation { sendTestAlert }', {}, owner);
    expect(again.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    await eventually(async () => {
      const after = await gql<{ alertPreferences: { pushBrowsers: number } }>(PREFS, {}, owner);
      return after.data!.alertPreferences.pushBrowsers === 0 || undefined;
    });
  } finally {
    push.answer(201);
  }
});

test("another user cannot read or change an owner's preferences, alerts or push browsers (NOT_FOUND)", async () => {
  const browser = push.browser('owner-phone');
  await gql(
    SUBSCRIBE_PUSH,
    { input: { endpoint: browser.endpoint, p256dh: browser.p256dh, auth: browser.auth } },
    owner,
  );
  await gql(
    UPDATE,
    { input: { events: [{ event: 'SALE', inApp: true, email: true, push: false }] } },
    owner,
  );

  const theirs = await gql<{
    alertPreferences: { events: { event: string; email: boolean }[]; pushBrowsers: number };
  }>(PREFS, {}, other);
  expect(theirs.data!.alertPreferences.events.find((item) => item.event === 'SALE')!.email).toBe(
    false,
  );
  expect(theirs.data!.alertPreferences.pushBrowsers).toBe(0);
  expect((await feed(other)).items.filter((item) => item.chatId)).toEqual([]);

  const removed = await gql(UNSUBSCRIBE_PUSH, { endpoint: browser.endpoint }, other);
  expect(removed.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  const mine = await gql<{ alertPreferences: { pushBrowsers: number } }>(PREFS, {}, owner);
  expect(mine.data!.alertPreferences.pushBrowsers).toBe(1);
  expect(
    (await gql(UNSUBSCRIBE_PUSH, { endpoint: browser.endpoint }, owner)).errors,
  ).toBeUndefined();
});

test('bad preferences are refused per field and change nothing', async () => {
  const refused = await gql(
    UPDATE,
    {
      input: {
        events: [{ event: 'TEST', inApp: true, email: true, push: true }],
        quietHours: { enabled: true, start: '25:00', end: '7' },
      },
    },
    other,
  );
  const error = refused.errors?.[0]?.extensions as { code: string; fields: { path: string }[] };
  expect(error.code).toBe('BAD_USER_INPUT');
  expect(error.fields.map((field) => field.path).sort()).toEqual([
    'events.0.event',
    'quietHours.end',
    'quietHours.start',
  ]);
  const prefs = await gql<{ alertPreferences: { quietHours: { enabled: boolean } } }>(
    PREFS,
    {},
    other,
  );
  expect(prefs.data!.alertPreferences.quietHours.enabled).toBe(false);

  const badPush = await gql(
    SUBSCRIBE_PUSH,
    { input: { endpoint: 'ftp://x', p256dh: 'abc', auth: 'abc' } },
    other,
  );
  expect(badPush.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
});

test("the daily summary: yesterday's figures and the chats waiting, once a day", async () => {
  await gql(UPDATE, { input: { dailySummary: { enabled: true, hour: 0 } } }, owner);
  const summaries = () => smtp.mails.filter((mail) => mail.subject.startsWith('Your sales desk'));
  await app.t.app.services.dailySummaries.sweep();
  const [summary] = await eventually(() => (summaries().length > 0 ? summaries() : undefined));
  expect(summary!.subject).toMatch(/^Your sales desk yesterday/);
  expect(summary!.text).toMatch(/\d+ chats? (is|are) waiting for a person/);
  expect(summary!.text).toContain('/inbox?attention=1');
  await app.t.app.services.dailySummaries.sweep();
  await sleep(300);
  expect(summaries()).toHaveLength(1);
});
