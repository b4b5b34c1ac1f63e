import { createHash, timingSafeEqual } from 'node:crypto';
import { Router } from 'express';
import { bearerToken } from '../auth/context';
import type { Logger } from '../logger';
import type { Metrics } from '../observability/metrics';
import { sendError } from './jsonError';

interface MetricsRouteOptions {
  metrics: Metrics;
  /** METRICS_TOKEN: when set, scrapes must present it; when unset, only loopback may scrape. */
  token?: string;
  logger: Logger;
}

/**
 * `GET /metrics` in Prometheus' text format. The figures reveal traffic and error rates,
 * so they are never public: a bearer token, or a scraper on this machine. The peer
 * address is the socket's own, never X-Forwarded-For, which any client can write; behind
 * a proxy the peer is the proxy, so a proxied scrape needs the token.
 */
export function metricsRoutes({ metrics, token, logger }: MetricsRouteOptions): Router {
  const router = Router();
  router.get('/metrics', async (req, res) => {
    if (token) {
      const given = bearerToken(req.get('authorization'));
      if (!given || !sameSecret(given, token)) {
        res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
        return sendError(
          res,
          401,
          'UNAUTHENTICATED',
          'A valid METRICS_TOKEN bearer token is required.',
        );
      }
    } else if (!isLoopback(req.socket.remoteAddress)) {
      return sendError(
        res,
        403,
        'FORBIDDEN',
        'Metrics are served to this machine only: set METRICS_TOKEN to scrape from elsewhere.',
      );
    }
    try {
      const { contentType, body } = await metrics.exposition();
      res.setHeader('Content-Type', contentType);
      res.setHeader('Cache-Control', 'no-store');
      res.send(body);
    } catch (error) {
      logger.error({ err: error }, 'metrics could not be collected');
      sendError(res, 500, 'INTERNAL', 'Metrics could not be collected.');
    }
  });
  return router;
}

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (a dual-stack socket's view of 127.0.0.1). */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const ipv4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return ipv4 === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ipv4);
}

/** Constant-time whatever the lengths: compare digests, not the strings. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
