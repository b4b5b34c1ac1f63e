import { parseMessagingWebhook, WebhookPayloadError } from '../../src/platforms/messenger';
import { Platform } from '../../src/platforms/platform';
import { parseWhatsAppWebhook } from '../../src/platforms/whatsapp';

// Payloads follow Meta's documented webhook shapes (Messenger "messages",
// "messaging_postbacks", "messaging_referrals"; WhatsApp Cloud API "messages" field).

const PAGE = '106540352242922';
const PSID_1 = '6945120098817311';
const PSID_2 = '7311029384756102';
const T0 = 1763942400000; // 2025-11-24T00:00:00Z, Messenger's milliseconds

const adReferral = {
  ref: 'spring-sale',
  ad_id: '120226305854810726',
  source: 'ADS',
  type: 'OPEN_THREAD',
  ads_context_data: {
    ad_title: 'Red sneakers, 30% off',
    photo_url: 'https://scontent.xx.fbcdn.net/ad.jpg',
    post_id: '106540352242922_1234',
  },
};

const messengerBatch = {
  object: 'page',
  entry: [
    {
      id: PAGE,
      time: T0 + 5000,
      messaging: [
        {
          sender: { id: PSID_1 },
          recipient: { id: PAGE },
          timestamp: T0,
          message: { mid: 'm_A1', text: 'Do you have the red sneakers in 42?' },
          referral: adReferral,
        },
        {
          sender: { id: PSID_1 },
          recipient: { id: PAGE },
          timestamp: T0 + 1000,
          message: {
            mid: 'm_A2',
            attachments: [
              { type: 'image', payload: { url: 'https://cdn.fbsbx.com/v/foot.jpg?_nc=1' } },
            ],
          },
        },
        {
          sender: { id: PAGE },
          recipient: { id: PSID_1 },
          timestamp: T0 + 2000,
          message: { mid: 'm_ECHO', is_echo: true, app_id: 1517776481860111, text: 'Yes!' },
        },
        {
          sender: { id: PSID_1 },
          recipient: { id: PAGE },
          delivery: { mids: ['m_ECHO'], watermark: T0 + 2500 },
        },
      ],
    },
    {
      id: PAGE,
      time: T0 + 9000,
      messaging: [
        {
          sender: { id: PSID_2 },
          recipient: { id: PAGE },
          timestamp: T0 + 3000,
          message: { mid: 'm_B1', text: 'Size 42', quick_reply: { payload: 'SIZE_42' } },
        },
        {
          sender: { id: PSID_2 },
          recipient: { id: PAGE },
          timestamp: T0 + 4000,
          message: {
            mid: 'm_B2',
            attachments: [
              {
                type: 'file',
                payload: { url: 'https://cdn.fbsbx.com/v/t59/order%20list.pdf?x=1' },
              },
            ],
          },
        },
        {
          sender: { id: PSID_2 },
          recipient: { id: PAGE },
          timestamp: T0 + 6000,
          postback: {
            mid: 'm_P1',
            title: 'Get Started',
            payload: 'GET_STARTED',
            referral: { ref: 'summer', source: 'SHORTLINK', type: 'OPEN_THREAD' },
          },
        },
        { sender: { id: PSID_2 }, recipient: { id: PAGE }, timestamp: T0, read: { watermark: T0 } },
        // Malformed events are skipped, not fatal:
        { recipient: { id: PAGE }, timestamp: T0, message: { mid: 'm_NO_SENDER', text: 'x' } },
        { sender: { id: PSID_2 }, recipient: { id: PAGE }, timestamp: T0, message: { text: 'x' } },
        {
          sender: { id: PSID_2 },
          recipient: { id: PAGE },
          timestamp: T0,
          postback: { title: 'x' },
        },
        'not an event',
      ],
      standby: [
        {
          sender: { id: PSID_2 },
          recipient: { id: PAGE },
          timestamp: T0 + 7000,
          message: { mid: 'm_S1', text: 'Anyone there?' },
        },
      ],
    },
  ],
};

describe('parseMessagingWebhook: Messenger', () => {
  const { messages, statuses } = parseMessagingWebhook(messengerBatch, Platform.FACEBOOK);
  const base = { platform: Platform.FACEBOOK, recipientId: PAGE };

  test('one message per customer message, postback and standby event, in batch order', () => {
    expect(messages.map((m) => m.platformMessageId)).toEqual([
      'm_A1',
      'm_A2',
      'm_B1',
      'm_B2',
      'm_P1',
      'm_S1',
    ]);
    expect(statuses).toEqual([]);
  });

  test('text with an ad referral', () => {
    expect(messages[0]).toStrictEqual({
      ...base,
      customerId: PSID_1,
      platformMessageId: 'm_A1',
      timestamp: new Date(T0),
      text: 'Do you have the red sneakers in 42?',
      kind: 'text',
      attachments: [],
      referral: {
        source: 'ADS',
        type: 'OPEN_THREAD',
        adId: '120226305854810726',
        ref: 'spring-sale',
        headline: 'Red sneakers, 30% off',
      },
    });
  });

  test('attachment-only messages are described', () => {
    expect(messages[1]).toStrictEqual({
      ...base,
      customerId: PSID_1,
      platformMessageId: 'm_A2',
      timestamp: new Date(T0 + 1000),
      text: '[image]',
      kind: 'image',
      attachments: [{ type: 'image', url: 'https://cdn.fbsbx.com/v/foot.jpg?_nc=1' }],
    });
    expect(messages[3]).toStrictEqual({
      ...base,
      customerId: PSID_2,
      platformMessageId: 'm_B2',
      timestamp: new Date(T0 + 4000),
      text: '[file: order list.pdf]',
      kind: 'file',
      attachments: [
        {
          type: 'file',
          url: 'https://cdn.fbsbx.com/v/t59/order%20list.pdf?x=1',
          title: 'order list.pdf',
        },
      ],
    });
  });

  test('quick replies keep their payload', () => {
    expect(messages[2]).toStrictEqual({
      ...base,
      customerId: PSID_2,
      platformMessageId: 'm_B1',
      timestamp: new Date(T0 + 3000),
      text: 'Size 42',
      kind: 'quick_reply',
      attachments: [],
      quickReplyPayload: 'SIZE_42',
    });
  });

  test('a postback becomes a message: title as text, payload, its referral', () => {
    expect(messages[4]).toStrictEqual({
      ...base,
      customerId: PSID_2,
      platformMessageId: 'm_P1',
      timestamp: new Date(T0 + 6000),
      text: 'Get Started',
      kind: 'quick_reply',
      attachments: [],
      quickReplyPayload: 'GET_STARTED',
      referral: { source: 'SHORTLINK', type: 'OPEN_THREAD', ref: 'summer' },
    });
  });

  test('standby (handover) messages are kept', () => {
    expect(messages[5]).toMatchObject({ customerId: PSID_2, text: 'Anyone there?' });
  });
});

describe('parseMessagingWebhook: Instagram', () => {
  const IG = '17841405822304914';
  const IGSID = '1234567890123456';
  const body = {
    object: 'instagram',
    entry: [
      {
        id: IG,
        time: T0,
        messaging: [
          {
            sender: { id: IGSID },
            recipient: { id: IG },
            timestamp: T0,
            message: { mid: 'aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlE', text: 'Price?' },
          },
          {
            sender: { id: IGSID },
            recipient: { id: IG },
            timestamp: T0 + 1000,
            message: {
              mid: 'aWdfMid2',
              attachments: [
                {
                  type: 'image',
                  payload: {
                    url: 'https://lookaside.fbsbx.com/s.png',
                    sticker_id: 369239263222822,
                  },
                },
                {
                  type: 'sticker',
                  payload: {
                    url: 'https://lookaside.fbsbx.com/s.png',
                    sticker_id: 369239263222822,
                  },
                },
              ],
            },
          },
          {
            sender: { id: IGSID },
            recipient: { id: IG },
            timestamp: T0 + 2000,
            message: {
              mid: 'aWdfMid3',
              attachments: [{ type: 'ig_reel', payload: { url: 'https://ig/r' } }],
            },
          },
          {
            sender: { id: IG },
            recipient: { id: IGSID },
            timestamp: T0 + 3000,
            message: { mid: 'aWdfEcho', is_echo: true, text: 'Reply' },
          },
          {
            sender: { id: IGSID },
            recipient: { id: IG },
            timestamp: T0 + 4000,
            reaction: { mid: 'aWdfMid3', action: 'react', reaction: 'love', emoji: '❤️' },
          },
          {
            sender: { id: IGSID },
            recipient: { id: IG },
            timestamp: T0 + 5000,
            message: { mid: 'aWdfMid1', is_deleted: true },
          },
        ],
      },
    ],
  };

  test('same messaging[] shape with IG ids; our echoes skipped, reactions and unsends are actions', () => {
    const { messages } = parseMessagingWebhook(body, Platform.INSTAGRAM);
    const base = { platform: Platform.INSTAGRAM, recipientId: IG, customerId: IGSID };
    expect(messages).toStrictEqual([
      {
        ...base,
        platformMessageId: 'aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlE',
        timestamp: new Date(T0),
        text: 'Price?',
        kind: 'text',
        attachments: [],
      },
      {
        // The sticker transition sends image + sticker: kept once, as a sticker.
        ...base,
        platformMessageId: 'aWdfMid2',
        timestamp: new Date(T0 + 1000),
        text: '[sticker]',
        kind: 'sticker',
        attachments: [{ type: 'sticker', url: 'https://lookaside.fbsbx.com/s.png' }],
      },
      {
        // A shared reel is a share, not the customer's own video.
        ...base,
        platformMessageId: 'aWdfMid3',
        timestamp: new Date(T0 + 2000),
        text: '[shared reel]',
        kind: 'share',
        attachments: [],
        parts: [{ type: 'share', shareType: 'reel', url: 'https://ig/r' }],
      },
      {
        ...base,
        platformMessageId: `reaction:aWdfMid3:${IGSID}:${T0 + 4000}`,
        timestamp: new Date(T0 + 4000),
        text: '',
        attachments: [],
        action: { type: 'reaction', targetId: 'aWdfMid3', emoji: '❤️', removed: false },
      },
      {
        ...base,
        platformMessageId: 'unsend:aWdfMid1',
        timestamp: new Date(T0 + 5000),
        text: '',
        attachments: [],
        action: { type: 'unsend', targetId: 'aWdfMid1' },
      },
    ]);
  });

  test('the object must match the platform', () => {
    expect(() => parseMessagingWebhook(body, Platform.FACEBOOK)).toThrow(WebhookPayloadError);
    expect(() => parseMessagingWebhook(messengerBatch, Platform.INSTAGRAM)).toThrow(
      /Instagram webhooks have "object": "instagram", this body has "page"/,
    );
  });
});

describe('parseMessagingWebhook: other documented variants', () => {
  test('message-level referral, seconds timestamps (dashboard test tool), entry id fallback', () => {
    const body = {
      object: 'page',
      entry: [
        {
          id: PAGE,
          time: T0,
          messaging: [
            {
              sender: { id: PSID_1 },
              recipient: {},
              timestamp: '1763942400',
              message: {
                mid: 'm_R1',
                text: 'Is this still available?',
                referral: { source: 'ADS', type: 'OPEN_THREAD', ad_id: '42', ads_context_data: {} },
              },
            },
            {
              sender: { id: PSID_1 },
              recipient: { id: PAGE },
              message: {
                mid: 'm_R2',
                attachments: [
                  {
                    type: 'location',
                    title: 'Pinned Location',
                    payload: { coordinates: { lat: 51.5, long: -0.12 } },
                  },
                  { type: 'fallback', payload: { url: 'https://example.com/p', title: 'A link' } },
                ],
              },
            },
          ],
        },
      ],
    };
    const { messages } = parseMessagingWebhook(body, Platform.FACEBOOK);
    expect(messages).toStrictEqual([
      {
        platform: Platform.FACEBOOK,
        recipientId: PAGE,
        customerId: PSID_1,
        platformMessageId: 'm_R1',
        timestamp: new Date(T0),
        text: 'Is this still available?',
        kind: 'text',
        attachments: [],
        referral: { source: 'ADS', type: 'OPEN_THREAD', adId: '42' },
      },
      {
        platform: Platform.FACEBOOK,
        recipientId: PAGE,
        customerId: PSID_1,
        platformMessageId: 'm_R2',
        timestamp: new Date(T0), // no event timestamp: the entry's time
        text: '[location: Pinned Location] [shared link: A link]',
        kind: 'share',
        attachments: [],
        parts: [
          { type: 'location', latitude: 51.5, longitude: -0.12, name: 'Pinned Location' },
          { type: 'share', shareType: 'link', url: 'https://example.com/p', title: 'A link' },
        ],
      },
    ]);
  });
});

describe('malformed bodies', () => {
  test.each([
    ['a string', 'hello'],
    ['null', null],
    ['an array', []],
    ['no object', { entry: [] }],
    ['another object', { object: 'whatsapp_business_account', entry: [] }],
    ['no entry list', { object: 'page' }],
  ])('%s is a WebhookPayloadError', (_label, body) => {
    expect(() => parseMessagingWebhook(body, Platform.FACEBOOK)).toThrow(WebhookPayloadError);
  });

  test('an empty entry list is simply nothing', () => {
    expect(parseMessagingWebhook({ object: 'page', entry: [] }, Platform.FACEBOOK)).toEqual({
      messages: [],
      statuses: [],
    });
  });
});

describe('parseWhatsAppWebhook', () => {
  const PHONE_ID = '106540352242922';
  const ANA = '16505551234';
  const BEN = '447700900123';
  const S = 1749416383; // seconds
  const ts = (offset: number) => String(S + offset);
  const message = (from: string, id: string, offset: number, rest: object) => ({
    from,
    id,
    timestamp: ts(offset),
    ...rest,
  });
  const body = {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: PHONE_ID },
              contacts: [
                { profile: { name: 'Ana Silva' }, wa_id: ANA },
                { profile: { name: 'Ben Jones' }, wa_id: BEN },
              ],
              messages: [
                message(ANA, 'wamid.TEXT', 0, {
                  type: 'text',
                  text: { body: 'Is the blender still on sale?' },
                  referral: {
                    source_url: 'https://fb.me/3cr4Wqqkv',
                    source_id: '120226305854810726',
                    source_type: 'ad',
                    body: 'Blend anything',
                    headline: 'Chat with us',
                    media_type: 'image',
                    image_url: 'https://scontent.xx.fbcdn.net/ad.jpg',
                    ctwa_clid: 'Aff-n8ZTODiE79d22KtAwQKj9e_mIEOOj27vDVwFjN80dp4',
                  },
                }),
                message(BEN, 'wamid.IMAGE', 1, {
                  type: 'image',
                  image: {
                    caption: 'This one',
                    mime_type: 'image/jpeg',
                    sha256: 'abc',
                    id: '1003383421387256',
                  },
                }),
                message(BEN, 'wamid.DOC', 2, {
                  type: 'document',
                  document: {
                    filename: 'quote.pdf',
                    mime_type: 'application/pdf',
                    sha256: 'def',
                    id: '2003',
                  },
                }),
                message(ANA, 'wamid.BUTTON_REPLY', 3, {
                  context: { from: '15550783881', id: 'wamid.OURS' },
                  type: 'interactive',
                  interactive: {
                    type: 'button_reply',
                    button_reply: { id: 'buy-now', title: 'Buy now' },
                  },
                }),
                message(ANA, 'wamid.LIST_REPLY', 4, {
                  type: 'interactive',
                  interactive: {
                    type: 'list_reply',
                    list_reply: { id: 'express', title: 'Express', description: '1-2 days' },
                  },
                }),
                message(BEN, 'wamid.TEMPLATE_BUTTON', 5, {
                  type: 'button',
                  button: { text: 'Yes, call me', payload: 'CALLBACK_YES' },
                }),
                message(BEN, 'wamid.LOCATION', 6, {
                  type: 'location',
                  location: {
                    latitude: 51.5,
                    longitude: -0.12,
                    name: 'Acme Store',
                    address: '1 High St',
                  },
                }),
                message(ANA, 'wamid.VOICE', 7, {
                  type: 'audio',
                  audio: { mime_type: 'audio/ogg; codecs=opus', id: '3003', voice: true },
                }),
                message(ANA, 'wamid.REACTION', 8, {
                  type: 'reaction',
                  reaction: { message_id: 'wamid.OURS', emoji: '👍' },
                }),
                { from: ANA, timestamp: ts(9), type: 'text', text: { body: 'no id' } },
              ],
              statuses: [
                { id: 'wamid.OUT1', status: 'delivered', timestamp: ts(10), recipient_id: ANA },
                { id: 'wamid.OUT2', status: 'read', timestamp: ts(11), recipient_id: BEN },
                {
                  id: 'wamid.OUT3',
                  status: 'failed',
                  timestamp: ts(12),
                  recipient_id: BEN,
                  errors: [
                    {
                      code: 131047,
                      title: 'Re-engagement message',
                      message: 'Re-engagement message',
                      error_data: {
                        details: 'Message failed to send because more than 24 hours have passed',
                      },
                    },
                  ],
                },
                { id: 'wamid.OUT4', status: 'deleted', timestamp: ts(13), recipient_id: BEN },
              ],
            },
          },
          { field: 'message_template_status_update', value: { event: 'APPROVED' } },
        ],
      },
    ],
  };
  const { messages, statuses } = parseWhatsAppWebhook(body);
  const byId = (id: string) => messages.find((m) => m.platformMessageId === id);
  const from = (customerId: string, customerName: string, offset: number) => ({
    platform: Platform.WHATSAPP,
    recipientId: PHONE_ID,
    customerId,
    customerName,
    customerPhone: customerId,
    timestamp: new Date((S + offset) * 1000),
  });

  test('every customer message and reaction; id-less ones skipped', () => {
    expect(byId('wamid.REACTION')?.action).toEqual({
      type: 'reaction',
      targetId: 'wamid.OURS',
      emoji: '👍',
      removed: false,
    });
    expect(messages.map((m) => m.platformMessageId)).toEqual([
      'wamid.TEXT',
      'wamid.IMAGE',
      'wamid.DOC',
      'wamid.BUTTON_REPLY',
      'wamid.LIST_REPLY',
      'wamid.TEMPLATE_BUTTON',
      'wamid.LOCATION',
      'wamid.VOICE',
      'wamid.REACTION',
    ]);
  });

  test('text with a Click-to-WhatsApp referral and the contact name', () => {
    expect(byId('wamid.TEXT')).toStrictEqual({
      ...from(ANA, 'Ana Silva', 0),
      platformMessageId: 'wamid.TEXT',
      text: 'Is the blender still on sale?',
      kind: 'text',
      attachments: [],
      referral: {
        sourceUrl: 'https://fb.me/3cr4Wqqkv',
        adId: '120226305854810726',
        type: 'ad',
        headline: 'Chat with us',
        clickId: 'Aff-n8ZTODiE79d22KtAwQKj9e_mIEOOj27vDVwFjN80dp4',
      },
    });
  });

  test('media: the caption or a description, with the media id', () => {
    expect(byId('wamid.IMAGE')).toStrictEqual({
      ...from(BEN, 'Ben Jones', 1),
      platformMessageId: 'wamid.IMAGE',
      text: 'This one',
      kind: 'image',
      attachments: [
        {
          type: 'image',
          url: 'whatsapp-media:1003383421387256',
          mediaId: '1003383421387256',
          mimeType: 'image/jpeg',
          caption: 'This one',
        },
      ],
    });
    expect(byId('wamid.DOC')).toStrictEqual({
      ...from(BEN, 'Ben Jones', 2),
      platformMessageId: 'wamid.DOC',
      text: '[file: quote.pdf]',
      kind: 'file',
      attachments: [
        {
          type: 'file',
          url: 'whatsapp-media:2003',
          mediaId: '2003',
          mimeType: 'application/pdf',
          title: 'quote.pdf',
        },
      ],
    });
    expect(byId('wamid.VOICE')).toMatchObject({
      text: '[audio]',
      kind: 'audio',
      attachments: [{ type: 'audio', url: 'whatsapp-media:3003', mediaId: '3003', voice: true }],
    });
  });

  test('interactive and template button replies: title as text, id as payload', () => {
    expect(byId('wamid.BUTTON_REPLY')).toStrictEqual({
      ...from(ANA, 'Ana Silva', 3),
      platformMessageId: 'wamid.BUTTON_REPLY',
      text: 'Buy now',
      kind: 'quick_reply',
      attachments: [],
      quickReplyPayload: 'buy-now',
    });
    expect(byId('wamid.LIST_REPLY')).toMatchObject({
      text: 'Express',
      quickReplyPayload: 'express',
    });
    expect(byId('wamid.TEMPLATE_BUTTON')).toMatchObject({
      text: 'Yes, call me',
      quickReplyPayload: 'CALLBACK_YES',
    });
  });

  test('location', () => {
    expect(byId('wamid.LOCATION')).toStrictEqual({
      ...from(BEN, 'Ben Jones', 6),
      platformMessageId: 'wamid.LOCATION',
      text: '[location: Acme Store, 1 High St]',
      kind: 'location',
      attachments: [],
      parts: [
        {
          type: 'location',
          latitude: 51.5,
          longitude: -0.12,
          name: 'Acme Store',
          address: '1 High St',
        },
      ],
    });
  });

  test('statuses: known ones, with errors; unknown status values skipped', () => {
    const status = (id: string, value: string, offset: number, errors: object[] = []) => ({
      platform: Platform.WHATSAPP,
      recipientId: PHONE_ID,
      platformMessageId: id,
      status: value,
      timestamp: new Date((S + offset) * 1000),
      errors,
    });
    expect(statuses).toStrictEqual([
      status('wamid.OUT1', 'delivered', 10),
      status('wamid.OUT2', 'read', 11),
      status('wamid.OUT3', 'failed', 12, [
        { code: 131047, title: 'Re-engagement message', message: 'Re-engagement message' },
      ]),
    ]);
  });

  test('a referral that is not an ad keeps no ad id', () => {
    const post = JSON.parse(JSON.stringify(body)) as typeof body;
    const first = post.entry[0]!.changes[0]!.value as { messages: Record<string, unknown>[] };
    first.messages = [
      {
        ...first.messages[0],
        referral: { source_url: 'https://fb.me/p', source_id: '99', source_type: 'post' },
      },
    ];
    expect(parseWhatsAppWebhook(post).messages[0]?.referral).toStrictEqual({
      sourceUrl: 'https://fb.me/p',
      type: 'post',
    });
  });

  test('wrong object is a WebhookPayloadError', () => {
    expect(() => parseWhatsAppWebhook(messengerBatch)).toThrow(WebhookPayloadError);
    expect(() => parseWhatsAppWebhook({ object: 'whatsapp_business_account' })).toThrow(
      /no "entry" list/,
    );
  });
});
