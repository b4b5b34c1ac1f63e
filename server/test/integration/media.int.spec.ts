import { MessageModel, Sender } from '../../src/modules/chats/message.model';
import { connectedBusiness, type ConnectedBusiness } from '../support/connectedBusiness';
import { startGraphApiFixture, type GraphApiFixture } from '../support/graphApiFixture';
import {
  APP_SECRET,
  VERIFY_TOKEN,
  customerEvent,
  messagingEnvelope,
  mid,
  postWebhook,
  whatsappChange,
} from '../support/metaPayloads';
import { signUp, startTestApp, type TestApp } from '../support/testApp';

/*
 * Customers' media is downloaded by the media sweep before Meta's links expire, kept in
 * the database, and served to its owner only, never rendered when it could run script.
 */

let fixture: GraphApiFixture;
let t: TestApp;
let business: ConnectedBusiness;
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==',
  'base64',
);

beforeAll(async () => {
  fixture = await startGraphApiFixture();
  t = await startTestApp({
    env: {
      GRAPH_API_URL: fixture.url,
      META_APP_SECRET: APP_SECRET,
      WEBHOOK_VERIFY_TOKEN: VERIFY_TOKEN,
    },
    configure: (config) => {
      config.pipeline.queue.pollMs = 50;
      config.pipeline.media = { maxBytes: 4096, maxAttempts: 2, retryBaseMs: 10, sweepMs: 50 };
    },
  });
  business = await connectedBusiness(t, fixture);
});
afterAll(async () => {
  await t.stop();
  await fixture.close();
});

type StoredAttachment = { mediaFileId?: string; unavailable?: string; size?: number };

/** The message's attachments once the sweep has settled every one of them. */
async function settledAttachments(platformMessageId: string): Promise<StoredAttachment[]> {
  await t.app.webhookQueue.idle(15_000);
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const message = await MessageModel.findOne({ platformMessageId }).lean();
    const attachments = (message?.metadata?.attachments ?? []) as StoredAttachment[];
    if (attachments.length > 0 && attachments.every((a) => a.mediaFileId || a.unavailable)) {
      return attachments;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('media not settled');
}

async function whatsappImage(mediaId: string): Promise<string> {
  const id = mid('wamid.');
  await postWebhook(
    t.url,
    'whatsapp',
    whatsappChange(business.phoneNumberId, {
      contacts: [{ profile: { name: 'Ana' }, wa_id: '15551230000' }],
      messages: [
        {
          from: '15551230000',
          id,
          timestamp: String(Math.floor(Date.now() / 1000)),
          type: 'image',
          image: { id: mediaId, mime_type: 'image/png' },
        },
      ],
    }),
  );
  return id;
}

async function messengerFile(url: string): Promise<string> {
  const id = mid();
  const message = { mid: id, attachments: [{ type: 'file', payload: { url } }] };
  await postWebhook(
    t.url,
    'facebook',
    messagingEnvelope('page', business.pageId, [
      customerEvent(business.pageId, `7${Date.now()}`, { message }),
    ]),
  );
  return id;
}

const get = (mediaId: string | undefined, token?: string) =>
  fetch(`${t.url}/api/media/${mediaId}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });

test('WhatsApp media is fetched with the number token, kept, and served to its owner only', async () => {
  fixture.state.media['wa-media-1'] = { mimeType: 'image/png', body: PNG };
  const [attachment] = await settledAttachments(await whatsappImage('wa-media-1'));
  expect(attachment).toMatchObject({ mediaFileId: expect.any(String), size: PNG.length });
  const described = fixture.requests.find((request) => request.path.endsWith('/wa-media-1'));
  expect(described?.authorization).toMatch(/^Bearer /);

  const owned = await get(attachment!.mediaFileId, business.owner.accessToken);
  expect(owned.status).toBe(200);
  expect(owned.headers.get('content-type')).toBe('image/png');
  expect(owned.headers.get('x-content-type-options')).toBe('nosniff');
  expect(Buffer.from(await owned.arrayBuffer()).equals(PNG)).toBe(true);

  const stranger = await signUp(t);
  const refused = await get(attachment!.mediaFileId, stranger.accessToken);
  expect(refused.status).toBe(404);
  expect(await refused.json()).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND' } }] });
  expect((await get(attachment!.mediaFileId)).status).toBe(401);
  expect((await get('not-an-id', business.owner.accessToken)).status).toBe(404);

  // Gone with its message (a deleted chat, the trash), back with it.
  const message = await MessageModel.findOne({
    'metadata.attachments.mediaFileId': attachment!.mediaFileId,
  }).lean();
  await MessageModel.deleteOne({ _id: message!._id });
  expect((await get(attachment!.mediaFileId, business.owner.accessToken)).status).toBe(404);
  await MessageModel.collection.insertOne(message!);
  expect((await get(attachment!.mediaFileId, business.owner.accessToken)).status).toBe(200);
});

test.each([
  ['an HTML page', 'text/html', '<script>alert(1)</script>'],
  ['an SVG image', 'image/svg+xml', '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'],
])('%s a customer sent is only ever a download', async (_label, mimeType, body) => {
  const key = `cdn-${Date.now()}-${Math.random()}`;
  fixture.state.media[key] = { mimeType, body: Buffer.from(body) };
  const [attachment] = await settledAttachments(await messengerFile(`${fixture.url}/cdn/${key}`));
  const response = await get(attachment!.mediaFileId, business.owner.accessToken);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/octet-stream');
  expect(response.headers.get('content-disposition')).toMatch(/^attachment;/);
  expect(response.headers.get('content-security-policy')).toContain('sandbox');
});

test('a download that keeps failing, or is too large, is marked unavailable; the message stays', async () => {
  const missing = await whatsappImage('no-such-media');
  expect((await settledAttachments(missing))[0]).toMatchObject({
    unavailable: 'Could not be downloaded from Meta.',
  });
  fixture.state.media['too-big'] = { mimeType: 'image/png', body: Buffer.alloc(8192) };
  const big = await whatsappImage('too-big');
  expect((await settledAttachments(big))[0]).toMatchObject({ unavailable: 'Too large to keep.' });
  // The customer was answered all the same.
  const message = await MessageModel.findOne({ platformMessageId: big }).lean();
  expect(
    await MessageModel.countDocuments({ chatId: message!.chatId, sender: Sender.AI }),
  ).toBeGreaterThan(0);
});
