import { MemoryRateLimitStore, RedisRateLimitStore, type RateLimitStore } from '../auth/rateLimit';
import type { AppConfig } from '../config';
import type { Logger } from '../logger';
import { createMemoryPubSub, createSharedPubSub, type PubSub } from './pubsub';
import { connectRedis, redisEventTarget } from './redis';

export interface RealtimeStatus {
  /** Where events and rate-limit counters live. */
  backend: 'memory' | 'redis';
  /** false while the backend is unreachable: queries still work, live updates pause. */
  healthy: boolean;
}

/** The state shared by every process behind one address: events and rate limits. */
export interface Realtime {
  pubsub: PubSub;
  rateLimits: RateLimitStore;
  status(): RealtimeStatus;
  close(): Promise<void>;
}

/**
 * In memory for one process; over Redis when REDIS_URL is set, so an event published by
 * any process reaches subscribers on every process and login limits add up across them.
 * An unreachable Redis never stops the app: it starts (and stays) degraded until Redis
 * is back, then live updates resume on the same subscriptions.
 */
export async function createRealtime(config: AppConfig, logger: Logger): Promise<Realtime> {
  if (!config.redisUrl) {
    return {
      pubsub: createMemoryPubSub(logger),
      rateLimits: new MemoryRateLimitStore(),
      status: () => ({ backend: 'memory', healthy: true }),
      close: async () => undefined,
    };
  }
  const redis = await connectRedis(config.redisUrl, logger);
  return {
    pubsub: createSharedPubSub(redisEventTarget(redis, logger), logger),
    rateLimits: new RedisRateLimitStore(redis.commands, logger),
    status: () => ({ backend: 'redis', healthy: redis.healthy() }),
    close: () => redis.close(),
  };
}
