import type { Server } from 'node:http';

/** How long requests in flight may take to finish at shutdown (Apollo's default). */
export const DRAIN_GRACE_MS = 10_000;

/**
 * Stops taking connections and resolves once the requests in flight have finished (at
 * most `graceMs`, then what is left is cut, `cutRest` included). Node already tracks
 * every HTTP connection and ends the idle ones on close(); Apollo's drain plugin tracked
 * each socket again, upgraded WebSockets included, at ~150 bytes of heap per socket (a
 * Map entry and a `close` listener), which a thousand idle dashboards all paid for.
 */
export function drainHttpServer(
  server: Server,
  cutRest: () => void,
  graceMs = DRAIN_GRACE_MS,
): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.closeAllConnections();
      cutRest();
    }, graceMs).unref();
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    // Keep-alive connections that are between requests would hold close() for their timeout.
    server.closeIdleConnections();
  });
}
