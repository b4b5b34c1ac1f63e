// Salesdesk benchmarks. `npm run bench` builds the server, then runs this.
// Scenarios "webhooks", "dashboard", "export", "dos", "sessions", "graphql", "fanout" and
// the long "growth" (BENCH_SCENARIO picks one or a comma list; `all`, the default, is every
// one but growth): see bench/README.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CONCURRENCY = 32;

/** Cleanups, run last-registered first, once, on success, failure or Ctrl-C. */
const cleanups = [];
const defer = (cleanup) => cleanups.push(cleanup);
async function cleanUp() {
  while (cleanups.length > 0) {
    const cleanup = cleanups.pop();
    try {
      await cleanup();
    } catch (error) {
      console.error('bench: cleanup failed:', error);
    }
  }
}

const SCENARIOS = ['webhooks', 'dashboard', 'export', 'dos', 'sessions', 'graphql', 'fanout'];
/** Minutes each: run only when named. */
const LONG_SCENARIOS = ['growth'];

function scenarios() {
  const raw = process.env.BENCH_SCENARIO?.trim();
  if (!raw || raw === 'all') return SCENARIOS;
  const named = raw.split(',').map((name) => name.trim());
  const known = [...SCENARIOS, ...LONG_SCENARIOS];
  const unknown = named.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new Error(
      `BENCH_SCENARIO must be all or a comma list of ${known.join(', ')} (got "${raw}")`,
    );
  }
  return named;
}

function dashboardIterations() {
  const raw = process.env.BENCH_DASHBOARD_RUNS?.trim();
  const runs = raw ? Number(raw) : 15;
  if (!Number.isInteger(runs) || runs < 1 || runs > 1000) {
    throw new Error(`BENCH_DASHBOARD_RUNS must be an integer from 1 to 1000 (got "${raw}")`);
  }
  return runs;
}

function benchSize() {
  const raw = process.env.BENCH_N?.trim();
  if (!raw) return 500;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 1_000_000) {
    throw new Error(`BENCH_N must be an integer from 1 to 1000000 (got "${raw}")`);
  }
  return n;
}

/** The embedded FerretDB binary, built once by scripts/setup-db.mjs (its own message on failure). */
function setupDatabase() {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'setup-db.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) {
    throw new Error('bench: the embedded FerretDB is not available (see setup:db above).');
  }
}

async function main() {
  const selected = scenarios();
  const n = benchSize();
  const runs = dashboardIterations();
  if (!existsSync(path.join(root, 'server', 'dist', 'app.js'))) {
    throw new Error(
      'bench: server/dist is missing: run `npm run build -w server` (npm run bench does).',
    );
  }
  setupDatabase();

  // Loaded after the checks: these require the compiled server.
  const require = createRequire(import.meta.url);
  require('reflect-metadata');
  const { startFerretDB } = require('../server/dist/db/ferretdb.js');
  const { runWebhooksPipeline } = await import('./webhooks.mjs');
  const { runBaseline } = await import('./baseline.mjs');
  const { report } = await import('./report.mjs');
  const { runDashboard } = await import('./dashboard.mjs');
  const { reportDashboard } = await import('./dashboardReport.mjs');
  const { exportSizes, runExport, reportExport } = await import('./export.mjs');
  const { runDos, reportDos } = await import('./dos.mjs');
  const { runSessions, reportSessions } = await import('./sessions.mjs');
  const { growthOptions, runGrowth } = await import('./growth.mjs');
  const { reportGrowth } = await import('./growthReport.mjs');
  const { graphqlOptions, runGraphql, reportGraphql } = await import('./graphql.mjs');
  const { fanoutSettings, runFanout, reportFanout } = await import('./fanout.mjs');
  const sizes = selected.includes('export') ? exportSizes() : [];
  const growth = selected.includes('growth') ? growthOptions() : undefined;
  // Bad settings fail before anything starts.
  const graphql = selected.includes('graphql') ? graphqlOptions() : undefined;
  if (selected.includes('fanout')) fanoutSettings();

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'salesdesk-bench-'));
  defer(() => rmSync(dataDir, { recursive: true, force: true }));
  const ferretdb = await startFerretDB({ dataDir });
  defer(() => ferretdb.stop());
  const logLevel = process.env.BENCH_LOG_LEVEL?.trim() || 'silent';

  if (selected.includes('webhooks')) {
    console.log(`\nbench: webhooks, N=${n}, concurrency ${CONCURRENCY} ...`);
    const pipeline = await runWebhooksPipeline({
      uri: ferretdb.uri,
      n,
      concurrency: CONCURRENCY,
      dataDir,
      logLevel,
      defer,
    });
    console.log('bench: baseline (raw driver) ...');
    const baseline = await runBaseline({ uri: ferretdb.uri, n, concurrency: CONCURRENCY });
    report({ n, concurrency: CONCURRENCY, pipeline, baseline });
  }
  if (selected.includes('dashboard')) {
    console.log(`\nbench: dashboard, ${runs} runs per query ...`);
    const results = await runDashboard({
      uri: ferretdb.uri,
      iterations: runs,
      dataDir,
      logLevel,
      defer,
    });
    reportDashboard({ engine: 'FerretDB 1.24 SQLite', iterations: runs, results });
  }
  if (selected.includes('export')) {
    console.log(`\nbench: export, N=${sizes.join(', ')} ...`);
    const results = await runExport({ uri: ferretdb.uri, sizes, dataDir, logLevel, defer });
    reportExport({ engine: 'FerretDB 1.24 SQLite', results });
  }
  if (selected.includes('dos')) {
    console.log('\nbench: dos, the GraphQL denial-of-service shapes ...');
    reportDos(await runDos({ uri: ferretdb.uri, dataDir, logLevel, defer, runs: 20 }));
  }
  if (selected.includes('sessions')) {
    console.log('\nbench: sessions, the cost of the session check ...');
    reportSessions(await runSessions({ uri: ferretdb.uri, dataDir, logLevel, defer, runs: 1000 }));
  }
  if (graphql) {
    console.log('\nbench: graphql, GraphQL against a plain route under load ...');
    const result = await runGraphql({
      uri: ferretdb.uri,
      dataDir,
      logLevel,
      defer,
      ferretdbPid: ferretdb.pid,
      options: graphql,
    });
    reportGraphql({ engine: 'FerretDB 1.24 SQLite', result });
  }
  if (selected.includes('fanout')) {
    console.log('\nbench: fanout, live updates to many subscribers ...');
    reportFanout(await runFanout({ uri: ferretdb.uri, dataDir, logLevel, defer }));
  }
  if (growth) {
    console.log(`\nbench: growth, ${growth.sizes.join(', ')} chats ...`);
    const results = await runGrowth({
      uri: ferretdb.uri,
      options: growth,
      dataDir,
      logLevel,
      defer,
      ferretdbPid: ferretdb.pid,
    });
    reportGrowth({ engine: 'FerretDB 1.24 SQLite', options: growth, results });
  }
}

let interrupted = false;
process.once('SIGINT', () => {
  interrupted = true;
  console.error('\nbench: interrupted, cleaning up ...');
  void cleanUp().finally(() => process.exit(130));
});

try {
  await main();
} catch (error) {
  // After Ctrl-C, operations cut short by the cleanup are expected to fail.
  if (!interrupted) console.error(`\nbench FAILED: ${error?.stack ?? error}`);
  process.exitCode = 1;
} finally {
  if (!interrupted) await cleanUp();
}
// Anything still holding the event loop (keep-alive sockets, a stray timer) must not hang us.
setTimeout(() => process.exit(), 2000).unref();
