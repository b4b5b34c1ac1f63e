import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import express, { Router, type RequestHandler } from 'express';

/** The dashboard's production build (`npm run build -w client`). */
export const clientDist = path.resolve(__dirname, '../../../client/dist');

/** Hashed names: a file's content never changes under its name. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else (index.html, sw.js): the browser asks again, an ETag answers 304. */
const REVALIDATE = 'no-cache';

type Encoding = 'br' | 'gzip';
const SUFFIX: Record<Encoding, string> = { br: '.br', gzip: '.gz' };

function filesUnder(dir: string, root = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file, root) : [path.relative(root, file)];
  });
}

/** The encodings a request accepts, best first (q=0 refuses one). */
function accepted(header: string | undefined): Encoding[] {
  const offers = (header ?? '').split(',').map((part) => part.trim().toLowerCase());
  const allows = (name: string) =>
    offers.some((offer) => {
      const [coding, ...params] = offer.split(';').map((item) => item.trim());
      return coding === name && !params.some((param) => /^q=0(\.0*)?$/.test(param));
    });
  return (['br', 'gzip'] as const).filter(allows);
}

/**
 * The build's precompressed copies (client/precompress.ts): for a file with a `.br` or
 * `.gz` beside it, the copy the browser accepts, with its Content-Encoding; the rest is
 * left to express.static. Which copies exist is read once, at start.
 */
function precompressed(dist: string): RequestHandler {
  const copies = new Map<string, Set<Encoding>>();
  const files = new Set(filesUnder(dist).map((file) => `/${file.split(path.sep).join('/')}`));
  for (const file of files) {
    for (const encoding of ['br', 'gzip'] as const) {
      const original = file.slice(0, -SUFFIX[encoding].length);
      if (file.endsWith(SUFFIX[encoding]) && files.has(original)) {
        copies.set(original, (copies.get(original) ?? new Set()).add(encoding));
      }
    }
  }
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const available = copies.get(req.path);
    if (!available) return next();
    res.setHeader('Vary', 'Accept-Encoding');
    const encoding = accepted(req.headers['accept-encoding']).find((item) => available.has(item));
    if (!encoding) return next();
    res.type(path.extname(req.path));
    res.setHeader('Content-Encoding', encoding);
    res.setHeader('Cache-Control', req.path.startsWith('/assets/') ? IMMUTABLE : REVALIDATE);
    res.sendFile(`${req.path.slice(1)}${SUFFIX[encoding]}`, { root: dist, cacheControl: false });
  };
}

/**
 * Serves the built dashboard with a fallback to index.html for client-side routes:
 * compressed copies when the browser takes them, hashed assets cached for a year, and
 * everything else revalidated. Absent a build (API-only deployments, tests) it serves nothing.
 */
export function clientAppRoutes(dist = clientDist): Router | undefined {
  const index = path.join(dist, 'index.html');
  if (!existsSync(index)) return undefined;
  const router = Router();
  router.use(precompressed(dist));
  router.use(
    express.static(dist, {
      index: false,
      cacheControl: false,
      setHeaders: (res, file) => {
        const immutable = path.relative(dist, file).startsWith(`assets${path.sep}`);
        res.setHeader('Cache-Control', immutable ? IMMUTABLE : REVALIDATE);
      },
    }),
  );
  // A chunk of an older build is gone, not a page: an HTML answer would fail as a script.
  router.get(/^\/assets\//, (_req, res) => {
    res.status(404).type('text').send('Not found');
  });
  const indexCopies = (['br', 'gzip'] as const).filter((encoding) =>
    existsSync(`${index}${SUFFIX[encoding]}`),
  );
  router.get(/^\/(?!graphql|webhooks|api|healthz|readyz|metrics).*/, (req, res) => {
    res.setHeader('Cache-Control', REVALIDATE);
    res.setHeader('Vary', 'Accept-Encoding');
    const encoding = accepted(req.headers['accept-encoding']).find((item) =>
      indexCopies.includes(item),
    );
    if (encoding) {
      res.type('html');
      res.setHeader('Content-Encoding', encoding);
      res.sendFile(`${index}${SUFFIX[encoding]}`);
      return;
    }
    res.sendFile(index);
  });
  return router;
}
