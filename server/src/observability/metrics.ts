import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Inbox event counts by status, read when Prometheus scrapes (see queueDepth.ts). */
export type QueueDepth = Record<'pending' | 'processing' | 'failed', number>;

const FAST = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const REQUEST = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const SLOW = [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30, 60];

/**
 * Caps how many distinct values a label takes. Some label values come from outside
 * (GraphQL operation names are chosen by clients): without a cap, anyone could grow the
 * registry, and Prometheus with it, one new series per request.
 */
export class LabelLimiter {
  private readonly seen = new Set<string>();

  constructor(private readonly max: number) {}

  value(raw: string): string {
    if (this.seen.has(raw)) return raw;
    if (this.seen.size >= this.max) return 'other';
    this.seen.add(raw);
    return raw;
  }
}

/**
 * Every series Salesdesk exports, in a registry owned by one app instance: tests run
 * several apps in one process, and prom-client's global registry would mix them (and
 * refuse the second registration of each name).
 */
export class Metrics {
  readonly registry = new Registry();

  readonly httpRequestDuration = new Histogram({
    name: 'salesdesk_http_request_duration_seconds',
    help: 'HTTP requests by route pattern (not raw path), method and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: REQUEST,
    registers: [this.registry],
  });

  readonly graphqlOperationDuration = new Histogram({
    name: 'salesdesk_graphql_operation_duration_seconds',
    help: 'GraphQL queries and mutations by operation name, over HTTP or WebSocket',
    labelNames: ['operation', 'type', 'transport', 'outcome'] as const,
    buckets: REQUEST,
    registers: [this.registry],
  });

  readonly graphqlErrors = new Counter({
    name: 'salesdesk_graphql_errors_total',
    help: 'GraphQL errors returned, by operation name and error code',
    labelNames: ['operation', 'code'] as const,
    registers: [this.registry],
  });

  readonly websocketSubscriptions = new Gauge({
    name: 'salesdesk_websocket_subscriptions',
    help: 'GraphQL subscriptions active on this server',
    registers: [this.registry],
  });

  readonly pipelineStageDuration = new Histogram({
    name: 'salesdesk_pipeline_stage_duration_seconds',
    help: 'Message pipeline stages: queued (webhook to first claim), ingest, reply (AI), deliver (Send API), record (analytics)',
    labelNames: ['stage'] as const,
    buckets: SLOW,
    registers: [this.registry],
  });

  readonly queueEventsHandled = new Counter({
    name: 'salesdesk_inbox_events_handled_total',
    help: 'Inbox events leaving a worker: done, retry (will be tried again), failed (for good), released (handed back at shutdown)',
    labelNames: ['outcome'] as const,
    registers: [this.registry],
  });

  readonly aiResponseDuration = new Histogram({
    name: 'salesdesk_ai_response_duration_seconds',
    help: 'Time to an AI answer, by the responder that wrote it (playbook after a Groq failure includes the failed attempt)',
    labelNames: ['responder'] as const,
    buckets: SLOW,
    registers: [this.registry],
  });

  readonly aiFallbacks = new Counter({
    name: 'salesdesk_ai_fallbacks_total',
    help: 'Groq failures answered by the playbook instead, by kind',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  readonly sendAttempts = new Counter({
    name: 'salesdesk_send_attempts_total',
    help: 'Send API calls begun for our messages (each recorded before it is made), by platform',
    labelNames: ['platform'] as const,
    registers: [this.registry],
  });

  readonly sendFailures = new Counter({
    name: 'salesdesk_send_failures_total',
    help: "Replies the platform's Send API refused or never answered (after retries), by platform",
    labelNames: ['platform'] as const,
    registers: [this.registry],
  });

  readonly databaseOperationDuration = new Histogram({
    name: 'salesdesk_db_operation_duration_seconds',
    help: 'Database commands by command name and collection',
    labelNames: ['command', 'collection', 'outcome'] as const,
    buckets: FAST,
    registers: [this.registry],
  });

  /** Client-chosen names: the first 200 seen keep their own series. */
  readonly operationNames = new LabelLimiter(200);
  /** The database manager may name collections; ours are a handful. */
  readonly collectionNames = new LabelLimiter(100);

  private openSockets: () => number = () => 0;
  private queueDepth: () => Promise<QueueDepth | undefined> = async () => undefined;

  constructor(options: { defaultMetrics?: boolean } = {}) {
    const sockets = () => this.openSockets();
    new Gauge({
      name: 'salesdesk_websocket_connections',
      help: 'WebSocket connections open on this server',
      registers: [this.registry],
      collect() {
        this.set(sockets());
      },
    });
    const depth = () => this.queueDepth();
    new Gauge({
      name: 'salesdesk_inbox_events',
      help: 'Inbox events by status, over the whole database (every server reports the same figures)',
      labelNames: ['status'] as const,
      registers: [this.registry],
      async collect() {
        const counts = await depth();
        // Unknown (database unreachable): report nothing rather than zeros that look healthy.
        this.reset();
        if (!counts) return;
        for (const [status, count] of Object.entries(counts)) this.set({ status }, count);
      },
    });
    // Process figures (CPU, memory, event-loop lag, GC) for this registry only.
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry });
  }

  /** Where `salesdesk_websocket_connections` reads its figure at scrape time. */
  countSocketsWith(source: () => number): void {
    this.openSockets = source;
  }

  /** Where `salesdesk_inbox_events` reads its figures at scrape time. */
  countQueueWith(source: () => Promise<QueueDepth | undefined>): void {
    this.queueDepth = source;
  }

  /** Prometheus text format. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
