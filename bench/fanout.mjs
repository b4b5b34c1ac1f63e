// Scenario "fanout": S live subscribers of one user, S of other users, M inbound messages;
// delivery latency from webhook ack to receipt and memory per idle connection, against the
// same fan-out through a bare `ws` server in the same run. See bench/README.md.
//
// From bench/run.mjs: `const result = await runFanout({ uri, dataDir, logLevel, defer })`,
// then `reportFanout(result)` (prints, and throws if a check failed). Alone:
// `npm run build -w server && node bench/fanout.mjs` (starts its own FerretDB).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { accessTokenFor } from './accessToken.mjs';
import { startBareServer } from './fanoutBaseline.mjs';
import { startClientThread } from './fanoutClients.mjs';
import { reportFanout } from './fanoutReport.mjs';
import { memorySnapshot, nowMs, sleep, until } from './fanoutUtil.mjs';
import { startGraphFixture } from './graphFixture.mjs';
import { summarize } from './stats.mjs';
import { benchConfig } from './benchConfig.mjs';

export { reportFanout };

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const PAGE_ID = '1000000000000002';
/** Clients opened at once; each batch is registered by the server before the next. */
const BATCH = 50;
/** Descriptors kept for everything but the 4S sockets (database, HTTP, fixture, stdio). */
const FD_RESERVE = 256;
/** After the last receipt: how long events meant for nobody get to show up. */
const QUIET_MS = 500;
const REGISTER_TIMEOUT_MS = 15_000;

const customerIdOf = (index) => String(8_000_000_000_000 + index);
const WARM_UP = 'warm-up';

/** BENCH_FANOUT_S (comma list, default "100,1000"), BENCH_FANOUT_M (20), BENCH_FANOUT_GAP_MS (100). */
export function fanoutSettings(env = process.env) {
  const int = (name, raw, fallback, min, max) => {
    const text = raw?.trim();
    if (!text) return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new Error(`${name} must be an integer from ${min} to ${max} (got "${text}")`);
    }
    return value;
  };
  const sizes = env.BENCH_FANOUT_S?.trim()
    ? env.BENCH_FANOUT_S.split(',').map((part) => int('BENCH_FANOUT_S', part, 0, 1, 100_000))
    : [100, 1000];
  return {
    sizes,
    messages: int('BENCH_FANOUT_M', env.BENCH_FANOUT_M, 20, 1, 10_000),
    gapMs: int('BENCH_FANOUT_GAP_MS', env.BENCH_FANOUT_GAP_MS, 100, 0, 60_000),
  };
}

/** Cleanups run last-registered first, each once, however often run() is called. */
function cleanupStack() {
  const stack = [];
  return {
    push: (cleanup) => stack.push(cleanup),
    async run() {
      while (stack.length > 0) {
        const cleanup = stack.pop();
        try {
          await cleanup();
        } catch (error) {
          console.error('bench: fanout cleanup failed:', error);
        }
      }
    },
  };
}

/** The soft limit on open files of this process (`ulimit -n`), Infinity if unlimited. */
export function openFilesLimit() {
  const parse = (text) => (text === 'unlimited' ? Infinity : Number(text) || undefined);
  try {
    const match = /^Max open files\s+(\S+)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
    if (match) return parse(match[1]);
  } catch {
    // Not Linux: ask a shell, which inherits our limit.
  }
  const shell = spawnSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' });
  return parse(shell.stdout?.trim() ?? '');
}

function loadServer() {
  if (!existsSync(path.join(root, 'server', 'dist', 'app.js'))) {
    throw new Error('bench: server/dist is missing: run `npm run build -w server` first.');
  }
  require('reflect-metadata');
  const users = require('../server/dist/modules/users/user.model.js');
  const campaigns = require('../server/dist/modules/campaigns/campaign.model.js');
  const integrations = require('../server/dist/modules/integrations/integration.model.js');
  return {
    ChatModel: require('../server/dist/modules/chats/chat.model.js').ChatModel,
    createApp: require('../server/dist/app.js').createApp,
    signBody: require('../server/dist/platforms/webhookSignature.js').signBody,
    sealSecret: require('../server/dist/security/secretBox.js').sealSecret,
    ...users,
    ...campaigns,
    ...integrations,
  };
}

/**
 * Runs the scenario for each S on `${uri}bench_fanout_s<S>` (a fresh database each) and
 * resolves with the figures for reportFanout(). `defer` (optional) registers one cleanup
 * with the caller, for Ctrl-C; everything is also cleaned up here, on success or failure.
 */
export async function runFanout({
  uri,
  ferretdbUri = uri,
  dataDir,
  logLevel = 'silent',
  defer,
  sizes,
  messages,
  gapMs,
  log = console.log,
} = {}) {
  if (!ferretdbUri) throw new Error('runFanout: uri (mongodb://host:port/) is required');
  const settings = fanoutSettings();
  const m = messages ?? settings.messages;
  const gap = gapMs ?? settings.gapMs;
  const cleanups = cleanupStack();
  defer?.(() => cleanups.run());
  let ownDataDir;
  if (!dataDir) {
    ownDataDir = mkdtempSync(path.join(os.tmpdir(), 'salesdesk-fanout-'));
    cleanups.push(() => rmSync(ownDataDir, { recursive: true, force: true }));
  }
  try {
    const server = loadServer();
    const { messengerPayload, APP_SECRET, CUSTOMER_TEXT } = await import('./webhooks.mjs');
    const fdLimit = openFilesLimit();
    const maxS = Number.isFinite(fdLimit) ? Math.floor((fdLimit - FD_RESERVE) / 4) : Infinity;
    const capped = [];
    const plan = (sizes ?? settings.sizes).map((s) => {
      if (s <= maxS) return s;
      capped.push({ requested: s, ran: maxS });
      log(
        `bench: fanout: ulimit -n is ${fdLimit}, but S=${s} needs about ${4 * s + FD_RESERVE} ` +
          `open files (2S clients and their 2S server sockets in this process): capping S at ` +
          `${maxS}. Raise the limit (ulimit -n) to run S=${s}.`,
      );
      return maxS;
    });
    if (plan.some((s) => s < 1)) throw new Error(`bench: fanout: ulimit -n ${fdLimit} is too low`);

    // Node's own warnings (e.g. MaxListenersExceededWarning) are reported with the figures.
    const warnings = new Map();
    const onWarning = (warning) => {
      const text = `${warning.name}: ${warning.message}`.replace(/[0-9a-f]{24}/g, '<id>');
      warnings.set(text, (warnings.get(text) ?? 0) + 1);
    };
    process.on('warning', onWarning);
    cleanups.push(() => process.off('warning', onWarning));

    const clients = startClientThread();
    cleanups.push(() => clients.terminate());
    const gcForced = (await memorySnapshot()).gc && (await clients.call('memory')).gc;

    const common = {
      server,
      uri: ferretdbUri,
      dataDir: dataDir ?? ownDataDir,
      logLevel,
      m,
      gapMs: gap,
      clients,
      cleanups,
      log,
      webhook: { messengerPayload, APP_SECRET, CUSTOMER_TEXT },
    };
    const runs = [];
    let about;
    for (const s of plan) {
      // The baseline first: its memory reading is not blurred by the app's garbage.
      log(`bench: fanout S=${s}, M=${m}: baseline (bare ws broadcast, 2x${s} clients) ...`);
      const baseline = await runBare({ ...common, s });
      log(`bench: fanout S=${s}, M=${m}: salesdesk (2x${s} graphql-ws subscriptions) ...`);
      const salesdesk = await runSalesdesk({ ...common, s });
      about ??= salesdesk.about;
      const ratio = (a, b) => (b > 0 ? a / b : NaN);
      runs.push({
        s,
        salesdesk,
        baseline,
        ratios: {
          p50: ratio(salesdesk.latency.p50, baseline.latency.p50),
          p95: ratio(salesdesk.latency.p95, baseline.latency.p95),
          p99: ratio(salesdesk.latency.p99, baseline.latency.p99),
          fanoutP50: ratio(salesdesk.fanout.p50, baseline.latency.p50),
          fanoutP95: ratio(salesdesk.fanout.p95, baseline.latency.p95),
          fanoutP99: ratio(salesdesk.fanout.p99, baseline.latency.p99),
          serverHeapPerConnection: ratio(
            salesdesk.perConnection.serverHeap,
            baseline.perConnection.serverHeap,
          ),
          rssPerConnection: ratio(salesdesk.perConnection.rss, baseline.perConnection.rss),
        },
        problems: [
          ...salesdesk.problems.map((problem) => `S=${s} salesdesk: ${problem}`),
          ...baseline.problems.map((problem) => `S=${s} bare ws: ${problem}`),
        ],
      });
    }
    return {
      scenario: 'fanout',
      messages: m,
      gapMs: gap,
      ...about,
      gcForced,
      openFilesLimit: fdLimit,
      capped,
      runs,
      warnings: [...warnings].map(([text, count]) => (count > 1 ? `${text} (x${count})` : text)),
      problems: runs.flatMap((run) => run.problems),
    };
  } finally {
    await cleanups.run();
  }
}

/**
 * Counts the subscriptions the server has listening (its salesdesk_websocket_subscriptions
 * gauge: one per subscriber, however many share an execution) and times each chat's first
 * chatUpdated publish.
 */
function instrument(app) {
  const published = new Map();
  const gauge = app.metrics.websocketSubscriptions;
  const { inc, dec } = gauge;
  const counted = { live: 0 };
  gauge.inc = function (...args) {
    counted.live += typeof args.at(-1) === 'number' ? args.at(-1) : 1;
    return inc.apply(this, args);
  };
  gauge.dec = function (...args) {
    counted.live -= typeof args.at(-1) === 'number' ? args.at(-1) : 1;
    return dec.apply(this, args);
  };
  const { pubsub } = app;
  const { publish } = pubsub;
  pubsub.publish = (topic, id, event, ...rest) => {
    if (topic === 'chatUpdated' && !published.has(event?.chatId)) {
      published.set(event.chatId, nowMs());
    }
    return publish(topic, id, event, ...rest);
  };
  return { live: () => counted.live, published };
}

/** Opens S clients of group `a`, then S of `other`, in batches the server has registered. */
async function openClients({ clients, s, openBatch, registered }) {
  const before = await memory(clients);
  const started = nowMs();
  for (const group of ['a', 'other']) {
    for (let from = 0; from < s; from += BATCH) {
      const count = Math.min(BATCH, s - from);
      await openBatch(group, from, count);
      if (!(await until(() => registered(group) >= from + count, REGISTER_TIMEOUT_MS))) {
        throw new Error(
          `only ${registered(group)} of ${from + count} subscriptions (${group}) were ` +
            `registered by the server after ${REGISTER_TIMEOUT_MS / 1000} s`,
        );
      }
    }
  }
  const openMs = nowMs() - started;
  // Let the last subscriptions' listeners attach before measuring.
  await sleep(200);
  const after = await memory(clients);
  const per = (key) => (after[key] - before[key]) / (2 * s);
  return {
    openMs,
    memoryBefore: before,
    memoryAfter: after,
    perConnection: {
      serverHeap: per('serverHeap'),
      clientHeap: per('clientHeap'),
      rss: per('rss'),
    },
  };
}

/** Server heap (this thread), clients' heap (their thread), rss (the process), after GCs. */
async function memory(clients) {
  const server = await memorySnapshot();
  const client = await clients.call('memory');
  return { serverHeap: server.heapUsed, clientHeap: client.heapUsed, rss: client.rss };
}

/**
 * Pairs each message's ack with each A client's first receipt for its chat: the latency
 * samples, how many never came, and how many came before the ack was read.
 */
function pairUp(sent, receipts, publishedAt) {
  const latency = [];
  const fanout = [];
  const ackToPublish = [];
  let missing = 0;
  let beforeAck = 0;
  let last = 0;
  for (const { chatId, ackAt } of sent) {
    const published = chatId === undefined ? undefined : publishedAt?.get(chatId);
    if (published !== undefined) ackToPublish.push(published - ackAt);
    for (const firsts of receipts.a) {
      const at = chatId === undefined ? undefined : firsts[chatId];
      if (at === undefined) {
        missing += 1;
        continue;
      }
      latency.push(at - ackAt);
      if (at < ackAt) beforeAck += 1;
      if (published !== undefined) fanout.push(at - published);
      last = Math.max(last, at);
    }
  }
  return { latency, fanout, ackToPublish, missing, beforeAck, last };
}

/** What the subscribers saw that they should not have: each a problem. */
function receiptProblems({ s, m, pairs, receipts, waited }) {
  const problems = [];
  if (pairs.missing > 0) {
    problems.push(
      `${pairs.missing} of ${s * m} deliveries to user A's subscribers never arrived ` +
        `(waited ${(waited / 1000).toFixed(1)} s after the last ack)`,
    );
  }
  if (receipts.otherEvents > 0) {
    problems.push(
      `other users' subscribers received ${receipts.otherEvents} events (must be 0); ` +
        `first: ${receipts.otherSample.join(' | ')}`,
    );
  }
  if (receipts.errors > 0) {
    problems.push(
      `subscribers got ${receipts.errors} errors; first: ${receipts.errorSample.join(' | ')}`,
    );
  }
  if (receipts.ended > 0) problems.push(`${receipts.ended} subscriptions were ended by the server`);
  if (receipts.unexpectedCloses > 0) {
    problems.push(
      `${receipts.unexpectedCloses} sockets were closed by the server; first: ` +
        receipts.closeSample.join(' | '),
    );
  }
  return problems;
}

const deliveryTimeoutMs = (s, m) => 60_000 + s * m * 5;

async function runSalesdesk({
  server,
  uri,
  dataDir,
  logLevel,
  s,
  m,
  gapMs,
  clients,
  cleanups,
  webhook,
}) {
  const phase = cleanupStack();
  cleanups.push(() => phase.run());
  try {
    const pageToken = `EAAG${randomBytes(24).toString('hex')}`;
    const fixture = await startGraphFixture({ pageId: PAGE_ID, pageToken });
    phase.push(() => fixture.close());
    const config = benchConfig({
      uri,
      dbName: `bench_fanout_s${s}`,
      dataDir,
      logLevel,
      env: { META_APP_SECRET: webhook.APP_SECRET, GRAPH_API_URL: fixture.url },
    });
    const app = await server.createApp(config);
    phase.push(() => app.stop());
    const baseUrl = await app.listen();
    const db = app.database.connection.db;
    const buildInfo = await db.admin().command({ buildInfo: 1 });
    const about = {
      engine:
        app.database.engine === 'ferretdb'
          ? `FerretDB ${String(buildInfo.ferretdbVersion ?? '?').replace(/^v/, '')} SQLite`
          : app.database.engine,
      responder: config.groqApiKey ? 'groq' : 'playbook',
      pubsub: config.redisUrl ? 'redis' : 'memory',
      queueConcurrency: config.pipeline.queue.concurrency,
    };

    const { owner, others } = await seed(server, config.secretsKey, pageToken, s);
    const probe = instrument(app);
    // User A's clients are all opened before the others: those come on top of them.
    const registered = (group) => (group === 'a' ? probe.live() : probe.live() - s);
    const tokenOf = (user) => accessTokenFor(db, user, config.jwtSecret);
    const ownerToken = await tokenOf(owner);
    const url = `${baseUrl.replace(/^http/, 'ws')}/graphql`;

    phase.push(() => clients.call('closeAll'));
    const opened = await openClients({
      clients,
      s,
      registered,
      openBatch: async (group, from, count) =>
        clients.call('open', {
          kind: 'graphql',
          url,
          group,
          tokens:
            group === 'a'
              ? Array(count).fill(ownerToken)
              : await Promise.all(others.slice(from, from + count).map(tokenOf)),
        }),
    });

    // Signed before the clock starts: only the POSTs are timed.
    const run = `${Date.now()}${randomBytes(3).toString('hex')}`;
    const signed = (customerId, index) => {
      const raw = JSON.stringify(
        webhook.messengerPayload(
          PAGE_ID,
          customerId,
          `m_fanout_${run}_${index}`,
          webhook.CUSTOMER_TEXT,
        ),
      );
      return { customerId, raw, signature: server.signBody(raw, webhook.APP_SECRET) };
    };
    const warmUp = signed(customerIdOf(m), WARM_UP);
    const requests = Array.from({ length: m }, (_, index) => signed(customerIdOf(index), index));
    const post = async ({ customerId, raw, signature }) => {
      const started = nowMs();
      const response = await fetch(`${baseUrl}/webhooks/facebook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
        body: raw,
      });
      const ackAt = nowMs();
      const body = await response.text();
      if (response.status !== 200) {
        throw new Error(`webhook answered HTTP ${response.status}: ${body.slice(0, 300)}`);
      }
      return { customerId, ackAt, ackMs: ackAt - started };
    };

    // One message first, through the whole path to every A subscriber, untimed.
    await post(warmUp);
    const warm = await clients.call('waitForFirsts', { count: s, timeoutMs: 60_000 });
    if (!warm.reached) {
      const { errorSample, unexpectedCloses } = await clients.call('receipts');
      throw new Error(
        `warm-up: ${warm.firsts} of ${s} subscribers of user A got its chatUpdated within ` +
          `60 s; chatUpdated published for ${probe.published.size} chats; ` +
          `${await queueState(db)}; ${unexpectedCloses} sockets closed by the server` +
          (errorSample.length ? `; subscriber errors: ${errorSample.join(' | ')}` : ''),
      );
    }
    await app.webhookQueue.idle(60_000);
    await sleep(QUIET_MS);
    await clients.call('reset', { ignore: [...probe.published.keys()] });
    probe.published.clear();

    // Every chat read while the messages go through: the pipeline's and each delivery's.
    const { findById } = server.ChatModel;
    let chatReads = 0;
    server.ChatModel.findById = function (...args) {
      chatReads += 1;
      return findById.apply(this, args);
    };
    phase.push(() => (server.ChatModel.findById = findById));

    const sent = [];
    for (const [index, request] of requests.entries()) {
      sent.push(await post(request));
      if (index < m - 1) await sleep(gapMs);
    }
    const lastAck = sent[sent.length - 1].ackAt;
    const timeoutMs = deliveryTimeoutMs(s, m);
    const delivered = await clients.call('waitForFirsts', { count: s * m, timeoutMs });
    const waited = nowMs() - lastAck;
    await sleep(QUIET_MS);
    const receipts = await clients.call('receipts');
    const publishedAt = new Map(probe.published);
    server.ChatModel.findById = findById;

    const idle = await app.webhookQueue.idle(60_000).then(
      () => undefined,
      (error) => error.message,
    );
    const chats = await db
      .collection('chats')
      .find({ customerId: { $in: sent.map((entry) => entry.customerId) } })
      .project({ customerId: 1 })
      .toArray();
    const chatOf = new Map(chats.map((chat) => [chat.customerId, String(chat._id)]));
    for (const entry of sent) entry.chatId = chatOf.get(entry.customerId);
    const pairs = pairUp(sent, receipts, publishedAt);

    const [eventsDone, chatCount] = await Promise.all([
      db.collection('inboundevents').countDocuments({ status: 'done' }),
      db.collection('chats').countDocuments({}),
    ]);
    const problems = receiptProblems({ s, m, pairs, receipts, waited });
    if (!delivered.reached && pairs.missing === 0) {
      problems.push(`only ${delivered.firsts} of ${s * m} first receipts were counted`);
    }
    if (chatOf.size !== m) problems.push(`${chatOf.size} of ${m} messages made a chat`);
    if (chatCount !== m + 1) problems.push(`chats has ${chatCount} documents, not ${m + 1}`);
    if (idle) problems.push(idle);
    if (eventsDone !== m + 1) {
      problems.push(`${eventsDone} of ${m + 1} inbound events are done (${await queueState(db)})`);
    }
    if (fixture.state.sends !== m + 1) {
      problems.push(`the Graph API fixture got ${fixture.state.sends} sends, not ${m + 1}`);
    }
    if (pairs.beforeAck > 0) {
      problems.push(`${pairs.beforeAck} deliveries arrived before their webhook's ack was read`);
    }
    return {
      about,
      ...opened,
      latency: summarize(pairs.latency),
      fanout: summarize(pairs.fanout),
      ackToPublish: summarize(pairs.ackToPublish),
      webhookAck: summarize(sent.map((entry) => entry.ackMs)),
      spanMs: pairs.last - sent[0].ackAt,
      checks: {
        deliveries: pairs.latency.length,
        expected: s * m,
        missing: pairs.missing,
        otherUsersEvents: receipts.otherEvents,
        errors: receipts.errors,
        serverClosed: receipts.unexpectedCloses,
        subscriptionsEnded: receipts.ended,
        chats: chatCount,
        eventsDone,
        sends: fixture.state.sends,
        chatReads,
      },
      problems,
    };
  } finally {
    await phase.run();
  }
}

/** The inbox's events by status, and the last errors of those not done. */
async function queueState(db) {
  const events = await db
    .collection('inboundevents')
    .find({}, { projection: { status: 1, attempts: 1, lastError: 1 } })
    .toArray();
  const byStatus = {};
  for (const event of events) byStatus[event.status] = (byStatus[event.status] ?? 0) + 1;
  const errors = events
    .filter((event) => event.status !== 'done' && event.lastError)
    .slice(0, 3)
    .map((event) => `${event.status} after ${event.attempts} attempts: ${event.lastError}`);
  return (
    `inbound events ${JSON.stringify(byStatus)}` +
    (errors.length ? `, last errors: ${errors.join(' | ')}` : '')
  );
}

/** User A's business as in the webhooks scenario, and S other users (no integrations). */
async function seed(server, secretsKey, pageToken, s) {
  const owner = await server.UserModel.create({
    email: 'owner@fanout.bench.salesdesk.test',
    password: 'not-a-bcrypt-hash',
    onboardingCompleted: true,
    businessInfo: { businessName: 'Porto Leather', description: 'Handmade bags.' },
  });
  await server.CampaignModel.create({
    userId: owner._id,
    name: 'Tote launch',
    status: server.CampaignStatus.ACTIVE,
    product: { name: 'Porto Tote', price: 120, features: ['full-grain leather'] },
    chatFlow: {
      greeting: 'Hi! Thanks for your interest in the Porto Tote.',
      qualificationQuestions: ['What will you use the bag for?'],
      objectionHandling: [],
      closingMessage: 'Wonderful! We will send the payment link right away.',
    },
  });
  await server.IntegrationModel.create({
    userId: owner._id,
    platform: 'facebook',
    status: server.IntegrationStatus.CONNECTED,
    credentials: { pageId: PAGE_ID, pageAccessToken: server.sealSecret(pageToken, secretsKey) },
    platformData: { pageName: 'Porto Leather' },
    webhookVerified: true,
  });
  const others = await server.UserModel.insertMany(
    Array.from({ length: s }, (_, index) => ({
      email: `user${index}@fanout.bench.salesdesk.test`,
      password: 'not-a-bcrypt-hash',
      onboardingCompleted: true,
    })),
  );
  return { owner, others };
}

/** The same clients, messages and gaps against a bare `ws` broadcast. */
async function runBare({ s, m, gapMs, clients, cleanups }) {
  const phase = cleanupStack();
  cleanups.push(() => phase.run());
  try {
    const bare = await startBareServer();
    phase.push(() => bare.close());
    phase.push(() => clients.call('closeAll'));
    const opened = await openClients({
      clients,
      s,
      registered: (group) => bare.count(group),
      openBatch: (group, _from, count) =>
        clients.call('open', { kind: 'bare', url: bare.url, group, count }),
    });

    await bare.post(WARM_UP);
    const warm = await clients.call('waitForFirsts', { count: s, timeoutMs: 60_000 });
    if (!warm.reached) throw new Error(`warm-up: ${warm.firsts} of ${s} bare clients got it`);
    await sleep(QUIET_MS);
    await clients.call('reset', { ignore: [WARM_UP] });

    const sent = [];
    for (let index = 0; index < m; index++) {
      const chatId = `chat-${index}`;
      await bare.post(chatId);
      sent.push({ chatId, ackAt: bare.ackAt.get(chatId) });
      if (index < m - 1) await sleep(gapMs);
    }
    const lastAck = sent[sent.length - 1].ackAt;
    await clients.call('waitForFirsts', { count: s * m, timeoutMs: deliveryTimeoutMs(s, m) });
    const waited = nowMs() - lastAck;
    await sleep(QUIET_MS);
    const receipts = await clients.call('receipts');
    const pairs = pairUp(sent, receipts);
    return {
      ...opened,
      latency: summarize(pairs.latency),
      spanMs: pairs.last - sent[0].ackAt,
      checks: {
        deliveries: pairs.latency.length,
        expected: s * m,
        missing: pairs.missing,
        otherUsersEvents: receipts.otherEvents,
        errors: receipts.errors,
        serverClosed: receipts.unexpectedCloses,
      },
      problems: receiptProblems({ s, m, pairs, receipts, waited }),
    };
  } finally {
    await phase.run();
  }
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

/** `node bench/fanout.mjs`: its own FerretDB in a temporary directory, then the report. */
async function main() {
  const cleanups = cleanupStack();
  let interrupted = false;
  process.once('SIGINT', () => {
    interrupted = true;
    console.error('\nbench: interrupted, cleaning up ...');
    void cleanups.run().finally(() => process.exit(130));
  });
  try {
    fanoutSettings(); // Bad settings fail before anything starts.
    loadServer();
    setupDatabase();
    const { startFerretDB } = require('../server/dist/db/ferretdb.js');
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'salesdesk-bench-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const ferretdb = await startFerretDB({ dataDir });
    cleanups.push(() => ferretdb.stop());
    const result = await runFanout({
      uri: ferretdb.uri,
      dataDir,
      logLevel: process.env.BENCH_LOG_LEVEL?.trim() || 'silent',
      defer: cleanups.push,
    });
    reportFanout(result);
  } catch (error) {
    if (!interrupted) console.error(`\nbench FAILED: ${error?.stack ?? error}`);
    process.exitCode = 1;
  } finally {
    if (!interrupted) await cleanups.run();
  }
  // Anything still holding the event loop (keep-alive sockets, a stray timer) must not hang us.
  setTimeout(() => process.exit(), 2000).unref();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
