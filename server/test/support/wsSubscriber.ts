import type { Client } from 'graphql-ws';
import type { PubSub } from '../../src/realtime/pubsub';
import type { GraphQLResponse } from './testApp';

/** One live subscription's results, collected as they arrive. */
export interface LiveSubscription<T> {
  results: GraphQLResponse<T>[];
  /** Results that carried data (errors left out). */
  data(): T[];
  /** Resolves with the first result matching `predicate`, arrived or arriving. */
  waitFor(predicate: (data: T) => boolean, timeoutMs?: number): Promise<T>;
  /** Resolves once the server ended the subscription (with errors, or completed). */
  ended: Promise<void>;
  stop(): void;
}

export function subscribe<T = Record<string, unknown>>(
  client: Client,
  query: string,
  variables?: Record<string, unknown>,
): LiveSubscription<T> {
  const results: GraphQLResponse<T>[] = [];
  let end: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => (end = resolve));
  const stop = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => results.push({ status: 0, ...(value as object) } as GraphQLResponse<T>),
      error: (error) => {
        if (Array.isArray(error)) results.push({ status: 0, errors: error });
        end();
      },
      complete: end,
    },
  );
  const data = () => results.flatMap((result) => (result.data ? [result.data] : []));
  return {
    results,
    data,
    ended,
    stop,
    waitFor: (predicate, timeoutMs = 10_000) =>
      eventually(() => data().find(predicate), timeoutMs, `no matching event for ${query}`),
  };
}

/** Polls `probe` until it returns something other than undefined/false. */
export async function eventually<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${what}`);
    await sleep(25);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How the server closes this client's socket (runs `query` to connect). */
export function closeCodeOf(client: Client, query = 'subscription { statsUpdated { at } }') {
  return new Promise<{ code: number; reason: string }>((resolve) => {
    client.on('closed', (event) => {
      const { code, reason } = event as { code: number; reason: string };
      resolve({ code, reason });
    });
    client.subscribe(
      { query },
      { next: () => undefined, error: () => undefined, complete: () => undefined },
    );
  });
}

/**
 * Counts the topics the app's resolvers subscribe to, so a test can wait until its
 * subscriptions are in place before causing events (graphql-ws has no subscribe ack).
 */
export function trackSubscriptions(pubsub: PubSub) {
  const topics: string[] = [];
  const original = pubsub.subscribe;
  pubsub.subscribe = ((topic: string, id?: string) => {
    topics.push(id === undefined ? topic : `${topic}:${id}`);
    return (original as (topic: string, id?: string) => ReturnType<PubSub['subscribe']>)(topic, id);
  }) as PubSub['subscribe'];
  return {
    topics,
    /** Waits until `count` subscriptions exist, then a moment for their listeners. */
    async waitFor(count: number): Promise<void> {
      await eventually(() => topics.length >= count, 10_000, `${count} subscriptions`);
      await sleep(50);
    },
  };
}
