import { createHmac, randomBytes } from 'node:crypto';
import { signBody } from '../../src/platforms/webhookSignature';

export const APP_SECRET = 'test-meta-app-secret';
export const VERIFY_TOKEN = 'test-verify-token';

let counter = 0;
export const mid = (prefix = 'm_') =>
  `${prefix}${Date.now()}${++counter}${randomBytes(3).toString('hex')}`;

export interface CustomerText {
  customerId: string;
  text: string;
  /** Default: now. */
  at?: Date;
  id?: string;
  referral?: Record<string, unknown>;
}

/** Messenger (`object: page`) or Instagram (`object: instagram`), as Meta sends them. */
export function messagingPayload(
  object: 'page' | 'instagram',
  recipientId: string,
  messages: CustomerText[],
): Record<string, unknown> {
  return messagingEnvelope(
    object,
    recipientId,
    messages.map((message) =>
      customerEvent(recipientId, message.customerId, {
        timestamp: (message.at ?? new Date()).getTime(),
        message: { mid: message.id ?? mid(), text: message.text },
        ...(message.referral ? { referral: message.referral } : {}),
      }),
    ),
  );
}

/** The webhook around raw `messaging` events (messages, postbacks, referrals...) of one Page. */
export const messagingEnvelope = (
  object: 'page' | 'instagram',
  recipientId: string,
  events: object[],
): Record<string, unknown> => ({
  object,
  entry: [{ id: recipientId, time: Date.now(), messaging: events }],
});

/** One `messaging` event from a customer to the Page: `event` holds `message`, `postback`... */
export const customerEvent = (recipientId: string, customerId: string, event: object) => ({
  sender: { id: customerId },
  recipient: { id: recipientId },
  timestamp: Date.now(),
  ...event,
});

/** The `whatsapp_business_account` webhook around one `messages` change of a number. */
export function whatsappChange(phoneNumberId: string, value: Record<string, unknown>) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'WABA_ID',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550100', phone_number_id: phoneNumberId },
              ...value,
            },
          },
        ],
      },
    ],
  };
}

export function whatsappPayload(
  phoneNumberId: string,
  messages: (CustomerText & { name?: string })[],
): Record<string, unknown> {
  return whatsappChange(phoneNumberId, {
    contacts: messages.map((message) => ({
      profile: { name: message.name ?? 'Customer' },
      wa_id: message.customerId,
    })),
    messages: messages.map((message) => ({
      from: message.customerId,
      id: message.id ?? mid('wamid.'),
      timestamp: String(Math.floor((message.at ?? new Date()).getTime() / 1000)),
      type: 'text',
      text: { body: message.text },
    })),
  });
}

export interface StatusReceipt {
  id: string;
  status: 'sent' | 'delivered' | 'read' | 'failed';
  recipientId: string;
  /** What we sent as `biz_opaque_callback_data`, echoed back. */
  reference?: string;
}

/** WhatsApp's `statuses[]` webhook for messages we sent from `phoneNumberId`. */
export function whatsappStatusPayload(
  phoneNumberId: string,
  receipts: StatusReceipt[],
): Record<string, unknown> {
  return whatsappChange(phoneNumberId, {
    statuses: receipts.map((receipt) => ({
      id: receipt.id,
      status: receipt.status,
      timestamp: String(Math.floor(Date.now() / 1000)),
      recipient_id: receipt.recipientId,
      ...(receipt.reference ? { biz_opaque_callback_data: receipt.reference } : {}),
    })),
  });
}

/** POSTs a webhook body signed with the app secret (or a given signature). */
export async function postWebhook(
  baseUrl: string,
  platform: 'facebook' | 'instagram' | 'whatsapp',
  body: unknown,
  signature?: string,
): Promise<Response> {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  return fetch(`${baseUrl}/webhooks/${platform}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-hub-signature-256': signature ?? signBody(raw, APP_SECRET),
    },
    body: raw,
  });
}

/** A `signed_request` as Meta signs its Deauthorize and Data Deletion callbacks, with `secret`. */
export function signedRequest(userId: string, secret = APP_SECRET): string {
  const payload = Buffer.from(
    JSON.stringify({ user_id: userId, algorithm: 'HMAC-SHA256', issued_at: 1_764_700_000 }),
  ).toString('base64url');
  return `${createHmac('sha256', secret).update(payload).digest('base64url')}.${payload}`;
}

/** Posts `signed_request` as Meta does: a form body to one of the callbacks at `path`. */
export const postSignedRequest = (baseUrl: string, path: string, signed: string) =>
  fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ signed_request: signed }).toString(),
  });
