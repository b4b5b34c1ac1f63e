import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';

/** The dashboard's production build (`npm run build -w client`). */
export const clientDist = path.resolve(__dirname, '../../../client/dist');

/**
 * Serves the built dashboard with a fallback to index.html for client-side routes.
 * Absent a build (API-only deployments, tests) it serves nothing.
 */
export function clientAppRoutes(dist = clientDist): Router | undefined {
  const index = path.join(dist, 'index.html');
  if (!existsSync(index)) return undefined;
  const router = Router();
  router.use(express.static(dist, { index: false, maxAge: '1h' }));
  router.get(/^\/(?!graphql|webhooks|api|healthz|readyz|metrics).*/, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
