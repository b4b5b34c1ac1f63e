import { Router } from 'express';
import type { Database } from '../db/connect';
import type { Realtime } from '../realtime/realtime';

interface HealthState {
  database: Database;
  realtime: Realtime;
  /** True once shutdown began: load balancers should stop sending traffic. */
  isStopping(): boolean;
}

const PING_TIMEOUT_MS = 2000;

export function healthRoutes(state: HealthState): Router {
  const router = Router();

  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/readyz', async (_req, res) => {
    if (state.isStopping()) {
      res.status(503).json({ status: 'stopping' });
      return;
    }
    try {
      if (!state.database.healthy()) throw new Error('the embedded database is down');
      const pingMs = await withTimeout(state.database.ping(), PING_TIMEOUT_MS);
      const realtime = state.realtime.status();
      res.json({
        // Queries and webhooks work without live updates: degraded, still ready.
        status: realtime.healthy ? 'ready' : 'degraded',
        realtime,
        database: {
          status: 'up',
          engine: state.database.engine,
          pingMs: Math.round(pingMs * 10) / 10,
        },
      });
    } catch {
      res.status(503).json({ status: 'unavailable', database: { status: 'down' } });
    }
  });

  return router;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
