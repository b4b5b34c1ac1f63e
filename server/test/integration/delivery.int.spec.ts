import { Types } from 'mongoose';
import { ChatModel } from '../../src/modules/chats/chat.model';
import {
  DeliveryStatus,
  MessageModel,
  Sender,
  type Message,
} from '../../src/modules/chats/message.model';
import { OutboxModel, OutboxState } from '../../src/pipeline/outbox.model';
import { attemptId, SendAttemptModel, SendOutcome } from '../../src/pipeline/sendAttempt.model';
import { newCustomerId, startBusinessApp } from '../support/businessApp';
import type { ConnectedBusiness } from '../support/connectedBusiness';
import type { GraphApiFixture } from '../support/graphApiFixture';
import {
  messagingPayload,
  postWebhook,
  whatsappPayload,
  whatsappStatusPayload,
} from '../support/metaPayloads';
import { signUp, type TestApp } from '../support/testApp';
import { eventually } from '../support/wsSubscriber';

/**
 * A reply is sent at most once and never silently lost: each Send API call is recorded
 * before it is made; an answer that never came makes the reply "not confirmed" (shown,
 * not resent by itself); Meta being unreachable makes it retried with backoff.
 */
let graph: GraphApiFixture;
let t: TestApp;
let business: ConnectedBusiness;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ t, graph, business, stop } = await startBusinessApp({
    configure: (config) => {
      config.pipeline.sendRetryBaseMs = 1;
      config.pipeline.graphApiTimeoutMs = 300;
      config.pipeline.delivery = {
        staleMs: 1500,
        retryBaseMs: 200,
        retryMaxMs: 1000,
        maxAttempts: 20,
        sweepMs: 100,
      };
    },
  }));
});
afterAll(() => stop());

const RESEND =
  'mutation($id: ObjectId!) { resendMessage(messageId: $id) { id delivery { status attempts reason } } }';

/**
 * A message of ours as a server that stopped mid-send left it: its delivery state, the
 * attempt it recorded (if it got that far) and its outbox entry, the attempt begun 5 s ago.
 */
async function stranded(
  near: { chatId: Types.ObjectId; userId: Types.ObjectId; platform: Message['platform'] },
  content: string,
  delivery: { status: DeliveryStatus; attempts: number },
  left: { attempt?: SendOutcome | 'open'; outbox: OutboxState; dueAt?: Date },
) {
  const message = await MessageModel.create({
    chatId: near.chatId,
    userId: near.userId,
    platform: near.platform,
    sender: Sender.AI,
    content,
    delivery: { ...delivery, updatedAt: new Date() },
  });
  const begun = new Date(Date.now() - 5000);
  if (left.attempt) {
    await SendAttemptModel.create({
      _id: attemptId(message._id, 1),
      messageId: message._id,
      attempt: 1,
      startedAt: begun,
      ...(left.attempt === 'open' ? {} : { outcome: left.attempt }),
    });
  }
  await OutboxModel.create({
    _id: message._id,
    chatId: near.chatId,
    state: left.outbox,
    human: false,
    dueAt: left.dueAt ?? new Date(),
    ...(left.outbox === OutboxState.SENDING ? { since: begun } : {}),
  });
  return message;
}

const sendsTo = (customerId: string) =>
  graph.sends().filter((send) => JSON.stringify(send.body).includes(customerId));

async function replyTo(customerId: string, platform: 'facebook' | 'whatsapp' = 'facebook') {
  const body =
    platform === 'facebook'
      ? messagingPayload('page', business.pageId, [{ customerId, text: 'Hi' }])
      : whatsappPayload(business.phoneNumberId, [{ customerId, text: 'Hi' }]);
  expect((await postWebhook(t.url, platform, body)).status).toBe(200);
  await t.app.webhookQueue.idle(20_000);
  const chat = await ChatModel.findOne({ customerId }).lean();
  return (await MessageModel.findOne({ chatId: chat!._id, sender: Sender.AI }).lean())!;
}

test('a timeout is "not confirmed": one call, never repeated by itself', async () => {
  graph.setSendDelay(600);
  try {
    const to = newCustomerId();
    const reply = await replyTo(to);
    expect(reply.delivery).toMatchObject({
      status: DeliveryStatus.UNCONFIRMED,
      attempts: 1,
      reason: expect.stringMatching(
        /did not answer within 0.3 s\. It may have reached the customer/,
      ),
    });
    // Several sweeps later, still one call and still not confirmed.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(sendsTo(to)).toHaveLength(1);
    expect((await MessageModel.findById(reply._id).lean())!.delivery!.status).toBe(
      DeliveryStatus.UNCONFIRMED,
    );
    expect(await OutboxModel.exists({ _id: reply._id })).toBeNull();
  } finally {
    graph.setSendDelay(0);
  }
});

test('"Send again" sends it once more, for its owner only', async () => {
  graph.failNextSends(1, 'server-error');
  const to = newCustomerId();
  const reply = await replyTo(to);
  expect(reply.delivery?.status).toBe(DeliveryStatus.UNCONFIRMED);

  const stranger = await signUp(t);
  const refused = await t.gql(RESEND, { id: reply._id }, { token: stranger.accessToken });
  expect(refused.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  expect(sendsTo(to)).toHaveLength(1);

  const resent = await t.gql<{ resendMessage: { delivery: { status: string; attempts: number } } }>(
    RESEND,
    { id: reply._id },
    { token: business.owner.accessToken },
  );
  expect(resent.data?.resendMessage.delivery).toMatchObject({ status: 'SENT', attempts: 2 });
  expect(sendsTo(to)).toHaveLength(2);
  // A sent message is not sent again.
  const again = await t.gql(RESEND, { id: reply._id }, { token: business.owner.accessToken });
  expect(again.errors?.[0]?.extensions).toMatchObject({
    code: 'BAD_USER_INPUT',
    reason: 'NOT_RESENDABLE',
  });
  expect(sendsTo(to)).toHaveLength(2);
});

test('a later WhatsApp status for a reply that is not confirmed confirms it', async () => {
  graph.failNextSends(1, 'server-error');
  const to = `3519${Math.floor(Math.random() * 1e8)}`;
  const reply = await replyTo(to, 'whatsapp');
  expect(reply.delivery?.status).toBe(DeliveryStatus.UNCONFIRMED);
  // Meta had sent it after all: the status names our id, which went with the message.
  const [send] = sendsTo(to);
  expect((send!.body as { biz_opaque_callback_data?: string }).biz_opaque_callback_data).toBe(
    String(reply._id),
  );
  const receipt = whatsappStatusPayload(business.phoneNumberId, [
    { id: 'wamid.later', status: 'delivered', recipientId: to, reference: String(reply._id) },
  ]);
  expect((await postWebhook(t.url, 'whatsapp', receipt)).status).toBe(200);
  const confirmed = await MessageModel.findById(reply._id).lean();
  expect(confirmed).toMatchObject({
    platformMessageId: 'wamid.later',
    delivery: { status: DeliveryStatus.DELIVERED },
  });
  expect(confirmed!.delivery!.reason).toBeUndefined();
});

test('Meta unreachable: retried with backoff until it is back, then sent once', async () => {
  await graph.goDown();
  const to = newCustomerId();
  let reply;
  try {
    reply = await replyTo(to);
    expect(reply.delivery).toMatchObject({
      status: DeliveryStatus.RETRYING,
      reason: expect.stringMatching(/could not be reached \(ECONNREFUSED\)\. Trying again at /),
    });
    await new Promise((resolve) => setTimeout(resolve, 1500));
  } finally {
    await graph.comeBack();
  }
  const sent = await eventually(async () => {
    const message = await MessageModel.findById(reply._id).lean();
    return message?.delivery?.status === DeliveryStatus.SENT && message;
  });
  expect(sendsTo(to)).toHaveLength(1);
  // Every call was recorded first; all but the last were refused connections.
  const attempts = await SendAttemptModel.find({ messageId: reply._id })
    .sort({ attempt: 1 })
    .lean();
  expect(attempts.length).toBe(sent.delivery!.attempts);
  expect(attempts.at(-1)?.outcome).toBe('sent');
  expect(attempts.slice(0, -1).every((attempt) => attempt.outcome === 'not_sent')).toBe(true);
  expect(attempts.length).toBeLessThan(8);
});

test.each([
  // What a server leaves mid-call: the attempt begun, the message not yet counting it.
  { left: 'pending', delivery: { status: DeliveryStatus.PENDING, attempts: 0 } },
  // What servers before this one left.
  { left: 'sending', delivery: { status: DeliveryStatus.SENDING, attempts: 1 } },
])(
  'a send a stopped server left mid-call ($left) becomes "not confirmed", unsent',
  async ({ delivery }) => {
    const to = newCustomerId();
    const reply = await replyTo(to);
    const ghost = await stranded(reply, 'A reply whose server died mid-call', delivery, {
      attempt: 'open',
      outbox: OutboxState.SENDING,
    });
    const before = graph.sends().length;
    const settled = await eventually(async () => {
      const message = await MessageModel.findById(ghost._id).lean();
      return message?.delivery?.status === DeliveryStatus.UNCONFIRMED && message;
    });
    expect(settled.delivery?.reason).toMatch(/may not have reached the customer/);
    expect(settled.delivery?.attempts).toBe(1);
    expect(graph.sends().length).toBe(before);
  },
);

test('a send a stopped server never began (no attempt recorded) is made, once', async () => {
  const to = newCustomerId();
  const reply = await replyTo(to);
  const pending = await stranded(
    reply,
    'A reply whose server died before its call',
    { status: DeliveryStatus.PENDING, attempts: 0 },
    { outbox: OutboxState.SENDING },
  );
  await eventually(async () => {
    const message = await MessageModel.findById(pending._id).lean();
    return message?.delivery?.status === DeliveryStatus.SENT;
  });
  expect(
    graph.sends().filter((send) => JSON.stringify(send.body).includes('before its call')),
  ).toHaveLength(1);
});

test('two sweeps racing over one due send make one call', async () => {
  const to = newCustomerId();
  const reply = await replyTo(to);
  const due = await stranded(
    reply,
    'Raced by two sweeps',
    { status: DeliveryStatus.RETRYING, attempts: 1 },
    { attempt: SendOutcome.NOT_SENT, outbox: OutboxState.DUE, dueAt: new Date(Date.now() - 1000) },
  );
  const delivery = t.app.services.delivery;
  await Promise.all([delivery.sweep(), delivery.sweep(), delivery.sweep()]);
  await eventually(async () => {
    const message = await MessageModel.findById(due._id).lean();
    return message?.delivery?.status === DeliveryStatus.SENT;
  });
  expect(
    graph.sends().filter((send) => JSON.stringify(send.body).includes('Raced by')),
  ).toHaveLength(1);
  expect(await SendAttemptModel.countDocuments({ messageId: due._id })).toBe(2);
  expect(Types.ObjectId.isValid(String(due._id))).toBe(true);
});

test('a stop after the sweep counted an interrupted attempt: not confirmed, never sent again', async () => {
  const to = newCustomerId();
  const reply = await replyTo(to);
  // What a stop between counting attempt 1 and settling it used to leave: counted, open.
  const counted = await stranded(
    reply,
    'Counted but never settled',
    { status: DeliveryStatus.PENDING, attempts: 1 },
    { attempt: 'open', outbox: OutboxState.SENDING },
  );
  await eventually(async () => {
    const message = await MessageModel.findById(counted._id).lean();
    return message?.delivery?.status === DeliveryStatus.UNCONFIRMED;
  });
  await new Promise((resolve) => setTimeout(resolve, 500)); // a second sweep, were it to send
  expect(
    graph.sends().filter((send) => JSON.stringify(send.body).includes('never settled')),
  ).toHaveLength(0);
  expect(await SendAttemptModel.countDocuments({ messageId: counted._id })).toBe(1);
  expect(await OutboxModel.exists({ _id: counted._id })).toBeNull();
});

test('an interrupted attempt is counted with its "not confirmed" in one write, and a send settled meanwhile stands', async () => {
  const to = newCustomerId();
  const reply = await replyTo(to);
  const open = await stranded(
    reply,
    'Begun then stopped',
    { status: DeliveryStatus.PENDING, attempts: 0 },
    { attempt: 'open', outbox: OutboxState.SENDING },
  );
  await eventually(async () => {
    const message = await MessageModel.findById(open._id).lean();
    return message?.delivery?.status === DeliveryStatus.UNCONFIRMED;
  });
  expect((await MessageModel.findById(open._id).lean())?.delivery?.attempts).toBe(1);

  // Sent and settled by its own attempt after the sweep read it: the sweep does not undo it.
  const sent = await stranded(
    reply,
    'Settled while swept',
    { status: DeliveryStatus.SENT, attempts: 1 },
    { attempt: SendOutcome.SENT, outbox: OutboxState.SENDING },
  );
  await eventually(async () => !(await OutboxModel.exists({ _id: sent._id })));
  expect((await MessageModel.findById(sent._id).lean())?.delivery?.status).toBe(
    DeliveryStatus.SENT,
  );
});
