import webpush from 'web-push';
import { isDuplicateKey } from '../../db/writeErrors';
import { openSecret, sealSecret } from '../../security/secretBox';
import { resolvesPrivate } from './privateAddress';
import { VAPID_KEYS_ID, VapidKeysModel } from './pushSubscription.model';

export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

export interface PushOptions {
  secretsKey: Buffer;
  /** VAPID's contact: a mailto: or https: URL. */
  subject: string;
  timeoutMs: number;
  /** Local push services (tests, development); production refuses private addresses. */
  allowLocal: boolean;
}

/**
 * What the push service answered: gone (400, 403, 404, 410: a subscription it will never
 * take again, or one the browser dropped), or sent.
 */
export type PushOutcome = 'sent' | 'gone';

const GONE = new Set([400, 403, 404, 410]);

/**
 * Web Push (RFC 8030) with VAPID (RFC 8292) and an encrypted payload (RFC 8291): the
 * `web-push` package encrypts and signs; the request goes out here, with a timeout.
 */
export class WebPush {
  private keys?: Promise<{ publicKey: string; privateKey: string }>;

  constructor(private readonly options: PushOptions) {}

  /** The VAPID public key browsers subscribe with; the pair is made on the first start. */
  async publicKey(): Promise<string> {
    return (await this.vapidKeys()).publicKey;
  }

  vapidKeys(): Promise<{ publicKey: string; privateKey: string }> {
    this.keys ??= this.loadKeys().catch((error: unknown) => {
      this.keys = undefined;
      throw error;
    });
    return this.keys;
  }

  private async loadKeys(): Promise<{ publicKey: string; privateKey: string }> {
    const open = (stored: { publicKey: string; privateKey: string }) => ({
      publicKey: stored.publicKey,
      privateKey: openSecret(stored.privateKey, this.options.secretsKey),
    });
    const stored = await VapidKeysModel.findById(VAPID_KEYS_ID).lean();
    if (stored) return open(stored);
    const made = webpush.generateVAPIDKeys();
    try {
      await VapidKeysModel.create({
        _id: VAPID_KEYS_ID,
        publicKey: made.publicKey,
        privateKey: sealSecret(made.privateKey, this.options.secretsKey),
      });
      return made;
    } catch (error) {
      // Another process made them first: theirs are the server's.
      if (!isDuplicateKey(error)) throw error;
      const winner = await VapidKeysModel.findById(VAPID_KEYS_ID).lean();
      if (!winner) throw error;
      return open(winner);
    }
  }

  async send(target: PushTarget, payload: object): Promise<PushOutcome> {
    const { hostname } = new URL(target.endpoint);
    if (!this.options.allowLocal && (await resolvesPrivate(hostname))) return 'gone';
    const keys = await this.vapidKeys();
    const request = webpush.generateRequestDetails(
      { endpoint: target.endpoint, keys: { p256dh: target.p256dh, auth: target.auth } },
      JSON.stringify(payload),
      {
        vapidDetails: { subject: this.options.subject, ...keys },
        TTL: 24 * 60 * 60,
        urgency: 'high',
        contentEncoding: 'aes128gcm',
      },
    );
    const response = await fetch(request.endpoint, {
      method: request.method,
      headers: request.headers as Record<string, string>,
      body: request.body as Buffer,
      signal: AbortSignal.timeout(this.options.timeoutMs),
      redirect: 'error',
    });
    // Nothing to read in the answer: never buffer what a push service (or not) sends back.
    await response.body?.cancel().catch(() => undefined);
    if (GONE.has(response.status)) return 'gone';
    if (!response.ok) throw new Error(`The push service answered ${response.status}`);
    return 'sent';
  }
}
