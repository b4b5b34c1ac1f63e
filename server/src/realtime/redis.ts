import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import type { PubSubEvent, PubSubEventTarget } from '@graphql-yoga/subscription';
import { Redis, type RedisOptions } from 'ioredis';
import type { Logger } from '../logger';
import type { Events } from './pubsub';

/** Reconnect forever, backing off from 100 ms to at most 2 s between attempts. */
export const retryStrategy = (attempt: number): number =>
  Math.min(50 * 2 ** Math.min(attempt, 6), 2000);

const STARTUP_WAIT_MS = 3000;
const QUIT_TIMEOUT_MS = 1000;

/**
 * The two connections Redis pub/sub needs: a connection that subscribed can run nothing
 * else, so publishing and rate-limit counters share `commands`, and `subscriber` only
 * listens.
 */
export interface RedisConnections {
  commands: Redis;
  subscriber: Redis;
  /** Both connections are ready; false during an outage, while they reconnect. */
  healthy(): boolean;
  close(): Promise<void>;
}

export async function connectRedis(url: string, logger: Logger): Promise<RedisConnections> {
  const shared: RedisOptions = { lazyConnect: false, enableOfflineQueue: true, retryStrategy };
  const commands = new Redis(url, {
    ...shared,
    connectionName: 'salesdesk-commands',
    // A login must not wait for an outage to end: one retry, then the limiter fails open.
    maxRetriesPerRequest: 1,
    commandTimeout: 2000,
  });
  const subscriber = new Redis(url, {
    ...shared,
    connectionName: 'salesdesk-subscriber',
    // SUBSCRIBE issued during an outage waits in the offline queue for the reconnect, and
    // autoResubscribe (the default) renews the channels this connection already had.
    maxRetriesPerRequest: null,
    autoResubscribe: true,
  });
  let closing = false;
  for (const [client, name] of [
    [commands, 'commands'],
    [subscriber, 'subscriber'],
  ] as const) {
    logOutages(client, name, logger, () => closing);
  }
  const ready = () => commands.status === 'ready' && subscriber.status === 'ready';

  // Start degraded rather than not at all: queries work without Redis.
  if (!(await waitFor(ready, STARTUP_WAIT_MS))) {
    logger.warn('Redis is not reachable yet: starting without live updates');
  }
  return {
    commands,
    subscriber,
    healthy: ready,
    close: async () => {
      closing = true;
      await Promise.all([commands, subscriber].map(quit));
    },
  };
}

/** Redis events through two connections, with every promise the library drops handled. */
export function redisEventTarget(
  redis: RedisConnections,
  logger: Logger,
): PubSubEventTarget<Events> {
  const { commands, subscriber } = redis;
  let dropping = false;
  const failed = (what: string) => (error: unknown) => {
    if (redis.healthy()) logger.warn({ err: error }, `Redis ${what} failed`);
    return 0;
  };
  // redis-event-target ignores the promises of publish, subscribe and unsubscribe: an
  // unhandled rejection would end the process, so these adapters settle them.
  const publishClient = {
    publish: (channel: string, message: string): Promise<number> => {
      if (commands.status !== 'ready') {
        // Not queued: a burst of stale updates after the outage helps no one.
        if (!dropping) logger.warn('Redis is down: live updates are dropped until it is back');
        dropping = true;
        return Promise.resolve(0);
      }
      dropping = false;
      return commands.publish(channel, message).catch(failed('publish'));
    },
  };
  const subscribeClient = {
    on: (event: 'message', listener: (channel: string, message: string) => void) =>
      subscriber.on(event, listener),
    subscribe: (channel: string) => subscriber.subscribe(channel).catch(failed('subscribe')),
    unsubscribe: (channel: string) => subscriber.unsubscribe(channel).catch(failed('unsubscribe')),
  };
  return createRedisEventTarget<PubSubEvent<Events, keyof Events>>({
    publishClient: publishClient as unknown as Redis,
    subscribeClient: subscribeClient as unknown as Redis,
  });
}

/** One warning when a connection is lost (ioredis errors on every retry), one note when back. */
function logOutages(client: Redis, name: string, logger: Logger, closing: () => boolean): void {
  let down = false;
  client.on('error', (error: Error) => {
    if (down || closing()) return;
    down = true;
    logger.warn(
      { err: error, connection: name },
      'Redis unreachable: live updates pause and rate limits fail open until it is back',
    );
  });
  client.on('ready', () => {
    if (down) logger.info({ connection: name }, 'Redis connection restored');
    down = false;
  });
}

async function quit(client: Redis): Promise<void> {
  // QUIT waits for the reconnect during an outage: only a ready connection says goodbye.
  if (client.status === 'ready') {
    const timer = new Promise((resolve) => setTimeout(resolve, QUIT_TIMEOUT_MS).unref());
    await Promise.race([client.quit().catch(() => undefined), timer]);
  }
  client.disconnect();
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}
