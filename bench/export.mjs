// Scenario "export": N small documents of one user exported as NDJSON through the real
// route (`GET /api/dbms/export`, server in its own process), against a raw driver cursor
// writing the same NDJSON in this process; the server's peak RSS for each N.
import { createRequire } from 'node:module';
import { Writable } from 'node:stream';
import { accessTokenFor } from './accessToken.mjs';
import { memoryOf, RSS_SAMPLE_MS, sampleRss, startServerProcess } from './serverProcess.mjs';

const require = createRequire(import.meta.url);
const { MongoClient, ObjectId, BSON } = require('mongodb');

const JWT_SECRET = 'bench-secret-0123456789-0123456789-0123';
const SEED_BATCH = 5000;
const NEWLINE = 0x0a;

/** BENCH_EXPORT_SIZES: comma list of document counts (default 100,000 and 1,000,000). */
export function exportSizes() {
  const raw = process.env.BENCH_EXPORT_SIZES?.trim() || '100000,1000000';
  const sizes = raw.split(',').map((item) => Number(item.trim()));
  if (sizes.some((n) => !Number.isInteger(n) || n < 1 || n > 10_000_000)) {
    throw new Error(`BENCH_EXPORT_SIZES must list integers from 1 to 10000000 (got "${raw}")`);
  }
  return sizes;
}

/** Counts bytes and lines, discarding them; honours backpressure like a real sink. */
class CountingSink extends Writable {
  bytes = 0;
  lines = 0;
  _write(chunk, _encoding, callback) {
    this.bytes += chunk.length;
    for (let index = chunk.indexOf(NEWLINE); index >= 0; index = chunk.indexOf(NEWLINE, index + 1))
      this.lines++;
    callback();
  }
}

function startServer({ uri, dataDir, logLevel, defer }) {
  return startServerProcess(
    {
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: logLevel,
      JWT_SECRET,
      SECRETS_KEY: 'b'.repeat(64),
      MONGODB_URI: uri,
    },
    defer,
  );
}

/** N messages of one user, inserted in batches: small documents, as the app stores them. */
async function seed(db, n) {
  const userId = new ObjectId();
  await db.collection('users').insertOne({
    _id: userId,
    email: `export-${n}@bench.salesdesk.test`,
    password: 'not-a-bcrypt-hash',
    role: 'user',
    createdAt: new Date(),
  });
  const chatId = new ObjectId();
  const start = Date.UTC(2026, 0, 1);
  const messages = db.collection('messages');
  for (let offset = 0; offset < n; offset += SEED_BATCH) {
    const batch = [];
    for (let index = offset; index < Math.min(n, offset + SEED_BATCH); index++) {
      batch.push({
        _id: new ObjectId(),
        chatId,
        userId,
        platform: 'facebook',
        sender: index % 2 ? 'ai' : 'customer',
        content: `Message ${index}: is the Porto Tote still available in brown?`,
        messageType: 'text',
        platformMessageId: `m_bench_${index}`,
        createdAt: new Date(start + index * 1000),
      });
    }
    await messages.insertMany(batch, { ordered: false });
  }
  return userId;
}

/** The route: the whole body read and counted as it arrives. */
async function exportThroughRoute(url, token) {
  const started = performance.now();
  const response = await fetch(`${url}/api/dbms/export?collections=messages&format=ndjson`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (response.status !== 200)
    throw new Error(`export answered ${response.status}: ${await response.text()}`);
  const sink = new CountingSink();
  for await (const chunk of response.body) {
    if (!sink.write(chunk)) await new Promise((resolve) => sink.once('drain', resolve));
  }
  return { ms: performance.now() - started, bytes: sink.bytes, lines: sink.lines };
}

/** The baseline: a raw driver cursor writing the same NDJSON lines to a counting sink. */
async function exportWithDriver(db, userId) {
  const started = performance.now();
  const sink = new CountingSink();
  const cursor = db
    .collection('messages')
    .find({ userId }, { batchSize: 1000, promoteValues: false });
  for await (const document of cursor) {
    const line = `${BSON.EJSON.stringify({ collection: 'messages', document }, { relaxed: false })}\n`;
    if (!sink.write(line)) await new Promise((resolve) => sink.once('drain', resolve));
  }
  return { ms: performance.now() - started, bytes: sink.bytes, lines: sink.lines };
}

async function runSize({ uri, n, dataDir, logLevel, defer }) {
  const dbName = `bench_export_${n}`;
  // The server first: its start-up creates the collections and indexes the seed then fills.
  const server = await startServer({ uri: `${uri}${dbName}`, dataDir, logLevel, defer });
  const client = new MongoClient(`${uri}${dbName}`, { maxPoolSize: 1, minPoolSize: 1 });
  await client.connect();
  try {
    const db = client.db();
    console.log(`bench: export N=${n}: seeding ...`);
    const seedStarted = performance.now();
    const userId = await seed(db, n);
    const seedMs = performance.now() - seedStarted;
    console.log(`bench: export N=${n}: seeded in ${(seedMs / 1000).toFixed(1)} s; exporting ...`);
    const token = await accessTokenFor(
      db,
      { _id: userId, email: `export-${n}@bench.salesdesk.test`, role: 'user' },
      JWT_SECRET,
    );

    const idle = memoryOf(server.pid);
    const stopSampling = sampleRss(server.pid);
    const route = await exportThroughRoute(server.url, token);
    const peakSampled = stopSampling();
    const afterExport = memoryOf(server.pid);
    const raw = await exportWithDriver(db, userId);

    const problems = [];
    if (route.lines !== n) problems.push(`the route exported ${route.lines} lines, not ${n}`);
    if (raw.lines !== n) problems.push(`the raw cursor read ${raw.lines} documents, not ${n}`);
    if (route.bytes !== raw.bytes)
      problems.push(`the route wrote ${route.bytes} bytes, the raw cursor ${raw.bytes}`);
    await server.stop();
    await db.dropDatabase();
    return {
      n,
      seedMs,
      route,
      raw,
      memory: {
        idleRssKb: idle.rss,
        peakRssKb: peakSampled,
        hwmKb: afterExport.hwm,
        bootHwmKb: idle.hwm,
      },
      problems,
    };
  } finally {
    await client.close();
  }
}

export async function runExport({ uri, sizes, dataDir, logLevel, defer }) {
  const results = [];
  for (const n of sizes) results.push(await runSize({ uri, n, dataDir, logLevel, defer }));
  return results;
}

const mb = (kb) => `${(kb / 1024).toFixed(1)} MB`;
const rate = (count, ms) => Math.round((count * 1000) / ms);

export function reportExport({ engine, results }) {
  const lines = [
    '',
    `export  NDJSON of one user's messages, route vs raw driver cursor (${engine})`,
  ];
  for (const r of results) {
    lines.push(
      `  N=${r.n.toLocaleString('en')}  seeded in ${(r.seedMs / 1000).toFixed(1)} s ` +
        `(${rate(r.n, r.seedMs).toLocaleString('en')} docs/s, insertMany of ${SEED_BATCH})`,
      `    route       ${(r.route.ms / 1000).toFixed(2)} s  ${rate(r.n, r.route.ms).toLocaleString('en')} docs/s  ` +
        `${mb(r.route.bytes / 1024)}`,
      `    raw cursor  ${(r.raw.ms / 1000).toFixed(2)} s  ${rate(r.n, r.raw.ms).toLocaleString('en')} docs/s  ` +
        `ratio ${(r.route.ms / r.raw.ms).toFixed(2)}x`,
      `    server RSS  idle ${mb(r.memory.idleRssKb)}, peak while exporting ${mb(r.memory.peakRssKb)} ` +
        `(VmHWM ${mb(r.memory.hwmKb)}; after start-up ${mb(r.memory.bootHwmKb)})`,
    );
    for (const problem of r.problems) lines.push(`    PROBLEM: ${problem}`);
  }
  if (results.length > 1) {
    const [first, last] = [results[0], results[results.length - 1]];
    lines.push(
      `  peak RSS N=${last.n.toLocaleString('en')} / N=${first.n.toLocaleString('en')}: ` +
        `${(last.memory.peakRssKb / first.memory.peakRssKb).toFixed(2)}x (goal: 1.0x, memory flat in N)`,
    );
  }
  lines.push(
    '  ratio: route time / raw cursor time (same documents, same bytes); RSS sampled every',
    `  ${RSS_SAMPLE_MS} ms from /proc/<pid>/status of the server process, which runs nothing else.`,
    '',
  );
  console.log(lines.join('\n'));
  const problems = results.flatMap((r) => r.problems.map((problem) => `N=${r.n}: ${problem}`));
  const summary = results.map((r) => ({
    n: r.n,
    seedMs: Math.round(r.seedMs),
    route: { ms: Math.round(r.route.ms), docsPerSec: rate(r.n, r.route.ms), bytes: r.route.bytes },
    raw: { ms: Math.round(r.raw.ms), docsPerSec: rate(r.n, r.raw.ms) },
    ratio: Math.round((r.route.ms / r.raw.ms) * 100) / 100,
    memory: r.memory,
  }));
  console.log(
    `BENCH_RESULT ${JSON.stringify({ scenario: 'export', engine, sizes: summary, problems })}`,
  );
  if (problems.length > 0) throw new Error(`export: ${problems.join('; ')}`);
}
