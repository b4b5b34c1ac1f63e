import { randomUUID } from 'node:crypto';
import type { Types } from 'mongoose';
import type { Logger } from '../logger';
import { SessionModel } from '../modules/users/session.model';
import type { PubSub } from '../realtime/pubsub';
import { ACCESS_TOKEN_TTL_SECONDS } from './tokens';

/** How long a process trusts that a session it checked is still active. */
const ACTIVE_FOR_MS = 30_000;
/** An ended session cannot come back; past the access tokens' lifetime it need not be kept. */
const ENDED_FOR_MS = ACCESS_TOKEN_TTL_SECONDS * 1000;
const MAX_CACHED = 10_000;

/** Where the cache's answers came from: for the bench and the metrics of the check. */
export interface SessionCheckCounts {
  cached: number;
  lookedUp: number;
}

/**
 * Signed-in sessions and their end. Each request's token names its session; whether it
 * is still active is answered from a small in-process cache, so the common request costs
 * no database round trip. Ending a session marks it in the database and tells every
 * process at once through the pub/sub (Redis when REDIS_URL is set): their caches drop
 * it and their WebSockets of that session close. A process that missed the news (Redis
 * was down) learns it from the database within ACTIVE_FOR_MS.
 */
export class Sessions {
  private readonly cache = new Map<string, { active: boolean; until: number }>();
  private readonly endedListeners = new Set<(sessionIds: string[]) => void>();
  readonly counts: SessionCheckCounts = { cached: 0, lookedUp: 0 };
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly pubsub: PubSub,
    private readonly logger: Logger,
  ) {}

  /** Listens for sessions ended by any process. */
  start(): void {
    const events = this.pubsub.subscribe('sessionsEnded', 'all');
    let stopped = false;
    void (async () => {
      try {
        for await (const event of events) {
          if (stopped) break;
          this.forget(event.sessionIds);
        }
      } catch (error) {
        this.logger.error({ err: error }, 'stopped listening for ended sessions');
      }
    })();
    this.unsubscribe = () => {
      stopped = true;
      void events.return?.();
    };
  }

  stop(): void {
    this.unsubscribe?.();
  }

  /** Called with the ids of sessions that just ended, in this process or another. */
  onEnded(listener: (sessionIds: string[]) => void): () => void {
    this.endedListeners.add(listener);
    return () => this.endedListeners.delete(listener);
  }

  async begin(userId: Types.ObjectId, expiresAt: Date): Promise<string> {
    const id = randomUUID();
    await SessionModel.create({ _id: id, userId, expiresAt });
    this.remember(id, true);
    return id;
  }

  async isActive(sessionId: string): Promise<boolean> {
    const cached = this.cache.get(sessionId);
    if (cached && cached.until > Date.now()) {
      this.counts.cached += 1;
      return cached.active;
    }
    this.counts.lookedUp += 1;
    const session = await SessionModel.findById(sessionId)
      .select({ revokedAt: 1, expiresAt: 1 })
      .lean();
    const active = Boolean(session && !session.revokedAt && session.expiresAt > new Date());
    this.remember(sessionId, active);
    return active;
  }

  async end(sessionIds: string[]): Promise<void> {
    if (sessionIds.length === 0) return;
    const now = new Date();
    for (const id of sessionIds) {
      await SessionModel.updateOne(
        { _id: id, revokedAt: { $exists: false } },
        { $set: { revokedAt: now } },
      );
    }
    this.forget(sessionIds);
    this.pubsub.publish('sessionsEnded', 'all', { sessionIds });
  }

  /** Every active session of the user; resolves to their ids. */
  async endAllOf(userId: Types.ObjectId): Promise<string[]> {
    const sessions = await SessionModel.find({ userId, revokedAt: { $exists: false } })
      .select({ _id: 1 })
      .lean();
    const ids = sessions.map((session) => session._id);
    await this.end(ids);
    return ids;
  }

  private forget(sessionIds: string[]): void {
    for (const id of sessionIds) this.remember(id, false);
    for (const listener of this.endedListeners) {
      try {
        listener(sessionIds);
      } catch (error) {
        this.logger.error({ err: error }, 'an ended-session listener failed');
      }
    }
  }

  private remember(sessionId: string, active: boolean): void {
    this.cache.delete(sessionId);
    this.cache.set(sessionId, {
      active,
      until: Date.now() + (active ? ACTIVE_FOR_MS : ENDED_FOR_MS),
    });
    // A Map iterates in insertion order: the first key is the least recently stored.
    if (this.cache.size > MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
  }
}
