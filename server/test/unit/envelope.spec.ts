import { EMBEDDED_ENVELOPE, EnvelopeStatus, readEnvelope } from '../../src/db/envelope';

const at = (share: Partial<Record<keyof typeof EMBEDDED_ENVELOPE, number>>) =>
  readEnvelope({
    chats: Math.round((share.chats ?? 0) * EMBEDDED_ENVELOPE.chats),
    messages: Math.round((share.messages ?? 0) * EMBEDDED_ENVELOPE.messages),
    inboxEvents: Math.round((share.inboxEvents ?? 0) * EMBEDDED_ENVELOPE.inboxEvents),
  });

test('every figure is read against its own limit', () => {
  const reading = readEnvelope({ chats: 5_000, messages: 20_000, inboxEvents: 0 });
  expect(reading.figures).toEqual([
    {
      name: 'chats',
      count: 5_000,
      limit: EMBEDDED_ENVELOPE.chats,
      share: 5_000 / EMBEDDED_ENVELOPE.chats,
    },
    {
      name: 'messages',
      count: 20_000,
      limit: EMBEDDED_ENVELOPE.messages,
      share: 20_000 / EMBEDDED_ENVELOPE.messages,
    },
    { name: 'inboxEvents', count: 0, limit: EMBEDDED_ENVELOPE.inboxEvents, share: 0 },
  ]);
});

test('under 80% of every figure is within the envelope', () => {
  expect(at({}).status).toBe(EnvelopeStatus.WITHIN);
  expect(at({ chats: 0.79, messages: 0.79, inboxEvents: 0.79 })).toMatchObject({
    status: EnvelopeStatus.WITHIN,
    advice: expect.stringMatching(/^Within the envelope/),
  });
});

test('80% of any one figure, up to all of it, is nearing: plan the move', () => {
  for (const reading of [at({ messages: 0.8 }), at({ inboxEvents: 0.95 }), at({ chats: 1 })]) {
    expect(reading).toMatchObject({
      status: EnvelopeStatus.NEARING,
      advice: expect.stringMatching(/^Nearing the envelope.*plan the move/),
    });
  }
});

test('past any one figure is beyond: move to MongoDB with db:move', () => {
  const reading = readEnvelope({ chats: EMBEDDED_ENVELOPE.chats + 1, messages: 0, inboxEvents: 0 });
  expect(reading).toMatchObject({
    status: EnvelopeStatus.BEYOND,
    advice: 'Beyond the envelope: move to MongoDB with `npm run db:move -- <uri>`.',
  });
});
