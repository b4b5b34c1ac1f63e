import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * A local Groq: a real HTTP server speaking the OpenAI-compatible chat completions route
 * (`POST /openai/v1/chat/completions`), so the real groq-sdk is exercised end to end. Each
 * request takes the next scripted behaviour from the queue; an empty queue answers the default
 * (a valid JSON reply), so pipeline tests need no script at all.
 */

export type GroqBehaviour =
  /** A completion whose message content is this value serialised as JSON. */
  | { kind: 'json'; content: unknown }
  /** A completion whose message content is this text as is (e.g. not JSON). */
  | { kind: 'text'; content: string; finishReason?: 'stop' | 'length' }
  /** 429 with `retry-after` (seconds) and Groq's rate-limit body. */
  | { kind: 'rateLimit'; retryAfter?: number }
  /** A 5xx with Groq's error body. */
  | { kind: 'serverError'; status?: number }
  /** 401 invalid_api_key. */
  | { kind: 'unauthorized' }
  /** 400 json_validate_failed: what Groq answers when JSON mode output does not parse. */
  | { kind: 'jsonValidateFailed'; failedGeneration?: string }
  /** A completion whose JSON content this function makes from the request: a scripted model. */
  | { kind: 'model'; answer: (body: Record<string, unknown>) => unknown }
  /** Waits, then behaves as `then` (the default answer when absent): for timeouts. */
  | { kind: 'delay'; ms: number; then?: GroqBehaviour };

export const answerJson = (content: unknown): GroqBehaviour => ({ kind: 'json', content });
export const answerText = (content: string, finishReason?: 'stop' | 'length'): GroqBehaviour => ({
  kind: 'text',
  content,
  finishReason,
});
export const rateLimited = (retryAfter = 0): GroqBehaviour => ({ kind: 'rateLimit', retryAfter });
export const serverError = (status = 500): GroqBehaviour => ({ kind: 'serverError', status });
export const unauthorized = (): GroqBehaviour => ({ kind: 'unauthorized' });
export const jsonValidateFailed = (failedGeneration = '{"reply": "Hi'): GroqBehaviour => ({
  kind: 'jsonValidateFailed',
  failedGeneration,
});
export const delayed = (ms: number, then?: GroqBehaviour): GroqBehaviour => ({
  kind: 'delay',
  ms,
  then,
});

/** A valid answer in the responder's JSON shape: what the fixture says when not scripted. */
export const defaultGroqAnswer = {
  reply: 'Thanks for your message! How can I help you today?',
  leadScore: 20,
  scoreReasons: [{ signal: 'started a conversation', delta: 0 }],
  status: null,
  qualificationAnswers: [],
  objections: [],
  conversationSummary: 'The customer started a conversation.',
  customerIntent: 'browsing',
  nextAction: 'answer the customer',
  handoff: null,
  conversion: null,
};

export interface GroqRequest {
  method: string;
  path: string;
  /** The raw Authorization header, e.g. `Bearer gsk_test`. */
  authorization?: string;
  /** The parsed JSON body (`model`, `messages`, `response_format`, ...). */
  body: Record<string, unknown>;
}

export interface GroqFixture {
  /** The base URL to give the SDK (it appends `/openai/v1/...`). */
  url: string;
  requests: GroqRequest[];
  enqueue(...behaviours: GroqBehaviour[]): void;
  /** What an empty queue answers from now on. */
  setDefault(behaviour: GroqBehaviour): void;
  /**
   * What the next speech-to-text requests (`POST /openai/v1/audio/transcriptions`,
   * multipart) hear; an empty list hears DEFAULT_TRANSCRIPT; `null` answers a 500.
   */
  enqueueTranscripts(...texts: (string | null)[]): void;
  /** Empties the queue and the recorded requests, and restores the default behaviour. */
  reset(): void;
  close(): Promise<void>;
}

const ROUTE = '/openai/v1/chat/completions';
const TRANSCRIPTIONS = '/openai/v1/audio/transcriptions';
export const DEFAULT_TRANSCRIPT = 'Hi, do you still have the cognac tote? I would like two.';

/** The text fields of a multipart body, and the file part's name and type. */
function multipartFields(raw: string, contentType = ''): Record<string, unknown> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  const fields: Record<string, unknown> = {};
  if (!boundary) return fields;
  for (const part of raw.split(`--${boundary[1] ?? boundary[2]}`)) {
    const name = /name="([^"]+)"/.exec(part)?.[1];
    if (!name) continue;
    const fileName = /filename="([^"]*)"/.exec(part)?.[1];
    if (fileName !== undefined) {
      fields[name] = { fileName, type: /Content-Type: ([^\r\n]+)/i.exec(part)?.[1] };
    } else {
      fields[name] = part.split('\r\n\r\n')[1]?.replace(/\r\n$/, '');
    }
  }
  return fields;
}

export async function startGroqFixture(
  options: { defaultBehaviour?: GroqBehaviour } = {},
): Promise<GroqFixture> {
  const queue: GroqBehaviour[] = [];
  const transcripts: (string | null)[] = [];
  const requests: GroqRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let fallback = options.defaultBehaviour ?? answerJson(defaultGroqAnswer);
  let counter = 0;

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent && !res.destroyed) send(res, 500, groqError(String(error), 'api_error'));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (req.method === 'POST' && path === TRANSCRIPTIONS) {
      const body = multipartFields(raw, req.headers['content-type']);
      requests.push({ method: req.method, path, authorization: req.headers.authorization, body });
      if (!/^Bearer \S+/.test(req.headers.authorization ?? '')) {
        send(res, 401, groqError('Invalid API Key', 'invalid_request_error', 'invalid_api_key'));
        return;
      }
      const text = transcripts.length > 0 ? transcripts.shift() : DEFAULT_TRANSCRIPT;
      if (text === null || text === undefined)
        send(res, 500, groqError('transcription failed', 'api_error'));
      else send(res, 200, { text, x_groq: { id: `req_${++counter}` } });
      return;
    }
    if (req.method !== 'POST' || path !== ROUTE) {
      send(res, 404, groqError('Unknown request URL', 'invalid_request_error', 'unknown_url'));
      return;
    }
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      send(res, 400, groqError('request body is not valid JSON', 'invalid_request_error'));
      return;
    }
    requests.push({ method: req.method, path, authorization: req.headers.authorization, body });
    if (!/^Bearer \S+/.test(req.headers.authorization ?? '')) {
      await behave(unauthorized(), body, res);
      return;
    }
    await behave(queue.shift() ?? fallback, body, res);
  }

  async function behave(
    behaviour: GroqBehaviour,
    body: Record<string, unknown>,
    res: ServerResponse,
  ): Promise<void> {
    const model = typeof body.model === 'string' ? body.model : 'unknown';
    switch (behaviour.kind) {
      case 'delay':
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            timers.delete(timer);
            resolve();
          }, behaviour.ms);
          timers.add(timer);
        });
        // The client may have given up meanwhile (that is the point of a delay).
        if (res.destroyed) return;
        return behave(behaviour.then ?? fallback, body, res);
      case 'json':
        return complete(res, body, model, JSON.stringify(behaviour.content), 'stop');
      case 'model':
        return complete(res, body, model, JSON.stringify(behaviour.answer(body)), 'stop');
      case 'text':
        return complete(res, body, model, behaviour.content, behaviour.finishReason ?? 'stop');
      case 'rateLimit':
        return send(
          res,
          429,
          groqError(
            `Rate limit reached for model \`${model}\` in organization \`org_fixture\` service tier \`on_demand\` on tokens per minute (TPM): Limit 8000, Used 7900, Requested 900. Please try again in ${behaviour.retryAfter ?? 0}s.`,
            'tokens',
            'rate_limit_exceeded',
          ),
          {
            'retry-after': String(behaviour.retryAfter ?? 0),
            'x-ratelimit-limit-tokens': '8000',
            'x-ratelimit-remaining-tokens': '100',
          },
        );
      case 'serverError':
        return send(
          res,
          behaviour.status ?? 500,
          groqError('Internal Server Error', 'internal_server_error', 'internal_server_error'),
        );
      case 'unauthorized':
        return send(
          res,
          401,
          groqError('Invalid API Key', 'invalid_request_error', 'invalid_api_key'),
        );
      case 'jsonValidateFailed':
        return send(res, 400, {
          error: {
            message:
              "Failed to generate JSON. Please adjust your prompt. See 'failed_generation' for more details.",
            type: 'invalid_request_error',
            code: 'json_validate_failed',
            failed_generation: behaviour.failedGeneration ?? '',
          },
        });
    }
  }

  function complete(
    res: ServerResponse,
    body: Record<string, unknown>,
    model: string,
    content: string,
    finishReason: 'stop' | 'length',
  ): void {
    const id = `chatcmpl-fixture-${++counter}`;
    const created = Math.floor(Date.now() / 1000);
    const usage = {
      queue_time: 0.01,
      prompt_tokens: 120,
      prompt_time: 0.01,
      completion_tokens: Math.ceil(content.length / 4),
      completion_time: 0.05,
      total_tokens: 120 + Math.ceil(content.length / 4),
      total_time: 0.06,
    };
    if (body.stream === true) {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      const chunk = (delta: Record<string, unknown>, finish: string | null, extra = {}) =>
        `data: ${JSON.stringify({
          id,
          object: 'chat.completion.chunk',
          created,
          model,
          choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
          ...extra,
        })}\n\n`;
      res.write(chunk({ role: 'assistant', content: '' }, null));
      // A few pieces, as a real stream would send them.
      const size = Math.max(1, Math.ceil(content.length / 3));
      for (let at = 0; at < content.length; at += size) {
        res.write(chunk({ content: content.slice(at, at + size) }, null));
      }
      res.write(chunk({}, finishReason, { x_groq: { id: `req_fixture_${counter}`, usage } }));
      res.end('data: [DONE]\n\n');
      return;
    }
    send(res, 200, {
      id,
      object: 'chat.completion',
      created,
      model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content },
          logprobs: null,
          finish_reason: finishReason,
        },
      ],
      usage,
      system_fingerprint: 'fp_fixture',
      x_groq: { id: `req_fixture_${counter}` },
    });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    enqueue: (...behaviours) => queue.push(...behaviours),
    enqueueTranscripts: (...texts) => transcripts.push(...texts),
    setDefault: (behaviour) => {
      fallback = behaviour;
    },
    reset: () => {
      queue.length = 0;
      transcripts.length = 0;
      requests.length = 0;
      fallback = options.defaultBehaviour ?? answerJson(defaultGroqAnswer);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Delayed answers hold sockets open: end them so close() does not wait for them.
        for (const socket of sockets) socket.destroy();
        for (const timer of timers) clearTimeout(timer);
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function groqError(message: string, type: string, code?: string) {
  return { error: { message, type, ...(code ? { code } : {}) } };
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
