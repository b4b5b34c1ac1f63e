// Scenario "graphql": what the GraphQL layer costs under load. The real app in its own
// process (bench/benchServer.mjs) on an owner's seeded history, and beside it a plain
// express server (bench/graphqlPlainServer.mjs) that reads the same documents with the raw
// driver and answers the same JSON; 32 concurrent clients for a fixed time against each, for
// the inbox's first page and the dashboard's figures: requests per second, p50 / p95, and
// the GraphQL / plain ratio of requests per second. See bench/README.md.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { accessTokenFor } from './accessToken.mjs';
import { BENCH_JWT_SECRET, benchVariables } from './benchConfig.mjs';
import { GROWTH_QUERIES } from './growthQueries.mjs';
import { seedHistory } from './historySeed.mjs';
import { startScript, startServerProcess } from './serverProcess.mjs';
import { ms, ratio, round, summarize } from './stats.mjs';

const require = createRequire(import.meta.url);
const mongoose = require('mongoose');
const { MongoClient } = require('mongodb');

const here = path.dirname(fileURLToPath(import.meta.url));
/** The goal: GraphQL serves at least half the requests a second of the plain route. */
export const GOAL = 0.5;
const INBOX_PAGE = { page: 1, limit: 20 };

function positiveInt(name, fallback, max) {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new Error(`${name} must be an integer from 1 to ${max} (got "${raw}")`);
  }
  return value;
}

/**
 * BENCH_GRAPHQL_SECONDS per measurement (10), BENCH_GRAPHQL_CHATS seeded (1000),
 * BENCH_GRAPHQL_CONCURRENCY clients (32).
 */
export function graphqlOptions() {
  return {
    seconds: positiveInt('BENCH_GRAPHQL_SECONDS', 10, 3600),
    chats: positiveInt('BENCH_GRAPHQL_CHATS', 1000, 200_000),
    concurrency: positiveInt('BENCH_GRAPHQL_CONCURRENCY', 32, 1000),
  };
}

/** The plain server, in a process of its own as the app is; resolves once it listens. */
const startPlainServer = (config, defer) =>
  startScript(path.join(here, 'graphqlPlainServer.mjs'), config, defer, 'the plain server');

/** One request on a keep-alive agent: resolves with the status and the body as text. */
function send(agent, url, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { agent, method, headers }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode, text: Buffer.concat(chunks).toString() }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** The four requests, as functions of an agent: each resolves with the answer's text. */
function requestsFor({ serverUrl, plainUrl, token }) {
  const authorization = `Bearer ${token}`;
  const graphql = (query, variables) => {
    const body = JSON.stringify({ query, variables });
    const headers = {
      authorization,
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    };
    return (agent) => send(agent, `${serverUrl}/graphql`, { method: 'POST', headers, body });
  };
  const plain = (route) => (agent) =>
    send(agent, `${plainUrl}${route}`, { headers: { authorization } });
  const { page, limit } = INBOX_PAGE;
  return {
    inbox: {
      graphql: graphql(GROWTH_QUERIES.inbox, { page, limit }),
      plain: plain(`/plain/inbox?page=${page}&limit=${limit}`),
    },
    dashboard: {
      graphql: graphql(GROWTH_QUERIES.dashboard),
      plain: plain('/plain/dashboard'),
    },
  };
}

/** A 200 with data and no errors, or the reason it is not. */
const problemOf = ({ status, text }) =>
  status !== 200
    ? `HTTP ${status}: ${text.slice(0, 200)}`
    : !text.startsWith('{"data":') || text.includes('"errors":')
      ? `errors: ${text.slice(0, 200)}`
      : undefined;

/** Object keys sorted, so two answers compare by content whatever their key order. */
const canonical = (value) =>
  JSON.stringify(value, (_key, inner) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.keys(inner)
            .sort()
            .map((key) => [key, inner[key]]),
        )
      : inner,
  );

/** CPU time a process has used (user + system), in ms; NaN when it cannot be read. */
function cpuMsOf(pid) {
  try {
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}
/** Linux's USER_HZ, which /proc/<pid>/stat counts in: 100 on every common kernel. */
const CLOCK_TICKS = 100;

/**
 * `concurrency` loops sending `request` back to back for `seconds`, after a warm-up of a
 * second on four loops. Counted: the answers that arrived within the window (requests a second over it)
 * and their latencies; those still on their way at its end are waited for (so none runs
 * into the next measurement) but not counted. Failed answers are counted, the first few
 * kept. `pids`: processes whose CPU time over the window is divided by the answers.
 */
async function load({ request, seconds, concurrency, pids }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  try {
    const run = async (durationMs, record, loops = concurrency) => {
      const began = performance.now();
      const until = began + durationMs;
      const loop = async () => {
        while (performance.now() < until) {
          const started = performance.now();
          const answer = await request(agent);
          const ended = performance.now();
          if (ended <= until) record(ended - started, problemOf(answer));
        }
      };
      await Promise.all(Array.from({ length: loops }, loop));
    };
    // Warm-up on a few loops, so a slow side's tail is short.
    await run(1000, () => undefined, 4);
    const latencies = [];
    const failures = [];
    const cpuBefore = Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, cpuMsOf(pid)]));
    await run(seconds * 1000, (latency, problem) => {
      if (problem) failures.push(problem);
      else latencies.push(latency);
    });
    const cpuMsPerRequest = Object.fromEntries(
      Object.entries(pids).map(([key, pid]) => [
        key,
        (cpuMsOf(pid) - cpuBefore[key]) / Math.max(1, latencies.length),
      ]),
    );
    return {
      requests: latencies.length,
      failed: failures.length,
      failureSample: failures.slice(0, 3),
      perSecond: latencies.length / seconds,
      latency: summarize(latencies),
      cpuMsPerRequest,
    };
  } finally {
    agent.destroy();
  }
}

/** Seeds through the models (mongoose in this process), before the server opens the database. */
async function seed(uri, chats) {
  await mongoose.connect(uri, { maxPoolSize: 1 });
  try {
    return await seedHistory({ label: 'graphql', days: 90, chats });
  } finally {
    await mongoose.disconnect();
  }
}

/**
 * Runs the scenario on `${uri}bench_graphql`: seeds, starts both servers, checks they give
 * the same answers, then loads each. `defer` registers the servers' stops with the caller.
 */
export async function runGraphql({
  uri,
  dataDir,
  logLevel,
  defer,
  ferretdbPid,
  options = graphqlOptions(),
}) {
  const dbName = 'bench_graphql';
  const mongodbUri = `${uri}${dbName}`;
  console.log(`bench: graphql: seeding 90 days and ${options.chats} chats ...`);
  const seedStarted = performance.now();
  const seeded = await seed(mongodbUri, options.chats);
  const seedMs = performance.now() - seedStarted;
  console.log(`bench: graphql: seeded in ${(seedMs / 1000).toFixed(1)} s; starting the servers`);

  const server = await startServerProcess(
    benchVariables({ uri, dbName, dataDir, logLevel }),
    defer,
  );
  const plain = await startPlainServer({ mongodbUri, jwtSecret: BENCH_JWT_SECRET }, defer);
  const client = new MongoClient(mongodbUri, { maxPoolSize: 1, minPoolSize: 1 });
  await client.connect();
  try {
    const token = await accessTokenFor(client.db(), seeded.owner, BENCH_JWT_SECRET);
    const requests = requestsFor({ serverUrl: server.url, plainUrl: plain.url, token });

    // The same answers first: a fast wrong answer is no result.
    const problems = [];
    const agent = new http.Agent({ keepAlive: true });
    for (const [name, sides] of Object.entries(requests)) {
      const [viaGraphql, viaPlain] = [await sides.graphql(agent), await sides.plain(agent)];
      for (const [side, answer] of [
        ['GraphQL', viaGraphql],
        ['plain', viaPlain],
      ]) {
        const problem = problemOf(answer);
        if (problem) problems.push(`${name} over ${side}: ${problem}`);
      }
      if (problems.length > 0) continue;
      if (canonical(JSON.parse(viaGraphql.text)) !== canonical(JSON.parse(viaPlain.text))) {
        problems.push(
          `${name}: the plain route's answer is not GraphQL's: ` +
            `${viaPlain.text.slice(0, 300)} vs ${viaGraphql.text.slice(0, 300)}`,
        );
      }
      if (name === 'inbox') {
        const total = JSON.parse(viaGraphql.text).data.chats.total;
        if (total !== options.chats) problems.push(`the inbox counts ${total} chats`);
      }
    }
    agent.destroy();
    if (problems.length > 0) return { options, seedMs, problems, queries: {} };

    const queries = {};
    for (const [name, sides] of Object.entries(requests)) {
      queries[name] = {};
      for (const side of ['graphql', 'plain']) {
        console.log(
          `bench: graphql: ${name} over ${side}, ${options.concurrency} clients for ` +
            `${options.seconds} s ...`,
        );
        const pids = {
          server: side === 'graphql' ? server.pid : plain.pid,
          ...(ferretdbPid ? { database: ferretdbPid } : {}),
        };
        const result = await load({ request: sides[side], ...options, pids });
        if (result.failed > 0) {
          problems.push(
            `${name} over ${side}: ${result.failed} failed answers; first: ` +
              result.failureSample.join(' | '),
          );
        }
        queries[name][side] = result;
      }
      queries[name].ratio = queries[name].graphql.perSecond / queries[name].plain.perSecond;
    }
    return { options, seedMs, sizes: seeded.sizes, queries, problems };
  } finally {
    await client.close();
    await Promise.all([server.stop(), plain.stop()]);
  }
}

const LABELS = { inbox: 'inbox chats, page 1 of 20', dashboard: 'dashboardStats' };

/** Prints the table and BENCH_RESULT; throws, after printing, if a check failed. */
export function reportGraphql({ engine, result }) {
  const { options, queries, problems } = result;
  const lines = [
    '',
    `graphql  ${options.concurrency} concurrent clients, ${options.seconds} s each, one owner ` +
      `with 90 days and ${options.chats} chats (${engine}; app and plain route each in its ` +
      'own process, one database connection each)',
  ];
  const json = {};
  for (const [name, query] of Object.entries(queries)) {
    const cpu = (figures) =>
      Object.entries(figures.cpuMsPerRequest)
        .map(([process, value]) => `${process} ${value.toFixed(2)}`)
        .join(', ');
    const row = (side, label) =>
      `    ${label.padEnd(9)} ${query[side].perSecond.toFixed(1).padStart(7)} req/s   ` +
      `p50 ${ms(query[side].latency.p50).padStart(9)}   p95 ${ms(query[side].latency.p95).padStart(9)}` +
      `   ${String(query[side].requests).padStart(5)} answers; CPU ms per answer: ${cpu(query[side])}`;
    lines.push(
      `  ${LABELS[name]}`,
      row('graphql', 'GraphQL'),
      row('plain', 'plain'),
      `    ratio     ${ratio(query.ratio)} requests a second, GraphQL / plain ` +
        `(goal >= ${GOAL}: ${query.ratio >= GOAL ? 'met' : 'NOT met'})`,
    );
    const side = (figures) => ({
      perSecond: round(figures.perSecond, 1),
      p50: round(figures.latency.p50),
      p95: round(figures.latency.p95),
      requests: figures.requests,
      failed: figures.failed,
      cpuMsPerRequest: Object.fromEntries(
        Object.entries(figures.cpuMsPerRequest).map(([key, value]) => [key, round(value, 3)]),
      ),
    });
    json[name] = {
      graphql: side(query.graphql),
      plain: side(query.plain),
      ratio: round(query.ratio, 2),
    };
  }
  lines.push(
    '  plain: express + the raw driver on the same documents, the same token and session',
    '  check, the same JSON (checked equal before the run); ratio: requests a second. CPU ms',
    "  per answer: the answering process's (server) and FerretDB's (database) CPU time over",
    '  the window, divided by the answers in it.',
    '',
  );
  console.log(lines.join('\n'));
  console.log(
    `BENCH_RESULT ${JSON.stringify({
      scenario: 'graphql',
      engine,
      concurrency: options.concurrency,
      seconds: options.seconds,
      chats: options.chats,
      goal: GOAL,
      queries: json,
      problems,
    })}`,
  );
  if (problems.length > 0) {
    throw new Error(`graphql check failed:\n  - ${problems.join('\n  - ')}`);
  }
}
