import type { Request, RequestHandler, Response } from 'express';
import type { Logger } from '../logger';
import type { Metrics } from './metrics';
import { requestIdFrom, runInScope } from './requestContext';

/** Probes and scrapes arrive every few seconds: logged at debug, not info. */
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * First middleware of the app: gives the request its id (X-Request-Id in and out), runs
 * the rest of the chain in that request's scope so every log line carries it, and on
 * finish records the duration and writes one access line. The line holds the route and
 * path, never the query string (Meta's handshake puts the verify token there) or headers.
 */
export function httpObservability(metrics: Metrics, logger: Logger): RequestHandler {
  return (req, res, next) => {
    const requestId = requestIdFrom(req.get('x-request-id'));
    res.locals.requestId = requestId;
    res.setHeader('X-Request-Id', requestId);
    const started = performance.now();
    res.once('finish', () => {
      const seconds = (performance.now() - started) / 1000;
      const route = routeOf(req, res);
      const status = String(res.statusCode);
      metrics.httpRequestDuration.observe({ method: req.method, route, status }, seconds);
      const path = req.originalUrl.split('?')[0] ?? '/';
      const line = {
        requestId,
        method: req.method,
        route,
        path,
        status: res.statusCode,
        durationMs: Math.round(seconds * 10_000) / 10,
      };
      if (QUIET_PATHS.has(path)) logger.debug(line, 'request');
      else logger.info(line, 'request');
    });
    // Body parsers keep the scope across the body's stream events (raw-body binds its
    // callback to the caller's async context): the logs test checks lines past them.
    runInScope({ requestId }, next);
  };
}

/**
 * The matched route pattern (`/webhooks/:platform`), never the raw path: ids in paths
 * would make one series per document. Set by the router once a route matched.
 */
function routeOf(req: Request, res: Response): string {
  const route = (res.locals.route as string | undefined) ?? matchedRoute(req);
  if (route) return route;
  return res.statusCode === 404 ? '(unmatched)' : '(static)';
}

function matchedRoute(req: Request): string | undefined {
  const path: unknown = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof path === 'string') return `${req.baseUrl}${path}`;
  if (path instanceof RegExp) return `${req.baseUrl}(client app)`;
  return undefined;
}

/** Names the route for middleware mounted with `app.use(path, ...)`, which sets no `req.route`. */
export function routeName(name: string): RequestHandler {
  return (_req, res, next) => {
    res.locals.route = name;
    next();
  };
}
