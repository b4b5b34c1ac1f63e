import { rateLimited } from '../errors';

/** Counts hits in fixed windows. In memory now; a Redis store can share it across processes. */
export interface RateLimitStore {
  /** Adds one hit to `key` and returns the count in the current window and its reset time. */
  hit(key: string, windowMs: number): Promise<{ count: number; resetAt: number }>;
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

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}

export interface Limit {
  key: string;
  max: number;
}

/** Throws RATE_LIMITED when any of the limits is past its maximum in this window. */
export async function enforceLimits(
  store: RateLimitStore,
  limits: Limit[],
  windowMs: number,
): Promise<void> {
  for (const limit of limits) {
    const { count, resetAt } = await store.hit(limit.key, windowMs);
    if (count > limit.max) throw rateLimited(Math.max(1, Math.ceil((resetAt - Date.now()) / 1000)));
  }
}
