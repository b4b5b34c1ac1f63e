import { ChatModel } from '../../src/modules/chats/chat.model';
import { SILENCE_SIGNAL } from '../../src/modules/chats/lead.service';
import { startBusinessApp, type BusinessApp } from '../support/businessApp';
import type { ConnectedBusiness } from '../support/connectedBusiness';
import { messagingPayload, postWebhook } from '../support/metaPayloads';
import type { TestApp } from '../support/testApp';

let app: BusinessApp;
let t: TestApp;
let business: ConnectedBusiness;

beforeAll(async () => {
  app = await startBusinessApp();
  ({ t, business } = app);
});
afterAll(() => app.stop());

const to = `${Date.now()}77`;
const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3600_000);
async function write(text: string) {
  await postWebhook(
    t.url,
    'facebook',
    messagingPayload('page', business.pageId, [{ customerId: to, text }]),
  );
  await t.app.webhookQueue.idle(15_000);
}
const chat = async () => (await ChatModel.findOne({ customerId: to }).lean())!;
const silenceReasons = async () =>
  (await chat()).leadScoreReasons.filter((reason) => reason.signal === SILENCE_SIGNAL);

test('a lead silent for 48 hours loses points once per silence, with the reason', async () => {
  await write('How much is it?');
  await ChatModel.updateOne({ customerId: to }, { $set: { leadScore: 50 } });

  // Not yet 48 hours: nothing happens.
  await ChatModel.updateOne({ customerId: to }, { $set: { lastCustomerMessageAt: hoursAgo(47) } });
  await t.app.services.leads.penalizeSilence();
  expect((await chat()).leadScore).toBe(50);

  await ChatModel.updateOne({ customerId: to }, { $set: { lastCustomerMessageAt: hoursAgo(49) } });
  expect(await t.app.services.leads.penalizeSilence()).toBeGreaterThanOrEqual(1);
  expect((await chat()).leadScore).toBe(40);
  expect(await silenceReasons()).toEqual([expect.objectContaining({ delta: -10 })]);

  // The same silence is charged once.
  await t.app.services.leads.penalizeSilence();
  expect((await chat()).leadScore).toBe(40);

  // The customer writes again; a new long silence counts again.
  await write('Still thinking about it');
  expect((await chat()).silenceNoted).toBe(false);
  const scored = (await chat()).leadScore;
  await ChatModel.updateOne({ customerId: to }, { $set: { lastCustomerMessageAt: hoursAgo(50) } });
  await t.app.services.leads.penalizeSilence();
  expect((await chat()).leadScore).toBe(Math.max(0, scored - 10));
  expect(await silenceReasons()).toHaveLength(2);
});

test('converted and test chats are never charged for silence', async () => {
  await ChatModel.updateMany(
    { userId: business.owner.user.id },
    { $set: { lastCustomerMessageAt: hoursAgo(100), silenceNoted: false, status: 'converted' } },
  );
  expect(await t.app.services.leads.penalizeSilence()).toBe(0);
});
