import type { Redis } from 'ioredis';
import { rateLimited } from '../errors';
import type { Logger } from '../logger';

/** Counts hits in fixed windows: in memory for one process, in Redis for several. */
export interface RateLimitStore {
  /** Adds one hit to `key` and returns the count in the current window and its reset time. */
  hit(key: string, windowMs: number): Promise<{ count: number; resetAt: number }>;
  /** The count in the current window without adding to it (0 when none). */
  peek(key: string): Promise<{ count: number; resetAt: number }>;
}

export class MemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<string, { count: number; resetAt: number }>();

  async hit(key: string, windowMs: number): Promise<{ count: number; resetAt: number }> {
    const now = Date.now();
    if (this.windows.size > 10_000) this.sweep(now);
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + windowMs };
      this.windows.set(key, window);
    }
    window.count += 1;
    return { ...window };
  }

  async peek(key: string): Promise<{ count: number; resetAt: number }> {
    const window = this.windows.get(key);
    const now = Date.now();
    return window && window.resetAt > now ? { ...window } : { count: 0, resetAt: now };
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}

/**
 * Windows shared by every process on one Redis. INCR and PEXPIRE NX run in one MULTI, so
 * the first hit of a window sets its expiry and a crash between them cannot leave a key
 * that never expires. When Redis is unreachable the store fails open: a lost limit for
 * the length of an outage is better than nobody being able to sign in.
 */
export class RedisRateLimitStore implements RateLimitStore {
  private failing = false;

  constructor(
    private readonly redis: Redis,
    private readonly logger: Logger,
    private readonly prefix = 'salesdesk:ratelimit:',
  ) {}

  async hit(key: string, windowMs: number): Promise<{ count: number; resetAt: number }> {
    const now = Date.now();
    const redisKey = this.prefix + key;
    try {
      // Not queued behind a reconnect: during an outage, answer at once.
      if (this.redis.status !== 'ready')
        throw new Error(`Redis connection is ${this.redis.status}`);
      const replies = await this.redis
        .multi()
        .incr(redisKey)
        .pexpire(redisKey, windowMs, 'NX')
        .pttl(redisKey)
        .exec();
      const failure = replies?.find(([error]) => error)?.[0];
      if (!replies || failure) throw failure ?? new Error('MULTI was aborted');
      const count = Number(replies[0]?.[1]);
      const ttl = Number(replies[2]?.[1]);
      if (this.failing) this.logger.info('rate limits are shared through Redis again');
      this.failing = false;
      return { count, resetAt: now + (ttl > 0 ? ttl : windowMs) };
    } catch (error) {
      if (!this.failing) {
        this.logger.warn({ err: error }, 'rate limits fail open while Redis is unreachable');
      }
      this.failing = true;
      return { count: 0, resetAt: now + windowMs };
    }
  }

  /** Fails open like `hit`: nothing counted while Redis is unreachable. */
  async peek(key: string): Promise<{ count: number; resetAt: number }> {
    const now = Date.now();
    if (this.redis.status !== 'ready') return { count: 0, resetAt: now };
    try {
      const redisKey = this.prefix + key;
      const [count, ttl] = await Promise.all([this.redis.get(redisKey), this.redis.pttl(redisKey)]);
      return { count: Number(count ?? 0), resetAt: now + Math.max(0, ttl) };
    } catch {
      return { count: 0, resetAt: now };
    }
  }
}

export interface Limit {
  key: string;
  max: number;
}

/** Throws RATE_LIMITED when any of the limits has reached its maximum in this window. */
export async function refuseAtLimits(store: RateLimitStore, limits: Limit[]): Promise<void> {
  for (const limit of limits) {
    const { count, resetAt } = await store.peek(limit.key);
    if (count >= limit.max) throw rateLimited(retryAfter(resetAt));
  }
}

/** Counts one more hit on each key (a failed attempt). */
export async function countHits(store: RateLimitStore, keys: string[], windowMs: number) {
  for (const key of keys) await store.hit(key, windowMs);
}

const retryAfter = (resetAt: number) => Math.max(1, Math.ceil((resetAt - Date.now()) / 1000));

/** Throws RATE_LIMITED when any of the limits is past its maximum in this window. */
export async function enforceLimits(
  store: RateLimitStore,
  limits: Limit[],
  windowMs: number,
): Promise<void> {
  for (const limit of limits) {
    const { count, resetAt } = await store.hit(limit.key, windowMs);
    if (count > limit.max) throw rateLimited(retryAfter(resetAt));
  }
}
