import { parseMessagingWebhook } from '../../src/platforms/messenger';
import { Platform } from '../../src/platforms/platform';
import { parseWhatsAppWebhook } from '../../src/platforms/whatsapp';

// Shapes from Meta's documented examples (see ../shared/TECH-NOTES.md, "Meta: connecting,
// handover, new payloads, media"); WhatsApp edit/revoke follow well-used SDKs' fixtures.

const PAGE = '106540352242922';
const PSID = '6945120098817311';
const APP = '1517776481860111';
const T0 = 1763942400000;

const page = (...events: object[]) => ({
  object: 'page',
  entry: [{ id: PAGE, time: T0, messaging: events }],
});
const from = (event: object, at = T0) => ({
  sender: { id: PSID },
  recipient: { id: PAGE },
  timestamp: at,
  ...event,
});
const messenger = (body: object, appId?: string) =>
  parseMessagingWebhook(body, Platform.FACEBOOK, { appId }).messages;

describe('Messenger and Instagram: actions on the thread', () => {
  test('an echo of our own app is skipped; one of another app is a person replying', () => {
    const echo = (appId: string, mid: string) => ({
      sender: { id: PAGE },
      recipient: { id: PSID },
      timestamp: T0,
      message: { mid, is_echo: true, app_id: Number(appId), text: 'I can help with that' },
    });
    const parsed = messenger(page(echo(APP, 'm_OURS'), echo('263902037430900', 'm_PERSON')), APP);
    expect(parsed).toEqual([
      expect.objectContaining({
        customerId: PSID,
        recipientId: PAGE,
        platformMessageId: 'm_PERSON',
        action: { type: 'echo', text: 'I can help with that' },
      }),
    ]);
    // Without our app id no echo can be told apart: none is taken for a person.
    expect(messenger(page(echo('263902037430900', 'm_PERSON')))).toEqual([]);
  });

  test('edits, reactions and their removal name the message they change', () => {
    const parsed = messenger(
      page(
        from({ message_edit: { mid: 'm_1', text: 'Size 43, sorry', num_edit: 1 } }),
        from({ reaction: { mid: 'm_1', action: 'react', reaction: 'like', emoji: '👍' } }),
        from({ reaction: { mid: 'm_1', action: 'unreact', reaction: 'like' } }, T0 + 1),
      ),
    );
    expect(parsed.map((m) => m.action)).toEqual([
      { type: 'edit', targetId: 'm_1', text: 'Size 43, sorry' },
      { type: 'reaction', targetId: 'm_1', emoji: '👍', removed: false },
      { type: 'reaction', targetId: 'm_1', emoji: undefined, removed: true },
    ]);
    expect(new Set(parsed.map((m) => m.platformMessageId)).size).toBe(3);
  });

  test('handover: passed to us, taken by another app; standalone referrals', () => {
    const parsed = messenger(
      page(
        from({ pass_thread_control: { new_owner_app_id: APP, previous_owner_app_id: '1' } }),
        from({ take_thread_control: { previous_owner_app_id: APP } }, T0 + 1),
        from({ referral: { ref: 'summer', source: 'SHORTLINK', type: 'OPEN_THREAD' } }),
      ),
      APP,
    );
    expect(parsed[0]!.action).toMatchObject({ type: 'handover', toSalesdesk: true });
    expect(parsed[1]!.action).toMatchObject({ type: 'handover', toSalesdesk: false });
    expect(parsed[2]).toMatchObject({
      action: { type: 'referral' },
      referral: { ref: 'summer', source: 'SHORTLINK' },
    });
  });

  test('Instagram story mentions, story replies and a post shared twice (counted once)', () => {
    const ig = (event: object) => ({
      object: 'instagram',
      entry: [{ id: '1784', time: T0, messaging: [{ ...from(event), recipient: { id: '1784' } }] }],
    });
    const parse = (event: object) =>
      parseMessagingWebhook(ig(event), Platform.INSTAGRAM).messages[0]!;
    expect(
      parse({
        message: {
          mid: 'a1',
          attachments: [{ type: 'story_mention', payload: { url: 'https://s' } }],
        },
      }),
    ).toMatchObject({
      kind: 'story_mention',
      text: '[mentioned you in a story]',
      parts: [{ type: 'story', mention: true, url: 'https://s' }],
    });
    expect(
      parse({
        message: {
          mid: 'a2',
          text: 'Love it!',
          reply_to: { story: { url: 'https://st', id: '9' } },
        },
      }),
    ).toMatchObject({
      kind: 'story_reply',
      text: 'Love it!',
      parts: [{ type: 'story', mention: false, url: 'https://st', storyId: '9' }],
    });
    const shared = parse({
      message: {
        mid: 'a3',
        attachments: [
          { type: 'share', payload: { url: 'https://ig/p/1' } },
          {
            type: 'ig_post',
            payload: { url: 'https://ig/p/1', title: 'New bags', ig_post_media_id: '5' },
          },
        ],
      },
    });
    expect(shared).toMatchObject({ kind: 'share', text: '[shared post: New bags]' });
    expect(shared.parts).toHaveLength(1);
  });
});

describe('WhatsApp: every kind', () => {
  const PHONE = '106540352242999';
  const S = 1749416383;
  const wa = (messages: object[], contacts: object[] = [], field = 'messages', extra = {}) => ({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'WABA',
        changes: [
          {
            field,
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: PHONE },
              contacts,
              messages,
              ...extra,
            },
          },
        ],
      },
    ],
  });
  const one = (rest: object) =>
    parseWhatsAppWebhook(
      wa([{ from: '16505551234', id: 'wamid.X', timestamp: String(S), ...rest }]),
    ).messages[0]!;

  test('an order keeps its items, quantities, prices and currency', () => {
    expect(
      one({
        type: 'order',
        order: {
          catalog_id: 'cat1',
          text: 'for my sister',
          product_items: [
            { product_retailer_id: 'tote-01', quantity: 2, item_price: 189, currency: 'EUR' },
            { product_retailer_id: 'wallet-02', quantity: 1, item_price: 49.5, currency: 'EUR' },
          ],
        },
      }),
    ).toMatchObject({
      kind: 'order',
      text: '[order: 3 items] for my sister',
      parts: [
        {
          type: 'order',
          catalogId: 'cat1',
          items: [
            { productId: 'tote-01', quantity: 2, unitPrice: 189, currency: 'EUR' },
            { productId: 'wallet-02', quantity: 1, unitPrice: 49.5, currency: 'EUR' },
          ],
        },
      ],
    });
  });

  test('contacts keep names, phones and emails; Flows answers their fields', () => {
    expect(
      one({
        type: 'contacts',
        contacts: [
          {
            name: { formatted_name: 'Rita Costa', first_name: 'Rita' },
            phones: [{ phone: '+351 912 345 678', wa_id: '351912345678', type: 'CELL' }],
            emails: [{ email: 'rita@example.com', type: 'WORK' }],
          },
        ],
      }),
    ).toMatchObject({
      kind: 'contacts',
      parts: [
        {
          type: 'contact',
          name: 'Rita Costa',
          phones: ['+351 912 345 678'],
          emails: ['rita@example.com'],
        },
      ],
    });
    expect(
      one({
        type: 'interactive',
        interactive: {
          type: 'nfm_reply',
          nfm_reply: {
            name: 'flow',
            body: 'Sent',
            response_json: '{"size":"M","colour":"cognac"}',
          },
        },
      }),
    ).toMatchObject({
      kind: 'form_reply',
      parts: [{ type: 'form', body: 'Sent', response: { size: 'M', colour: 'cognac' } }],
    });
  });

  test('edits, revokes and number changes are actions; unknown kinds are unsupported', () => {
    expect(
      one({
        type: 'edit',
        edit: {
          original_message_id: 'wamid.A',
          message: { type: 'text', text: { body: 'Black' } },
        },
      }).action,
    ).toEqual({ type: 'edit', targetId: 'wamid.A', text: 'Black' });
    expect(one({ type: 'revoke', revoke: { original_message_id: 'wamid.A' } }).action).toEqual({
      type: 'unsend',
      targetId: 'wamid.A',
    });
    expect(
      one({ type: 'system', system: { type: 'user_changed_number', new_wa_id: '16505550000' } })
        .action,
    ).toEqual({ type: 'number_change', newCustomerId: '16505550000' });
    expect(
      one({ type: 'unsupported', errors: [{ code: 131051, title: 'Message type unknown' }] }),
    ).toMatchObject({
      kind: 'unsupported',
      parts: [{ type: 'unsupported', rawType: 'unsupported', error: 'Message type unknown' }],
    });
    expect(one({ type: 'hologram', hologram: {} })).toMatchObject({
      kind: 'unsupported',
      parts: [{ type: 'unsupported', rawType: 'hologram' }],
    });
  });

  test('business-scoped user ids key the customer; the phone, when sent, is kept beside it', () => {
    const body = wa(
      [
        {
          from_user_id: 'US.13491208655302741918',
          id: 'wamid.B',
          timestamp: String(S),
          type: 'text',
          text: { body: 'Hi' },
        },
      ],
      [{ profile: { name: 'Ana' }, user_id: 'US.13491208655302741918', wa_id: '16505551234' }],
    );
    expect(parseWhatsAppWebhook(body).messages[0]).toMatchObject({
      customerId: 'US.13491208655302741918',
      customerPhone: '16505551234',
      customerAliases: ['16505551234'],
      customerName: 'Ana',
    });
  });

  test('a person writing from the WhatsApp Business app is an echo', () => {
    const body = wa([], [], 'smb_message_echoes', {
      message_echoes: [
        {
          from: '15550783881',
          to: '16505551234',
          id: 'wamid.E',
          timestamp: String(S),
          type: 'text',
          text: { body: 'On my way' },
        },
      ],
    });
    expect(parseWhatsAppWebhook(body).messages).toEqual([
      expect.objectContaining({
        customerId: '16505551234',
        action: { type: 'echo', text: 'On my way' },
      }),
    ]);
  });
});
