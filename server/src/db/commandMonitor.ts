import type { mongo } from 'mongoose';

/** One database command slower than SLOW_QUERY_MS. Never its body: that holds user data. */
export interface SlowOperation {
  /** The collection it ran on, or the database for database-wide commands. */
  collection: string;
  command: string;
  durationMs: number;
  failed: boolean;
  at: Date;
}

/** Connection-pool figures of the driver, summed over the servers it talks to. */
export interface PoolFigures {
  maxPoolSize: number;
  /** Connections open now (idle, in use or being established). */
  open: number;
  idle: number;
  inUse: number;
  /** Operations waiting for a connection. */
  waiting: number;
  /** Since this process connected. */
  totalCheckouts: number;
  checkoutFailures: number;
  connectionsCreated: number;
  connectionsClosed: number;
}

/** Kept in memory: enough to spot a pattern, bounded whatever the load. */
export const SLOW_OPERATIONS_KEPT = 50;

/** What the driver's (internal) ConnectionPool exposes; read defensively. */
interface PoolInternals {
  availableConnectionCount?: number;
  totalConnectionCount?: number;
  currentCheckedOutCount?: number;
  waitQueueSize?: number;
}

type Client = mongo.MongoClient;

/**
 * Listens to the driver's command-monitoring and connection-pool events (the client is
 * created with `monitorCommands: true`) and keeps the latest slow operations in a ring
 * buffer. One per process, like mongoose's default connection it watches.
 */
export class CommandMonitor {
  private client: Client | undefined;
  private slowMs = Number.POSITIVE_INFINITY;
  private onSlow: ((operation: SlowOperation) => void) | undefined;
  private readonly started = new Map<string, { collection: string; command: string }>();
  private readonly ring: SlowOperation[] = [];
  private next = 0;
  private counters = { checkouts: 0, checkoutFailures: 0, created: 0, closed: 0 };
  private readonly listeners: [string, (...args: never[]) => void][] = [
    ['commandStarted', (event: mongo.CommandStartedEvent) => this.onStarted(event)],
    ['commandSucceeded', (event: mongo.CommandSucceededEvent) => this.onFinished(event, false)],
    ['commandFailed', (event: mongo.CommandFailedEvent) => this.onFinished(event, true)],
    ['connectionCheckedOut', () => this.counters.checkouts++],
    ['connectionCheckOutFailed', () => this.counters.checkoutFailures++],
    ['connectionCreated', () => this.counters.created++],
    ['connectionClosed', () => this.counters.closed++],
  ];

  /** Watches `client` (and stops watching the previous one); resets the figures. */
  attach(client: Client, slowMs: number, onSlow?: (operation: SlowOperation) => void): void {
    this.detach();
    this.client = client;
    this.slowMs = slowMs;
    this.onSlow = onSlow;
    this.ring.length = 0;
    this.next = 0;
    this.counters = { checkouts: 0, checkoutFailures: 0, created: 0, closed: 0 };
    for (const [event, listener] of this.listeners) client.on(event as 'commandStarted', listener);
  }

  detach(): void {
    for (const [event, listener] of this.listeners) {
      this.client?.off(event as 'commandStarted', listener);
    }
    this.client = undefined;
    this.started.clear();
  }

  get slowQueryMs(): number {
    return this.slowMs;
  }

  /** The most recent slow operations, newest first. */
  slowOperations(): SlowOperation[] {
    const oldestFirst = [...this.ring.slice(this.next), ...this.ring.slice(0, this.next)];
    return oldestFirst.reverse();
  }

  pool(): PoolFigures {
    let open = 0;
    let idle = 0;
    let inUse = 0;
    let waiting = 0;
    for (const pool of this.pools()) {
      open += pool.totalConnectionCount ?? 0;
      idle += pool.availableConnectionCount ?? 0;
      inUse += pool.currentCheckedOutCount ?? 0;
      waiting += pool.waitQueueSize ?? 0;
    }
    return {
      maxPoolSize: this.client?.options.maxPoolSize ?? 0,
      open,
      idle,
      inUse,
      waiting,
      totalCheckouts: this.counters.checkouts,
      checkoutFailures: this.counters.checkoutFailures,
      connectionsCreated: this.counters.created,
      connectionsClosed: this.counters.closed,
    };
  }

  /**
   * The driver's pools. Their current sizes are not in any public API, and pool events
   * fired before `attach` (the pool's creation, its first connection) are missed, so
   * counting events alone would be wrong: read the pools' own counters.
   */
  private pools(): PoolInternals[] {
    const topology = (this.client as unknown as { topology?: { s?: { servers?: unknown } } })
      ?.topology;
    const servers = topology?.s?.servers;
    if (!(servers instanceof Map)) return [];
    return [...(servers as Map<string, { pool?: PoolInternals }>).values()]
      .map((server) => server.pool)
      .filter((pool): pool is PoolInternals => pool !== undefined);
  }

  private onStarted(event: mongo.CommandStartedEvent): void {
    // Every started command finishes or fails; the cap only guards against a driver bug.
    if (this.started.size > 10_000) this.started.clear();
    const target: unknown = event.command[event.commandName];
    this.started.set(key(event), {
      collection: typeof target === 'string' ? target : event.databaseName,
      command: event.commandName,
    });
  }

  private onFinished(
    event: mongo.CommandSucceededEvent | mongo.CommandFailedEvent,
    failed: boolean,
  ): void {
    const started = this.started.get(key(event));
    this.started.delete(key(event));
    if (event.duration < this.slowMs) return;
    this.record({
      collection: started?.collection ?? event.databaseName,
      command: started?.command ?? event.commandName,
      durationMs: Math.round(event.duration * 10) / 10,
      failed,
      at: new Date(),
    });
  }

  private record(operation: SlowOperation): void {
    this.onSlow?.(operation);
    if (this.ring.length < SLOW_OPERATIONS_KEPT) {
      this.ring.push(operation);
      this.next = this.ring.length % SLOW_OPERATIONS_KEPT;
    } else {
      this.ring[this.next] = operation;
      this.next = (this.next + 1) % SLOW_OPERATIONS_KEPT;
    }
  }
}

const key = (event: { connectionId?: string | number; requestId: number }): string =>
  `${String(event.connectionId)}:${event.requestId}`;

/** The process's monitor, attached by connectDatabase. */
export const commandMonitor = new CommandMonitor();
