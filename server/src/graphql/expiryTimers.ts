import jwt from 'jsonwebtoken';
import type { WsConnection } from './wsProtocol';

export const CLOSE_UNAUTHORIZED = 4401;

/** setTimeout's longest delay; a later expiry re-arms on waking. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Connections by a key (a session, an expiry): one connection is kept as itself, several
 * in a Set (a Set costs ~220 bytes, and most keys have one connection).
 */
export class ConnectionIndex<K> {
  private readonly entries = new Map<K, WsConnection | Set<WsConnection>>();

  /** Adds it; true when the key is new. */
  add(key: K, connection: WsConnection): boolean {
    const entry = this.entries.get(key);
    if (!entry) {
      this.entries.set(key, connection);
      return true;
    }
    if (entry instanceof Set) entry.add(connection);
    else if (entry !== connection) this.entries.set(key, new Set([entry, connection]));
    return false;
  }

  /** Removes it; true when the key has no connection left. */
  remove(key: K, connection: WsConnection): boolean {
    const entry = this.entries.get(key);
    if (entry instanceof Set) {
      entry.delete(connection);
      if (entry.size > 1) return false;
      const [left] = entry;
      if (left) this.entries.set(key, left);
      else this.entries.delete(key);
      return !left;
    }
    if (entry === connection) this.entries.delete(key);
    return !this.entries.has(key);
  }

  get(key: K): WsConnection[] {
    const entry = this.entries.get(key);
    return entry instanceof Set ? [...entry] : entry ? [entry] : [];
  }

  /** Removes the key and gives its connections. */
  take(key: K): WsConnection[] {
    const connections = this.get(key);
    this.entries.delete(key);
    return connections;
  }

  clear(): void {
    this.entries.clear();
  }
}

/**
 * Closes each connection with 4401 when its (already verified) token expires. One timer
 * per distinct expiry second, however many sockets share it (every tab of one login).
 */
export class ExpiryTimers {
  private readonly connections = new ConnectionIndex<number>();
  private readonly timers = new Map<number, NodeJS.Timeout>();

  add(connection: WsConnection): void {
    const payload = connection.token ? jwt.decode(connection.token, { json: true }) : null;
    if (typeof payload?.exp !== 'number') return;
    const expiresAt = payload.exp * 1000;
    connection.expiresAt = expiresAt;
    if (this.connections.add(expiresAt, connection)) this.arm(expiresAt);
  }

  remove(connection: WsConnection): void {
    const expiresAt = connection.expiresAt;
    if (expiresAt === undefined || !this.connections.remove(expiresAt, connection)) return;
    clearTimeout(this.timers.get(expiresAt));
    this.timers.delete(expiresAt);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.connections.clear();
  }

  private arm(expiresAt: number): void {
    const timer = setTimeout(
      () => {
        if (Date.now() < expiresAt) return this.arm(expiresAt);
        this.timers.delete(expiresAt);
        for (const connection of this.connections.take(expiresAt)) {
          connection.close(CLOSE_UNAUTHORIZED, 'Unauthorized: token expired');
        }
      },
      Math.min(Math.max(0, expiresAt - Date.now()), MAX_TIMER_MS),
    );
    this.timers.set(expiresAt, timer.unref());
  }
}
