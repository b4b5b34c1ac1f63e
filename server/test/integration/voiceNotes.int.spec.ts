import { ChatModel } from '../../src/modules/chats/chat.model';
import { MessageModel } from '../../src/modules/chats/message.model';
import { connectedBusiness, type ConnectedBusiness } from '../support/connectedBusiness';
import { startGraphApiFixture, type GraphApiFixture } from '../support/graphApiFixture';
import { DEFAULT_TRANSCRIPT, startGroqFixture, type GroqFixture } from '../support/groqFixture';
import {
  APP_SECRET,
  VERIFY_TOKEN,
  mid,
  postWebhook,
  whatsappChange,
} from '../support/metaPayloads';
import { startTestApp, type TestApp } from '../support/testApp';

/*
 * With a Groq key, a voice note is heard: the recording is fetched and kept, Groq's
 * speech-to-text (the local Groq fixture) gives its words, the transcript is stored on the
 * message and the AI answers it. Without words, it is left for the owner.
 */

let graph: GraphApiFixture;
let groq: GroqFixture;
let t: TestApp;
let business: ConnectedBusiness;
const OGG = Buffer.from('OggS-fixture-voice-note-bytes');

beforeAll(async () => {
  graph = await startGraphApiFixture();
  groq = await startGroqFixture();
  t = await startTestApp({
    env: {
      GRAPH_API_URL: graph.url,
      META_APP_SECRET: APP_SECRET,
      WEBHOOK_VERIFY_TOKEN: VERIFY_TOKEN,
      GROQ_API_KEY: 'gsk_test_voice',
      GROQ_BASE_URL: groq.url,
    },
    configure: (config) => {
      config.pipeline.queue.pollMs = 50;
    },
  });
  business = await connectedBusiness(t, graph);
});
afterAll(async () => {
  await t.stop();
  await groq.close();
  await graph.close();
});

async function voiceNote(customer: string, mediaId: string) {
  graph.state.media[mediaId] = { mimeType: 'audio/ogg', body: OGG };
  const response = await postWebhook(
    t.url,
    'whatsapp',
    whatsappChange(business.phoneNumberId, {
      contacts: [{ profile: { name: 'Rita' }, wa_id: customer }],
      messages: [
        {
          from: customer,
          id: mid('wamid.'),
          timestamp: String(Math.floor(Date.now() / 1000)),
          type: 'audio',
          audio: { id: mediaId, mime_type: 'audio/ogg; codecs=opus', voice: true },
        },
      ],
    }),
  );
  expect(response.status).toBe(200);
  await t.app.webhookQueue.idle(20_000);
  const chat = await ChatModel.findOne({ customerId: customer }).lean();
  const messages = await MessageModel.find({ chatId: chat!._id }).sort({ createdAt: 1 }).lean();
  return { chat, messages };
}

test('a voice note is transcribed, shown with its transcript, and answered', async () => {
  const { messages } = await voiceNote(`1558${Date.now() % 10_000_000}`, 'voice-1');
  expect(messages.map((message) => message.sender)).toEqual(['customer', 'ai']);
  expect(messages[0]).toMatchObject({ kind: 'audio', transcript: DEFAULT_TRANSCRIPT });
  const attachment = (messages[0]!.metadata!.attachments as { mediaFileId?: string }[])[0];
  expect(attachment?.mediaFileId).toEqual(expect.any(String));
  const heard = groq.requests.find((request) => request.path.endsWith('/audio/transcriptions'));
  expect(heard?.body).toMatchObject({
    model: 'whisper-large-v3-turbo',
    file: { type: 'audio/ogg' },
  });
  const prompt = JSON.stringify(
    groq.requests.filter((r) => r.path.endsWith('/completions')).at(-1)?.body,
  );
  expect(prompt).toContain('cognac tote');
});

test('a voice note Groq cannot transcribe is left for the owner', async () => {
  groq.enqueueTranscripts(null, null);
  const { chat, messages } = await voiceNote(`1559${Date.now() % 10_000_000}`, 'voice-2');
  expect(messages.map((message) => message.sender)).toEqual(['customer']);
  expect(messages[0]!.transcript).toBeUndefined();
  expect(chat).toMatchObject({
    needsAttention: true,
    attentionReason: expect.stringMatching(/voice/),
  });
});
