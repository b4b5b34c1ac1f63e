/** Meta's error body: `{ "error": { message, type, code, error_subcode, fbtrace_id } }`. */
interface MetaErrorBody {
  error?: {
    message?: unknown;
    type?: unknown;
    code?: unknown;
    error_subcode?: unknown;
    fbtrace_id?: unknown;
  };
}

export interface GraphApiErrorDetails {
  /** HTTP status; undefined when no response arrived (network error, timeout). */
  status?: number;
  /** Meta's own `error.message`, when the body had Meta's shape. */
  metaMessage?: string;
  type?: string;
  code?: number;
  subcode?: number;
  fbtraceId?: string;
  /** The `Retry-After` header in seconds (429 / 503 answers), when the server sent one. */
  retryAfterSeconds?: number;
  /** A network error before any byte was sent (refused, no route, no DNS answer). */
  neverConnected?: boolean;
  /** meta: Meta's error body; http: an error status without one; the rest: no usable answer. */
  kind: 'meta' | 'http' | 'timeout' | 'network' | 'invalid-response';
}

/** A failed Graph API call. Its message is safe to show and log: it never holds a token. */
export class GraphApiError extends Error {
  readonly status?: number;
  readonly metaMessage?: string;
  readonly type?: string;
  readonly code?: number;
  readonly subcode?: number;
  readonly fbtraceId?: string;
  readonly retryAfterSeconds?: number;
  readonly neverConnected: boolean;
  readonly kind: GraphApiErrorDetails['kind'];

  constructor(message: string, details: GraphApiErrorDetails) {
    super(message);
    this.name = 'GraphApiError';
    Object.assign(this, details);
    this.kind = details.kind;
    this.neverConnected = details.neverConnected ?? false;
  }
}

interface GraphApiOptions {
  baseUrl: string;
  version?: string;
  timeoutMs?: number;
}

export class GraphApiClient {
  readonly baseUrl: string;
  readonly version: string;
  readonly timeoutMs: number;

  constructor(options: GraphApiOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.version = options.version ?? 'v26.0';
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  /** GET `{baseUrl}/{version}/{path}?params` with the token as a bearer header. */
  get<T>(path: string, params: Record<string, string>, accessToken: string): Promise<T> {
    return this.request<T>('GET', path, params, accessToken);
  }

  /**
   * GET with the credentials in the query and no bearer: Meta's OAuth token exchanges
   * (`oauth/access_token`). Errors never carry the URL, so never the app secret.
   */
  exchange<T>(
    path: string,
    params: Record<string, string>,
    { versioned = true }: { versioned?: boolean } = {},
  ): Promise<T> {
    return this.request<T>('GET', path, params, undefined, undefined, versioned);
  }

  /** POST a form without a bearer: Instagram's code exchange (api.instagram.com/oauth/access_token). */
  postForm<T>(path: string, form: Record<string, string>): Promise<T> {
    return this.request<T>('POST', path, {}, undefined, new URLSearchParams(form), false);
  }

  /** POST a JSON body; the Send API (platforms/sender.ts) goes through here. */
  post<T>(path: string, body: unknown, accessToken: string): Promise<T> {
    return this.request<T>('POST', path, {}, accessToken, body);
  }

  private async request<T>(
    method: 'GET' | 'POST',
    path: string,
    params: Record<string, string>,
    accessToken: string | undefined,
    body?: unknown,
    versioned = true,
  ): Promise<T> {
    const query = new URLSearchParams(params).toString();
    const prefix = versioned ? `${this.baseUrl}/${this.version}` : this.baseUrl;
    const url = `${prefix}/${path.replace(/^\/+/, '')}${query ? `?${query}` : ''}`;
    const form = body instanceof URLSearchParams;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          ...(accessToken === undefined ? {} : { authorization: `Bearer ${accessToken}` }),
          accept: 'application/json',
          ...(body === undefined
            ? {}
            : { 'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json' }),
        },
        body: body === undefined ? undefined : form ? body.toString() : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw transportError(error, this.timeoutMs);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw transportError(error, this.timeoutMs);
    }
    const parsed = parseJson(text);
    if (!response.ok) {
      throw httpError(response.status, parsed, retryAfter(response.headers.get('retry-after')));
    }
    if (parsed === undefined) {
      throw new GraphApiError('Meta Graph API answered with something that is not JSON.', {
        status: response.status,
        kind: 'invalid-response',
      });
    }
    return parsed as T;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;
const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/** `Retry-After` is either delay-seconds or an HTTP date; anything else is ignored. */
function retryAfter(header: string | null): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

function httpError(status: number, body: unknown, retryAfterSeconds?: number): GraphApiError {
  const meta = (body as MetaErrorBody | undefined)?.error;
  if (meta && typeof meta === 'object') {
    const details: GraphApiErrorDetails = {
      status,
      retryAfterSeconds,
      kind: 'meta',
      metaMessage: str(meta.message),
      type: str(meta.type),
      code: num(meta.code),
      subcode: num(meta.error_subcode),
      fbtraceId: str(meta.fbtrace_id),
    };
    const label = [details.type, details.code !== undefined ? `code ${details.code}` : undefined]
      .filter(Boolean)
      .join(', ');
    return new GraphApiError(
      `Meta Graph API error${label ? ` (${label})` : ''}: ${details.metaMessage ?? `HTTP ${status}`}`,
      details,
    );
  }
  return new GraphApiError(`Meta Graph API answered HTTP ${status}.`, {
    status,
    retryAfterSeconds,
    kind: 'http',
  });
}

/** Failures to open the connection: the request never left this machine. */
const CONNECT_FAILURES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

function transportError(error: unknown, timeoutMs: number): GraphApiError {
  const name = (error as { name?: unknown } | undefined)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new GraphApiError(`Meta Graph API did not answer within ${timeoutMs / 1000} s.`, {
      kind: 'timeout',
    });
  }
  // undici reports the reason (ECONNREFUSED, ENOTFOUND, ...) as the cause; only its code
  // is used, since messages can carry the URL.
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  const causeCode = typeof cause?.code === 'string' ? cause.code : undefined;
  const code = causeCode ? ` (${causeCode})` : '';
  return new GraphApiError(`Meta Graph API could not be reached${code}.`, {
    kind: 'network',
    neverConnected: causeCode !== undefined && CONNECT_FAILURES.has(causeCode),
  });
}
