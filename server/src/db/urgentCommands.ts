import { AsyncLocalStorage } from 'node:async_hooks';
import type { mongo } from 'mongoose';

/*
 * On the embedded engine every command shares the server's one connection (db/connect.ts),
 * so under load a command waits behind every one queued before it: the webhook's answer
 * to Meta waited ~60 ms at p50 behind the pipeline's writes (growth bench, 400-message
 * burst). Commands issued inside `urgently` go to the front of the driver's wait queue
 * instead; they still run one at a time, on the same connection, in the same process.
 */

const urgent = new AsyncLocalStorage<true>();

/** Runs `work` with its database commands ahead of the others waiting for the connection. */
export const urgently = <T>(work: () => Promise<T>): Promise<T> => urgent.run(true, work);

/** The part of the driver's pool this relies on (mongodb 7: ConnectionPool.waitQueue, a List). */
interface WaitQueue {
  push(member: unknown): unknown;
  unshift(member: unknown): unknown;
}

const taught = new WeakSet<object>();

/**
 * Teaches the client's connection pools to let urgent commands first. Checked, never
 * assumed: resolves to false (and changes nothing) when the driver's internals are not the
 * ones known here, and every command then simply waits its turn.
 */
export function letUrgentCommandsFirst(client: mongo.MongoClient): boolean {
  const servers = (client as unknown as { topology?: { s?: { servers?: Map<string, unknown> } } })
    .topology?.s?.servers;
  if (!servers || servers.size === 0) return false;
  let all = true;
  for (const server of servers.values()) {
    const queue = (server as { pool?: { waitQueue?: WaitQueue } }).pool?.waitQueue;
    if (!queue || typeof queue.push !== 'function' || typeof queue.unshift !== 'function') {
      all = false;
      continue;
    }
    if (taught.has(queue)) continue;
    const push = queue.push.bind(queue);
    const unshift = queue.unshift.bind(queue);
    queue.push = (member: unknown) => (urgent.getStore() ? unshift(member) : push(member));
    taught.add(queue);
  }
  return all;
}
