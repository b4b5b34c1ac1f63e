import { openSecret } from '../security/secretBox';
import type { Credentials } from '../modules/integrations/integration.model';
import { type GraphApiClient, GraphApiError } from './graphApi';
import { Platform, PLATFORM_NAMES } from './platform';

const MAX_DELAY_MS = 8_000;

/**
 * Text limits: Messenger 2,000 characters, Instagram 1,000 UTF-8 bytes, WhatsApp 4,096
 * characters. Longer replies are truncated (at a word boundary, with an ellipsis) rather
 * than split: one reply stays one message with one id, and a retry never re-sends parts.
 */
const LIMITS: Partial<Record<Platform, { max: number; unit: 'chars' | 'bytes' }>> = {
  [Platform.FACEBOOK]: { max: 2000, unit: 'chars' },
  [Platform.INSTAGRAM]: { max: 1000, unit: 'bytes' },
  [Platform.WHATSAPP]: { max: 4096, unit: 'chars' },
};
const ELLIPSIS = '…';

/**
 * Meta answers throttling with HTTP 400 and one of these codes (application, user, page,
 * custom-rate and WhatsApp throughput / pair-rate limits): treated like a 429.
 */
const THROTTLING_CODES = new Set([4, 17, 32, 613, 80006, 130429, 131056]);

/** What a business owner can do about Meta's common refusals: by `code/subcode` or `code`. */
const HINTS: Record<string, string> = {
  '10/2018278': 'The reply is outside the allowed window: the customer last wrote too long ago.',
  131047: 'More than 24 hours passed since the customer wrote: only a template can be sent.',
  551: 'This person is not available right now (they may have blocked the account).',
  190: 'The access token is invalid or expired: reconnect the integration.',
  130429: "WhatsApp's message rate limit for this number was reached.",
  131056: 'Too many messages were sent to this customer in a short time.',
  131026: 'WhatsApp could not deliver to this number (it may not use WhatsApp).',
};

/**
 * What a failed send means for the customer. `not-sent`: Meta surely did not take it
 * (unreachable, throttled), so it may be tried again. `refused`: Meta said no for good.
 * `unknown`: no answer to go by (a timeout, a lost connection, a 5xx page): it may have
 * been delivered, so it is never sent again by itself.
 */
export type SendFailureKind = 'not-sent' | 'refused' | 'unknown';

interface SendErrorDetails {
  kind: SendFailureKind;
  status?: number;
  code?: number;
  subcode?: number;
  attempts?: number;
  retryAfterMs?: number;
}

/** A send that failed. The message is safe to show and log: it never holds a token. */
export class SendError extends Error {
  readonly kind: SendFailureKind;
  /** Only a send that surely did not go out may be tried again. */
  readonly retryable: boolean;
  /** How long Meta asked to wait (Retry-After), when it said. */
  readonly retryAfterMs?: number;
  readonly status?: number;
  readonly code?: number;
  readonly subcode?: number;
  readonly attempts: number;

  constructor(message: string, details: SendErrorDetails) {
    super(message);
    this.name = 'SendError';
    this.kind = details.kind;
    this.retryable = details.kind === 'not-sent';
    this.retryAfterMs = details.retryAfterMs;
    this.status = details.status;
    this.code = details.code;
    this.subcode = details.subcode;
    this.attempts = details.attempts ?? 0;
  }
}

export interface SendTextArgs {
  platform: Platform;
  /** The sealed credentials as stored (`select('+credentials')`). */
  credentials: Credentials;
  /** PSID, IGSID or WhatsApp id. */
  to: string;
  text: string;
  /** Messenger/Instagram only: a person's reply past 24 h (see replyWindow). */
  tag?: 'HUMAN_AGENT';
  /**
   * Our id for the message. WhatsApp returns it in the message's status webhooks
   * (`biz_opaque_callback_data`), which is how a send whose answer was lost is confirmed.
   */
  reference?: string;
}

export interface PlatformSenderOptions {
  maxAttempts?: number;
  baseDelayMs?: number;
  /** graph.instagram.com: accounts connected with Instagram's own login send through it. */
  instagramGraphApi?: GraphApiClient;
}

interface SendRequest {
  /** Instagram login's accounts send through graph.instagram.com. */
  instagramGraph?: boolean;
  path: string;
  body: unknown;
  sealedToken?: string;
  messageId: (answer: unknown) => unknown;
}

/**
 * Sends replies through Meta's Send API, at most once each. Failures that prove Meta did
 * not take the message (429, 503, Meta's throttling codes, a connection that never opened)
 * are retried here with exponential backoff. Anything that may hide a delivered message
 * (a timeout, a dropped connection, a 5xx page) is never retried: it fails as `unknown`
 * and the caller shows it as not confirmed. The rest fails at once as `refused`.
 */
export class PlatformSender {
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly instagramGraphApi: GraphApiClient;

  constructor(
    private readonly graphApi: GraphApiClient,
    private readonly secretsKey: Buffer,
    options: PlatformSenderOptions = {},
  ) {
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 3);
    this.baseDelayMs = Math.max(0, options.baseDelayMs ?? 500);
    this.instagramGraphApi = options.instagramGraphApi ?? graphApi;
  }

  async sendText(args: SendTextArgs): Promise<{ platformMessageId: string }> {
    const name = PLATFORM_NAMES[args.platform];
    const request = buildRequest(args);
    if (!request.sealedToken) {
      throw new SendError(`The ${name} integration has no access token: reconnect it.`, {
        kind: 'refused',
      });
    }
    // Opened here and only here: the plain token lives for this call alone.
    let token: string;
    try {
      token = openSecret(request.sealedToken, this.secretsKey);
    } catch {
      token = '';
    }
    if (!token) {
      throw new SendError(
        `The stored ${name} token could not be decrypted (was SECRETS_KEY changed?): reconnect the integration.`,
        { kind: 'refused' },
      );
    }

    for (let attempt = 1; ; attempt += 1) {
      let answer: unknown;
      try {
        const client = request.instagramGraph ? this.instagramGraphApi : this.graphApi;
        answer = await client.post<unknown>(request.path, request.body, token);
      } catch (error) {
        if (!(error instanceof GraphApiError)) throw error;
        const kind = kindOf(error);
        if (kind !== 'not-sent' || attempt >= this.maxAttempts) {
          throw failure(error, name, attempt, kind, token);
        }
        await sleep(this.delay(error, attempt));
        continue;
      }
      const id = request.messageId(answer);
      if (typeof id !== 'string' || id === '') {
        // Meta took the request: sending again could deliver the message twice.
        throw new SendError(`${name} accepted the message but returned no message id.`, {
          kind: 'unknown',
          attempts: attempt,
        });
      }
      return { platformMessageId: id };
    }
  }

  /** baseDelayMs x 2^(attempt-1), or the server's Retry-After; never above 8 s. */
  private delay(error: GraphApiError, attempt: number): number {
    const wanted =
      error.retryAfterSeconds !== undefined
        ? error.retryAfterSeconds * 1000
        : this.baseDelayMs * 2 ** (attempt - 1);
    return Math.min(wanted, MAX_DELAY_MS);
  }
}

function buildRequest({
  platform,
  credentials,
  to,
  text,
  tag,
  reference,
}: SendTextArgs): SendRequest {
  const name = PLATFORM_NAMES[platform];
  if (!to) throw new SendError(`No ${name} recipient id was given.`, { kind: 'refused' });
  if (!text.trim()) throw new SendError('An empty message cannot be sent.', { kind: 'refused' });
  const missing = (what: string) =>
    new SendError(`The ${name} integration has no ${what}: reconnect it.`, { kind: 'refused' });

  if (platform === Platform.INSTAGRAM && credentials.instagramLogin) {
    // No Page: the account's own token, on graph.instagram.com.
    return {
      instagramGraph: true,
      path: 'me/messages',
      body: { recipient: { id: to }, message: { text: fitText(text, platform) } },
      sealedToken: credentials.accessToken,
      messageId: (answer) => (answer as { message_id?: unknown } | undefined)?.message_id,
    };
  }
  if (platform === Platform.FACEBOOK || platform === Platform.INSTAGRAM) {
    if (!credentials.pageId) throw missing('Page id');
    return {
      // Instagram messages go through the linked Page, with the Page token.
      path: `${credentials.pageId}/messages`,
      body: {
        recipient: { id: to },
        ...(tag ? { messaging_type: 'MESSAGE_TAG', tag } : { messaging_type: 'RESPONSE' }),
        message: { text: fitText(text, platform) },
      },
      sealedToken: credentials.pageAccessToken,
      messageId: (answer) => (answer as { message_id?: unknown } | undefined)?.message_id,
    };
  }
  if (platform === Platform.WHATSAPP) {
    if (!credentials.phoneNumberId) throw missing('phone number id');
    return {
      path: `${credentials.phoneNumberId}/messages`,
      body: {
        messaging_product: 'whatsapp',
        recipient_type: 'individual',
        to,
        type: 'text',
        text: { body: fitText(text, platform) },
        ...(reference ? { biz_opaque_callback_data: reference } : {}),
      },
      sealedToken: credentials.accessToken,
      messageId: (answer) =>
        (answer as { messages?: { id?: unknown }[] } | undefined)?.messages?.[0]?.id,
    };
  }
  throw new SendError(
    'The simulator has no Send API: its replies are shown in the dashboard only.',
    { kind: 'refused' },
  );
}

function kindOf(error: GraphApiError): SendFailureKind {
  if (error.kind === 'network') return error.neverConnected ? 'not-sent' : 'unknown';
  if (error.kind === 'timeout' || error.kind === 'invalid-response') return 'unknown';
  if (error.status === 429 || error.status === 503) return 'not-sent';
  if (error.code !== undefined && THROTTLING_CODES.has(error.code)) return 'not-sent';
  if (error.status !== undefined && error.status >= 500) return 'unknown';
  return 'refused';
}

function failure(
  error: GraphApiError,
  name: string,
  attempts: number,
  kind: SendFailureKind,
  token: string,
): SendError {
  const hint = HINTS[`${error.code}/${error.subcode}`] ?? HINTS[`${error.code}`];
  const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
  const message = `Sending on ${name} failed${tries}: ${error.message}${hint ? ` ${hint}` : ''}`;
  // GraphApiError never holds the token; this guards against Meta ever echoing it.
  return new SendError(message.split(token).join('[token]'), {
    kind,
    retryAfterMs:
      error.retryAfterSeconds === undefined ? undefined : error.retryAfterSeconds * 1000,
    status: error.status,
    code: error.code,
    subcode: error.subcode,
    attempts,
  });
}

/** The text, or its longest prefix (whole code points) + "…" that fits the limit. */
export function fitText(text: string, platform: Platform): string {
  const limit = LIMITS[platform];
  if (!limit) return text;
  const size = (part: string) =>
    limit.unit === 'bytes' ? Buffer.byteLength(part, 'utf8') : part.length;
  if (size(text) <= limit.max) return text;
  const budget = limit.max - size(ELLIPSIS);
  let used = 0;
  let cut = 0;
  for (const char of text) {
    if (used + size(char) > budget) break;
    used += size(char);
    cut += char.length;
  }
  const prefix = text.slice(0, cut);
  // Prefer ending at a word boundary unless that would drop more than a fifth of the text.
  const endsAtWord = /\s/.test(text.charAt(cut));
  const space = endsAtWord ? -1 : prefix.search(/\s\S*$/);
  const kept = space > cut * 0.8 ? prefix.slice(0, space) : prefix;
  return kept.trimEnd() + ELLIPSIS;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms > 0 ? ms : 0));
