import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gunzipSync, gzipSync, brotliDecompressSync } from 'node:zlib';
import express from 'express';
import { clientAppRoutes } from '../../src/http/clientApp';

const SCRIPT = `console.log(${JSON.stringify('x'.repeat(5000))});`;
let dist: string;
let server: Server;
let base: string;

beforeAll(async () => {
  dist = mkdtempSync(path.join(tmpdir(), 'salesdesk-dist-'));
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Salesdesk</title>');
  writeFileSync(path.join(dist, 'sw.js'), 'self.addEventListener("push", () => {});');
  writeFileSync(path.join(dist, 'assets/index-abc123.js'), SCRIPT);
  writeFileSync(path.join(dist, 'assets/index-abc123.js.br'), brotliCompressSync(SCRIPT));
  writeFileSync(path.join(dist, 'assets/index-abc123.js.gz'), gzipSync(SCRIPT));
  writeFileSync(path.join(dist, 'assets/logo-def456.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  const app = express();
  app.use(clientAppRoutes(dist)!);
  server = app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
  rmSync(dist, { recursive: true, force: true });
});

// fetch() would decode the body itself: the raw bytes say what was sent.
async function get(file: string, acceptEncoding: string) {
  const { request } = await import('node:http');
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>(
    (resolve, reject) => {
      request(`${base}${file}`, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
      })
        .on('error', reject)
        .end();
    },
  );
}

test('a hashed script goes brotli-compressed when accepted, gzip otherwise, cached for a year', async () => {
  const br = await get('/assets/index-abc123.js', 'gzip, deflate, br');
  expect(br.status).toBe(200);
  expect(br.headers['content-encoding']).toBe('br');
  expect(br.headers['content-type']).toMatch(/^(application|text)\/javascript/);
  expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(br.headers.vary).toBe('Accept-Encoding');
  expect(brotliDecompressSync(br.body).toString()).toBe(SCRIPT);
  expect(br.body.length).toBeLessThan(SCRIPT.length / 10);

  const gzip = await get('/assets/index-abc123.js', 'gzip');
  expect(gzip.headers['content-encoding']).toBe('gzip');
  expect(gunzipSync(gzip.body).toString()).toBe(SCRIPT);

  const refused = await get('/assets/index-abc123.js', 'br;q=0, identity');
  expect(refused.headers['content-encoding']).toBeUndefined();
  expect(refused.body.toString()).toBe(SCRIPT);
});

test('index.html and the service worker are revalidated; an old chunk is a 404, not a page', async () => {
  const page = await get('/inbox/123', 'br');
  expect(page.status).toBe(200);
  expect(page.headers['cache-control']).toBe('no-cache');
  expect(page.body.toString()).toContain('<title>Salesdesk</title>');
  expect(page.headers.etag ?? page.headers['last-modified']).toBeTruthy();

  const worker = await get('/sw.js', 'br');
  expect(worker.headers['cache-control']).toBe('no-cache');

  const image = await get('/assets/logo-def456.png', 'br');
  expect(image.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(image.headers['content-encoding']).toBeUndefined();

  expect((await get('/assets/index-old999.js', 'br')).status).toBe(404);
});
