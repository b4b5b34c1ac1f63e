import type { Types } from 'mongoose';
import type { Logger } from '../logger';
import type { Metrics } from '../observability/metrics';
import { runInScope, type JobState } from '../observability/requestContext';
import type { InboundEvent } from '../modules/webhookQueue/inboundEvent.model';
import type { QueueItem } from '../modules/webhookQueue/queueItem.model';
import * as store from '../modules/webhookQueue/queueStore';
import type { ClaimedEvent } from '../modules/webhookQueue/queueStore';

export interface QueueOptions {
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

/** Handles one event; the owner it resolves to, if any, is stored on the event. */
type Handler = (event: InboundEvent) => Promise<{ userId?: Types.ObjectId } | void>;

const BATCH = 200;

/** How long `stop` lets events in hand finish before handing the rest back. */
export const DEFAULT_DRAIN_MS = 10_000;

/** An event this worker holds the lease of. */
interface InFlight {
  event: ClaimedEvent;
  job: JobState;
  done: Promise<unknown>;
}

/**
 * Drains the inbox: oldest platform timestamp first within each chat, several chats in
 * parallel, retries with exponential backoff, then `failed` with the error. It reads only
 * the work list of unfinished events (modules/webhookQueue/queueStore.ts), never the
 * inbox's history. A claim is named (leaseId) and kept
 * alive while the work runs, so a slow AI answer is not taken by another worker; only the
 * holder of the claim marks the event done or failed. (Were a claim ever lost anyway,
 * the reply's send attempts are unique per message: it is still sent once.)
 */
export class WebhookQueueWorker {
  private readonly activeChats = new Set<string>();
  private readonly running = new Set<Promise<void>>();
  private readonly inFlight = new Map<string, InFlight>();
  private timer: NodeJS.Timeout | undefined;
  private scanning: Promise<void> | undefined;
  private rescan = false;
  private stopped = true;
  private started: Promise<void> = Promise.resolve();

  constructor(
    private readonly handle: Handler,
    private readonly options: QueueOptions,
    private readonly logger: Logger,
    private readonly metrics?: Metrics,
  ) {}

  start(): void {
    this.stopped = false;
    this.started = store
      .backfillWorkList()
      .then((count) => {
        if (count > 0) this.logger.info({ count }, 'unfinished inbox events put on the work list');
      })
      .catch((error: unknown) =>
        this.logger.error({ err: error }, 'inbox work list could not be backfilled'),
      )
      .finally(() => this.notify());
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

  /**
   * Stops taking events and lets the ones in hand finish for up to `drainMs`. Then those
   * that have not reached the Send API are handed back (pending, no lease) so another
   * server takes them at once instead of after their lease; the ones already delivering
   * are waited for, since handing them over could send a reply twice. A crash skips all
   * this: the leases run out and another server takes the events then.
   */
  async stop({ drainMs = DEFAULT_DRAIN_MS }: { drainMs?: number } = {}): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const drained = Promise.allSettled([this.started, this.scanning, ...this.running]);
    if (await settlesWithin(drained, drainMs)) return;
    const delivering = await this.releaseUndelivered();
    await Promise.allSettled(delivering);
  }

  /** Resolves once nothing is pending, processing or in flight here (tests, benchmarks). */
  async idle(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    await this.started;
    while (Date.now() < deadline) {
      const busy = await store.queueBusy();
      if (!busy && this.running.size === 0) return;
      this.notify();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`inbox not idle after ${timeoutMs} ms`);
  }

  private async scan(): Promise<void> {
    const now = new Date();
    const ready = await store.readyItems(now, BATCH);
    if (ready.length === 0) return;
    // A chat whose earlier event waits for a retry, or is in another server's hands,
    // must not run its later ones first.
    const waiting = await store.blockedChats([...new Set(ready.map((item) => item.chatKey))], now);
    const blocked = new Set<string>(waiting);
    const byChat = new Map<string, QueueItem[]>();
    let leftBehind = ready.length === BATCH;
    for (const event of ready) {
      if (this.activeChats.has(event.chatKey)) {
        leftBehind = true;
        continue;
      }
      if (blocked.has(event.chatKey)) continue;
      byChat.set(event.chatKey, [...(byChat.get(event.chatKey) ?? []), event]);
    }
    for (const [chatKey, events] of byChat) {
      while (this.running.size >= this.options.concurrency) await Promise.race(this.running);
      if (this.stopped) return;
      this.activeChats.add(chatKey);
      const run = this.runChat(events)
        .catch((error: unknown) => this.logger.error({ err: error, chatKey }, 'inbox job failed'))
        .finally(() => {
          this.activeChats.delete(chatKey);
          this.running.delete(run);
          // Look again only when this batch left events behind: one scan per finished
          // chat would be quadratic in the batch.
          if (leftBehind) this.rescan = true;
        });
      this.running.add(run);
    }
  }

  private async runChat(items: QueueItem[]): Promise<void> {
    for (const item of items) {
      if (this.stopped) return;
      const claimed = await store.claim(item._id, this.options.leaseMs);
      if (!claimed) continue;
      if (claimed.attempts === 1) {
        this.metrics?.pipelineStageDuration.observe(
          { stage: 'queued' },
          Math.max(0, Date.now() - new Date(claimed.receivedAt).getTime()) / 1000,
        );
      }
      const job: JobState = { released: false };
      const id = String(claimed._id);
      // The job's log lines carry the event id as their request id.
      const done = runInScope({ requestId: id, job }, () => this.process(claimed, job));
      this.inFlight.set(id, { event: claimed, job, done });
      const finished = await done.finally(() => this.inFlight.delete(id));
      // Later messages of a chat wait for its earlier ones, retries included.
      if (!finished) return;
    }
  }

  /**
   * Hands back the events in hand that have not begun delivering: they stop at their next
   * stage (see pipelineStage) and another server takes them now. Resolves to the ones
   * still to wait for.
   */
  private async releaseUndelivered(): Promise<Promise<unknown>[]> {
    const delivering: Promise<unknown>[] = [];
    const released: ClaimedEvent[] = [];
    for (const { event, job, done } of this.inFlight.values()) {
      if (job.stage === 'deliver' || job.stage === 'record') {
        delivering.push(done);
      } else {
        job.released = true;
        released.push(event);
      }
    }
    for (const event of released) {
      // Only while the lease is still ours; the shutdown is not the event's fault: no attempt spent.
      await store
        .release(event)
        .catch((error: unknown) =>
          this.logger.warn({ err: error, eventId: String(event._id) }, 'could not release event'),
        );
      this.metrics?.queueEventsHandled.inc({ outcome: 'released' });
    }
    if (released.length > 0) {
      this.logger.info(
        { released: released.length, delivering: delivering.length },
        'inbox events handed back for another server',
      );
    }
    return delivering;
  }

  /** Resolves true when the event is finished (done or failed for good), false if it waits for a retry. */
  private async process(event: ClaimedEvent, job: JobState): Promise<boolean> {
    const heartbeat = this.keepLease(event, job);
    try {
      const handled = await this.handle(event);
      // Handed back at shutdown, or the lease was lost: another worker owns the event now.
      if (job.released) return false;
      if (!(await store.finish(event, handled?.userId ?? undefined))) return this.lost(event);
      this.metrics?.queueEventsHandled.inc({ outcome: 'done' });
      return true;
    } catch (error) {
      if (job.released) return false;
      const message = error instanceof Error ? error.message : String(error);
      const permanent = error instanceof PermanentFailure;
      const exhausted = permanent || event.attempts >= this.options.maxAttempts;
      this.logger.warn(
        { eventId: String(event._id), attempts: event.attempts, permanent, err: message },
        exhausted ? 'inbound event failed' : 'inbound event will be retried',
      );
      const delay = this.options.retryBaseMs * 2 ** (event.attempts - 1);
      if (!(await store.fail(event, message, exhausted ? undefined : delay))) {
        return this.lost(event);
      }
      this.metrics?.queueEventsHandled.inc({ outcome: exhausted ? 'failed' : 'retry' });
      return exhausted;
    } finally {
      clearInterval(heartbeat);
    }
  }

  /**
   * Extends the event's lease every third of it while its work runs. If the lease turns
   * out to be another worker's (this one stalled past it), the job stops at its next stage.
   */
  private keepLease(event: ClaimedEvent, job: JobState): NodeJS.Timeout {
    const timer = setInterval(
      () => {
        store.extendLease(event, this.options.leaseMs).then(
          (held) => {
            if (!held) job.released = true;
          },
          (error: unknown) =>
            this.logger.warn(
              { err: error, eventId: String(event._id) },
              'could not extend a lease',
            ),
        );
      },
      Math.max(50, Math.floor(this.options.leaseMs / 3)),
    );
    timer.unref();
    return timer;
  }

  /** The event is another worker's now: leave it to them. */
  private lost(event: ClaimedEvent): false {
    this.logger.warn({ eventId: String(event._id) }, 'lost the lease of an event: leaving it');
    this.metrics?.queueEventsHandled.inc({ outcome: 'released' });
    return false;
  }
}

/** True when `promise` settled within `ms`. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
