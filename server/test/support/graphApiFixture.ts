import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local Meta Graph API: a real HTTP server answering in Meta's wire format, so the
 * app's GraphApiClient is exercised end to end. Built in: `/me`, `/{id}` reads, and the
 * Send API (`POST /{page or phone number id}/messages`, with failure and delay controls).
 * Add routes with `routes` or `fixture.route()`; they are matched before the built-in ones.
 */

export interface FixturePage {
  name: string;
  username?: string;
  category?: string;
  followers_count?: number;
  /** Served as `picture { data { url } }`. */
  picture?: string;
  /** The Page access token: `/me` answers with this page. */
  token: string;
}

export interface FixtureIgAccount {
  username: string;
  name?: string;
  profile_picture_url?: string;
  followers_count?: number;
  /** The linked Page: its token can read this account. */
  pageId: string;
}

export interface FixturePhoneNumber {
  display_phone_number: string;
  verified_name: string;
  quality_rating?: string;
  /** The WhatsApp (system user) token that can read this number. */
  token: string;
}

export interface InstagramLoginAccount {
  /** The app-scoped id. */
  id: string;
  user_id: string;
  username: string;
  name?: string;
  profile_picture_url?: string;
  followers_count?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization?: string;
  body?: unknown;
}

export interface FixtureReply {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface RouteContext {
  request: RecordedRequest;
  /** Values of the pattern's `:name` segments. */
  params: Record<string, string>;
  /** The bearer token (or `access_token` query parameter), already checked to be valid. */
  token: string;
  state: FixtureState;
}

export type RouteHandler = (context: RouteContext) => FixtureReply | Promise<FixtureReply>;

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  /** e.g. `/:version/:id/messages`. */
  pattern: string;
  handler: RouteHandler;
  /** Answered without a token (the login dialog, the OAuth code exchanges). */
  open?: boolean;
}

export interface FixtureState {
  pages: Record<string, FixturePage>;
  igAccounts: Record<string, FixtureIgAccount>;
  phoneNumbers: Record<string, FixturePhoneNumber>;
  /** Valid tokens besides the pages' and numbers' own. */
  validTokens: Set<string>;
  /** People's user tokens (Facebook Login): `/me` answers with the person. */
  users: Record<string, { id: string; name: string }>;
  /**
   * Instagram-login accounts by their token (graph.instagram.com): `/me` answers with the
   * account (`user_id` is the professional account's id) and `me/messages` sends from it.
   */
  instagramLogins: Record<string, InstagramLoginAccount>;
  revokedTokens: Set<string>;
  /** Send API controls: replies used, in order, instead of the next sends' success. */
  sendFailures: FixtureReply[];
  /** Every send waits this long before answering. */
  sendDelayMs: number;
  /** Sends accepted so far: numbers the generated `m_<n>` / `wamid.<n>` ids. */
  sentCount: number;
  /**
   * Customers' media by id: WhatsApp's `GET /{media-id}` describes it and its URL (with a
   * token) serves it; `/cdn/{id}` serves it without one, as Meta's CDN links do.
   */
  media: Record<string, { mimeType: string; body: Buffer }>;
  /** The fixture's own http://127.0.0.1:<port>. */
  origin: string;
}

/** Canned Send API failures, or any reply of your own. */
export type SendFailure = 'rate-limit' | 'server-error' | 'outside-window' | FixtureReply;

export interface GraphApiFixtureOptions {
  pages?: Record<string, FixturePage>;
  igAccounts?: Record<string, FixtureIgAccount>;
  phoneNumbers?: Record<string, FixturePhoneNumber>;
  validTokens?: string[];
  routes?: Route[];
}

export interface GraphApiFixture {
  url: string;
  requests: RecordedRequest[];
  state: FixtureState;
  route(
    method: Route['method'],
    pattern: string,
    handler: RouteHandler,
    options?: { open?: boolean },
  ): void;
  /** From now on the token answers 401 like an expired or revoked one. */
  revoke(token: string): void;
  /** The next `count` Send API calls (that pass the token check) fail this way. */
  failNextSends(count: number, failure: SendFailure): void;
  /** Every Send API call waits `ms` before answering (0 turns it off). */
  setSendDelay(ms: number): void;
  /** The Send API calls received so far (POST .../messages), bodies parsed. */
  sends(): RecordedRequest[];
  /** An outage: stops listening (connections are refused) until `comeBack`. */
  goDown(): Promise<void>;
  /** Listens again on the same port. */
  comeBack(): Promise<void>;
  close(): Promise<void>;
}

export const metaError = (
  status: number,
  message: string,
  type: string,
  code: number,
  subcode?: number,
): FixtureReply => ({
  status,
  body: {
    error: {
      message,
      type,
      code,
      ...(subcode ? { error_subcode: subcode } : {}),
      fbtrace_id: 'AbCdEf',
    },
  },
});

export const invalidToken = (): FixtureReply =>
  metaError(401, 'Invalid OAuth access token - Cannot parse access token', 'OAuthException', 190);

const unsupportedGet = (id: string): FixtureReply =>
  metaError(
    400,
    `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
    'GraphMethodException',
    100,
    33,
  );

/** Only the requested top-level fields (`picture{url}` counts as `picture`), plus id. */
function pick(id: string, source: object, fields: string | undefined): Record<string, unknown> {
  const wanted = (fields ?? '')
    .replace(/\{[^}]*\}/g, '')
    .split(',')
    .filter(Boolean);
  const answer: Record<string, unknown> = { id };
  for (const field of wanted) {
    const value = (source as Record<string, unknown>)[field];
    if (value === undefined) continue;
    answer[field] = field === 'picture' ? { data: { url: value } } : value;
  }
  return answer;
}

const pageOf = (state: FixtureState, token: string): [string, FixturePage] | undefined =>
  Object.entries(state.pages).find(([, page]) => page.token === token);

const SEND_FAILURES: Record<Exclude<SendFailure, FixtureReply>, () => FixtureReply> = {
  'rate-limit': () => ({
    ...metaError(429, '(#4) Application request limit reached', 'OAuthException', 4),
    headers: { 'retry-after': '0' },
  }),
  'server-error': () =>
    metaError(
      500,
      'An unexpected error has occurred. Please retry your request later.',
      'OAuthException',
      2,
    ),
  'outside-window': () =>
    metaError(
      400,
      '(#10) This message is sent outside of allowed window.',
      'OAuthException',
      10,
      2018278,
    ),
};

/** Both Send API bodies, loosely: the fixture checks what arrived. */
interface SendBody {
  recipient?: { id?: unknown };
  messaging_type?: unknown;
  tag?: unknown;
  message?: { text?: unknown };
  messaging_product?: unknown;
  to?: unknown;
  type?: unknown;
  text?: { body?: unknown };
}

const missingParameter = (name: string): FixtureReply =>
  metaError(400, `(#100) The parameter ${name} is required`, 'OAuthException', 100);

/** Who may send from this id: a Page (Messenger), its IG account, or a WhatsApp number. */
function senderOf(
  state: FixtureState,
  id: string,
  token: string,
): { kind: 'page' | 'phone' | 'instagram'; token: string } | undefined {
  if (id === 'me' && state.instagramLogins[token]) return { kind: 'instagram', token };
  const page = state.pages[id] ?? state.pages[state.igAccounts[id]?.pageId ?? ''];
  if (page) return { kind: 'page', token: page.token };
  const phone = state.phoneNumbers[id];
  return phone ? { kind: 'phone', token: phone.token } : undefined;
}

/** Messenger / Instagram: `{ recipient: { id }, messaging_type, message: { text } }`. */
function acceptMessengerSend(body: SendBody, state: FixtureState): FixtureReply {
  if (typeof body.recipient?.id !== 'string') return missingParameter('recipient');
  if (typeof body.message?.text !== 'string') return missingParameter('message');
  const type = body.messaging_type;
  if (type !== 'RESPONSE' && type !== 'UPDATE' && type !== 'MESSAGE_TAG') {
    return missingParameter('messaging_type');
  }
  if (type === 'MESSAGE_TAG' && typeof body.tag !== 'string') return missingParameter('tag');
  state.sentCount += 1;
  return { body: { recipient_id: body.recipient.id, message_id: `m_${state.sentCount}` } };
}

/** Instagram login (graph.instagram.com `me/messages`): `{ recipient: { id }, message: { text } }`. */
function acceptInstagramLoginSend(body: SendBody, state: FixtureState): FixtureReply {
  if (typeof body.recipient?.id !== 'string') return missingParameter('recipient');
  if (typeof body.message?.text !== 'string') return missingParameter('message');
  state.sentCount += 1;
  return { body: { recipient_id: body.recipient.id, message_id: `ig_m_${state.sentCount}` } };
}

/** WhatsApp: `{ messaging_product, recipient_type, to, type: 'text', text: { body } }`. */
function acceptWhatsAppSend(body: SendBody, state: FixtureState): FixtureReply {
  if (body.messaging_product !== 'whatsapp') return missingParameter('messaging_product');
  if (typeof body.to !== 'string') return missingParameter('to');
  if (body.type !== 'text' || typeof body.text?.body !== 'string') return missingParameter('text');
  state.sentCount += 1;
  return {
    body: {
      messaging_product: 'whatsapp',
      contacts: [{ input: body.to, wa_id: body.to }],
      messages: [{ id: `wamid.${state.sentCount}` }],
    },
  };
}

const sendRoutes: Route[] = [
  {
    method: 'POST',
    pattern: '/:version/:id/messages',
    handler: async ({ request, params: { id = '' }, token, state }) => {
      const sender = senderOf(state, id, token);
      if (!sender) {
        return metaError(
          400,
          `Unsupported post request. Object with ID '${id}' does not exist.`,
          'GraphMethodException',
          100,
          33,
        );
      }
      if (sender.token !== token) {
        return metaError(
          401,
          `Invalid OAuth access token - this token cannot send from ${id}`,
          'OAuthException',
          190,
        );
      }
      if (state.sendDelayMs > 0) {
        await new Promise((resolve) => setTimeout(resolve, state.sendDelayMs));
      }
      const failure = state.sendFailures.shift();
      if (failure) return failure;
      const body = (typeof request.body === 'object' && request.body) || {};
      if (sender.kind === 'instagram') return acceptInstagramLoginSend(body as SendBody, state);
      return sender.kind === 'page'
        ? acceptMessengerSend(body as SendBody, state)
        : acceptWhatsAppSend(body as SendBody, state);
    },
  },
];

const builtInRoutes: Route[] = [
  ...sendRoutes,
  {
    method: 'GET',
    pattern: '/:version/me',
    handler: ({ request, token, state }) => {
      const person = state.users[token];
      if (person) return { body: pick(person.id, person, request.query.fields) };
      const instagram = state.instagramLogins[token];
      if (instagram) return { body: pick(instagram.id, instagram, request.query.fields) };
      const owned = pageOf(state, token);
      if (!owned) return { body: { id: '1000000000001', name: 'Fixture User' } };
      return { body: pick(owned[0], owned[1], request.query.fields) };
    },
  },
  {
    method: 'GET',
    pattern: '/:version/:id',
    handler: ({ request, params: { id = '' }, token, state }) => {
      const media = state.media[id];
      if (media) {
        return {
          body: {
            id,
            url: `${state.origin}/cdn/${id}`,
            mime_type: media.mimeType,
            file_size: String(media.body.length),
            sha256: 'fixture',
          },
        };
      }
      const page = state.pages[id];
      if (page && page.token === token) return { body: pick(id, page, request.query.fields) };
      const account = state.igAccounts[id];
      if (account && state.pages[account.pageId]?.token === token) {
        return { body: pick(id, account, request.query.fields) };
      }
      const phone = state.phoneNumbers[id];
      if (phone && phone.token === token) return { body: pick(id, phone, request.query.fields) };
      return unsupportedGet(id);
    },
  },
];

function match(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/');
  const have = path.split('/');
  if (want.length !== have.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of want.entries()) {
    const actual = decodeURIComponent(have[index] ?? '');
    if (part.startsWith(':')) params[part.slice(1)] = actual;
    else if (part !== actual) return undefined;
  }
  return params;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export async function startGraphApiFixture(
  options: GraphApiFixtureOptions = {},
): Promise<GraphApiFixture> {
  const state: FixtureState = {
    pages: { ...options.pages },
    igAccounts: { ...options.igAccounts },
    phoneNumbers: { ...options.phoneNumbers },
    validTokens: new Set(options.validTokens),
    users: {},
    instagramLogins: {},
    revokedTokens: new Set(),
    sendFailures: [],
    sendDelayMs: 0,
    sentCount: 0,
    media: {},
    origin: '',
  };
  const routes: Route[] = [...(options.routes ?? []), ...builtInRoutes];
  const requests: RecordedRequest[] = [];

  const isValid = (token: string): boolean =>
    !state.revokedTokens.has(token) &&
    (state.validTokens.has(token) ||
      token in state.instagramLogins ||
      Object.values(state.pages).some((page) => page.token === token) ||
      Object.values(state.phoneNumbers).some((phone) => phone.token === token));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fixture');
    const request: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization: req.headers.authorization,
      body: await readBody(req),
    };
    requests.push(request);
    const bearer = /^Bearer (.+)$/i.exec(request.authorization ?? '')?.[1];
    const token = bearer ?? request.query.access_token ?? '';

    let reply: FixtureReply = metaError(
      400,
      `Unknown path components: ${url.pathname}`,
      'OAuthException',
      2500,
    );
    const cdn = /^\/cdn\/([^/]+)$/.exec(url.pathname);
    if (cdn && req.method === 'GET') {
      const media = state.media[decodeURIComponent(cdn[1]!)];
      res.writeHead(media ? 200 : 404, { 'content-type': media?.mimeType ?? 'text/plain' });
      res.end(media?.body ?? 'not found');
      return;
    }
    let matched = false;
    for (const route of routes) {
      const params =
        route.method === request.method ? match(route.pattern, url.pathname) : undefined;
      if (!params) continue;
      matched = true;
      if (!route.open && !isValid(token)) reply = invalidToken();
      else reply = await route.handler({ request, params, token, state });
      break;
    }
    if (!matched && !isValid(token)) reply = invalidToken();
    res.writeHead(reply.status ?? 200, {
      'content-type': 'application/json; charset=UTF-8',
      ...reply.headers,
    });
    res.end(typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  state.origin = `http://127.0.0.1:${port}`;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    state,
    route(method, pattern, handler, { open } = {}) {
      routes.unshift({ method, pattern, handler, open });
    },
    revoke(token) {
      state.revokedTokens.add(token);
    },
    failNextSends(count, failure) {
      const reply = typeof failure === 'string' ? SEND_FAILURES[failure]() : failure;
      for (let index = 0; index < count; index += 1) state.sendFailures.push(reply);
    },
    setSendDelay(ms) {
      state.sendDelayMs = ms;
    },
    sends: () =>
      requests.filter((request) => request.method === 'POST' && request.path.endsWith('/messages')),
    goDown: () => stopListening(),
    comeBack: () =>
      new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => resolve());
      }),
    close: () => (server.listening ? stopListening() : Promise.resolve()),
  };

  function stopListening(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    });
  }
}

/** An http URL nothing listens on: a port that was free a moment ago. */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
