import type { Logger } from '../logger';
import { InboundEventModel, InboundEventStatus, type InboundEvent } from './inboundEvent.model';

export interface InboxOptions {
  /** Chats handled at once; one chat's events always run one after another. */
  concurrency: number;
  /** A claimed event whose worker went silent this long is taken again. */
  leaseMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  /** How often to look for retries and expired leases when nothing wakes the worker. */
  pollMs: number;
}

/** Thrown by a handler for failures that retrying cannot fix (e.g. an unknown page). */
export class PermanentFailure extends Error {}

type Handler = (event: InboundEvent) => Promise<void>;

const BATCH = 200;

/**
 * Drains the inbox: oldest platform timestamp first within each chat, several chats in
 * parallel, retries with exponential backoff, then `failed` with the error. Claims are
 * conditional updates, atomic here because the server uses one FerretDB connection
 * (see db/connect.ts) and atomic on MongoDB anyway.
 */
export class InboxWorker {
  private readonly activeChats = new Set<string>();
  private readonly running = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private scanning: Promise<void> | undefined;
  private rescan = false;
  private stopped = true;

  constructor(
    private readonly handle: Handler,
    private readonly options: InboxOptions,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.stopped = false;
    this.notify();
  }

  /** New events arrived: look now rather than at the next poll. */
  notify(): void {
    if (this.stopped) return;
    if (this.scanning) {
      this.rescan = true;
      return;
    }
    clearTimeout(this.timer);
    this.scanning = this.scan()
      .catch((error: unknown) => this.logger.error({ err: error }, 'inbox scan failed'))
      .finally(() => {
        this.scanning = undefined;
        if (this.stopped) return;
        if (this.rescan) {
          this.rescan = false;
          this.notify();
        } else {
          this.timer = setTimeout(() => this.notify(), this.options.pollMs);
        }
      });
  }

  /** Stops taking events and waits for the ones in hand (their leases cover a crash). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.scanning;
    await Promise.allSettled([...this.running]);
  }

  /** Resolves once nothing is pending, processing or in flight here (tests, benchmarks). */
  async idle(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const busy = await InboundEventModel.exists({
        status: { $in: [InboundEventStatus.PENDING, InboundEventStatus.PROCESSING] },
      });
      if (!busy && this.running.size === 0) return;
      this.notify();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`inbox not idle after ${timeoutMs} ms`);
  }

  private async scan(): Promise<void> {
    const now = new Date();
    const ready = await InboundEventModel.find({
      $or: [
        { status: InboundEventStatus.PENDING, nextAttemptAt: { $lte: now } },
        { status: InboundEventStatus.PROCESSING, leaseUntil: { $lt: now } },
      ],
    })
      .sort({ platformTimestamp: 1, _id: 1 })
      .limit(BATCH)
      .lean();
    if (ready.length === 0) return;
    // A chat whose earlier event waits for a retry must not run its later ones first.
    const waiting = await InboundEventModel.distinct('chatKey', {
      status: InboundEventStatus.PENDING,
      nextAttemptAt: { $gt: now },
      chatKey: { $in: [...new Set(ready.map((event) => event.chatKey))] },
    });
    const blocked = new Set<string>(waiting);
    const byChat = new Map<string, InboundEvent[]>();
    let leftBehind = ready.length === BATCH;
    for (const event of ready) {
      if (blocked.has(event.chatKey)) continue;
      if (this.activeChats.has(event.chatKey)) {
        leftBehind = true;
        continue;
      }
      byChat.set(event.chatKey, [...(byChat.get(event.chatKey) ?? []), event]);
    }
    for (const [chatKey, events] of byChat) {
      while (this.running.size >= this.options.concurrency) await Promise.race(this.running);
      if (this.stopped) return;
      this.activeChats.add(chatKey);
      const run = this.runChat(events).finally(() => {
        this.activeChats.delete(chatKey);
        this.running.delete(run);
        // Look again only when this batch left events behind: on FerretDB every scan
        // reads the whole collection, so one scan per finished chat would be quadratic.
        if (leftBehind) this.rescan = true;
      });
      this.running.add(run);
    }
  }

  private async runChat(events: InboundEvent[]): Promise<void> {
    for (const event of events) {
      if (this.stopped) return;
      const claimed = await this.claim(event);
      if (!claimed) continue;
      const finished = await this.process(claimed);
      // Later messages of a chat wait for its earlier ones, retries included.
      if (!finished) return;
    }
  }

  private async claim(event: InboundEvent): Promise<InboundEvent | null> {
    const now = new Date();
    return InboundEventModel.findOneAndUpdate(
      {
        _id: event._id,
        $or: [
          { status: InboundEventStatus.PENDING },
          { status: InboundEventStatus.PROCESSING, leaseUntil: { $lt: now } },
        ],
      },
      {
        $set: {
          status: InboundEventStatus.PROCESSING,
          leaseUntil: new Date(now.getTime() + this.options.leaseMs),
        },
        $inc: { attempts: 1 },
      },
      { returnDocument: 'after' },
    ).lean();
  }

  /** Resolves true when the event is finished (done or failed for good), false if it waits for a retry. */
  private async process(event: InboundEvent): Promise<boolean> {
    try {
      await this.handle(event);
      await InboundEventModel.updateOne(
        { _id: event._id },
        {
          $set: { status: InboundEventStatus.DONE, processedAt: new Date() },
          $unset: { leaseUntil: '' },
        },
      );
      return true;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const permanent = error instanceof PermanentFailure;
      const exhausted = permanent || event.attempts >= this.options.maxAttempts;
      this.logger.warn(
        { eventId: String(event._id), attempts: event.attempts, permanent, err: message },
        exhausted ? 'inbound event failed' : 'inbound event will be retried',
      );
      const delay = this.options.retryBaseMs * 2 ** (event.attempts - 1);
      await InboundEventModel.updateOne(
        { _id: event._id },
        {
          $set: exhausted
            ? { status: InboundEventStatus.FAILED, lastError: message, processedAt: new Date() }
            : {
                status: InboundEventStatus.PENDING,
                lastError: message,
                nextAttemptAt: new Date(Date.now() + delay),
              },
          $unset: { leaseUntil: '' },
        },
      );
      return exhausted;
    }
  }
}
