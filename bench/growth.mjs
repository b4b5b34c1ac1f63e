// Scenario "growth": a year of a busy shop. For each size (chats, with 10 messages each and
// an inbox event per message), the real app in its own process on a database seeded to that
// size: the owner's reads over GraphQL, webhook -> reply at a sustained rate, a burst's
// throughput and acks, and the server's memory; each beside a raw-driver baseline on the
// same engine in the same run (bench/growthBaseline.mjs).
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { accessTokenFor } from './accessToken.mjs';
import { BENCH_JWT_SECRET, BENCH_SECRETS_KEY, benchVariables } from './benchConfig.mjs';
import { startGraphFixture } from './graphFixture.mjs';
import { rawBaselines } from './growthBaseline.mjs';
import { GROWTH_QUERIES } from './growthQueries.mjs';
import { seedHistory } from './historySeed.mjs';
import { memoryOf, sampleRss, startServerProcess } from './serverProcess.mjs';
import { summarize, timedRuns } from './stats.mjs';
import { APP_SECRET, CUSTOMER_TEXT, messengerPayload } from './webhooks.mjs';
import { sendWebhooks } from './webhookSender.mjs';

const require = createRequire(import.meta.url);
const mongoose = require('mongoose');
const { MongoClient } = require('mongodb');
const { signBody } = require('../server/dist/platforms/webhookSignature.js');

const PAGE_ID = '1000000000000009';
const BURST_CONCURRENCY = 32;

function intList(name, fallback, max) {
  const raw = process.env[name]?.trim() || fallback;
  const values = raw.split(',').map((item) => Number(item.trim()));
  if (values.some((value) => !Number.isInteger(value) || value < 1 || value > max)) {
    throw new Error(`${name} must list integers from 1 to ${max} (got "${raw}")`);
  }
  return values;
}

/**
 * BENCH_GROWTH_SIZES (chats, default 1000,5000,20000); BENCH_GROWTH_RATE messages a second
 * for BENCH_GROWTH_SECONDS (5 and 30); BENCH_GROWTH_BURST webhooks (500); BENCH_GROWTH_RUNS
 * per read (30).
 */
export function growthOptions() {
  const [rate] = intList('BENCH_GROWTH_RATE', '5', 100);
  const [seconds] = intList('BENCH_GROWTH_SECONDS', '30', 3600);
  const [burst] = intList('BENCH_GROWTH_BURST', '500', 100_000);
  const [runs] = intList('BENCH_GROWTH_RUNS', '30', 10_000);
  return {
    sizes: intList('BENCH_GROWTH_SIZES', '1000,5000,20000', 200_000),
    rate,
    seconds,
    burst,
    runs,
  };
}

/** Seeds through the models (mongoose in this process), before the server opens the database. */
async function seed(uri, n, pageToken) {
  await mongoose.connect(uri, { maxPoolSize: 1 });
  try {
    return await seedHistory({
      label: `g${n}`,
      days: 90,
      chats: n,
      events: true,
      page: { pageId: PAGE_ID, pageToken, secretsKey: Buffer.from(BENCH_SECRETS_KEY, 'hex') },
    });
  } finally {
    await mongoose.disconnect();
  }
}

function graphqlClient(url, token) {
  return async (query, variables) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = await response.json();
    if (!body.data || body.errors) {
      throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(body.errors)}`);
    }
    return body.data;
  };
}

/** The inbox's first page, a chat opened (the chat, then its newest messages), the dashboard. */
async function timeReads({ gql, runs, chatIds }) {
  let turn = 0;
  const nextChat = () => chatIds[turn++ % chatIds.length];
  const first = await gql(GROWTH_QUERIES.inbox, { page: 1, limit: 20 });
  const reads = {
    inbox: await timedRuns(runs, () => gql(GROWTH_QUERIES.inbox, { page: 1, limit: 20 })),
    chatOpen: await timedRuns(runs, async () => {
      const id = nextChat();
      await Promise.all([
        gql(GROWTH_QUERIES.chat, { id }),
        gql(GROWTH_QUERIES.messages, { chatId: id, limit: 30 }),
      ]);
    }),
    dashboard: await timedRuns(runs, () => gql(GROWTH_QUERIES.dashboard)),
    analytics30: await timedRuns(runs, () => gql(GROWTH_QUERIES.analytics30)),
  };
  return { reads, firstPage: first.chats };
}

function signedWebhook(customerId, mid) {
  const raw = JSON.stringify(messengerPayload(PAGE_ID, customerId, mid, CUSTOMER_TEXT));
  return { raw, signature: signBody(raw, APP_SECRET) };
}

/**
 * Half the messages from customers who already have a chat (taken in turn from `pool`, so no
 * customer writes twice in a run), half from new ones.
 */
function customersFor(count, pool, tag) {
  return Array.from({ length: count }, (_, index) =>
    index % 2 === 0 && pool.length > 0 ? pool.shift() : `${tag}-${index}`,
  );
}

async function waitForSends(fixture, recipients, timeoutMs) {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (recipients.every((recipient) => fixture.state.sentAt.has(recipient))) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

/** `rate` messages a second for `seconds`; each one's time from its POST to its reply's send. */
async function sustained({ url, fixture, pool, rate, seconds, run }) {
  const count = rate * seconds;
  const recipients = customersFor(count, pool, `steady-${run}`);
  const sends = await sendWebhooks({
    url,
    bodies: recipients.map((recipient, index) =>
      signedWebhook(recipient, `m_steady_${run}_${index}`),
    ),
    rate,
  });
  const posted = new Map(recipients.map((recipient, index) => [recipient, sends[index].sentAt]));
  const acks = sends.map((sent) => sent.ackMs);
  const complete = await waitForSends(fixture, recipients, 120_000 + count * 2000);
  const latencies = recipients
    .filter((recipient) => fixture.state.sentAt.has(recipient))
    .map((recipient) => fixture.state.sentAt.get(recipient) - posted.get(recipient));
  return {
    count,
    sent: latencies.length,
    complete,
    reply: summarize(latencies),
    ack: summarize(acks),
  };
}

/** `burst` webhooks on 32 loops; messages a second until every reply is sent. */
async function burst({ url, fixture, pool, count, run }) {
  const recipients = customersFor(count, pool, `burst-${run}`);
  const bodies = recipients.map((recipient, index) =>
    signedWebhook(recipient, `m_burst_${run}_${index}`),
  );
  const sends = await sendWebhooks({ url, bodies, concurrency: BURST_CONCURRENCY });
  const acks = sends.map((sent) => sent.ackMs);
  const started = Math.min(...sends.map((sent) => sent.sentAt));
  const complete = await waitForSends(fixture, recipients, 120_000 + count * 2000);
  const lastSend = Math.max(...recipients.map((r) => fixture.state.sentAt.get(r) ?? NaN));
  const sent = recipients.filter((r) => fixture.state.sentAt.has(r)).length;
  const spanMs = (complete ? lastSend : performance.now()) - started;
  return { count, sent, complete, spanMs, perSecond: (sent * 1000) / spanMs, ack: summarize(acks) };
}

/** Every message answered exactly once: anything else is a problem of the run. */
async function verify(db, fixture, expectedSends) {
  const problems = [];
  if (fixture.state.sends !== expectedSends)
    problems.push(`the Graph API fixture got ${fixture.state.sends} sends, not ${expectedSends}`);
  if (fixture.state.rejected > 0) problems.push(`the fixture refused ${fixture.state.rejected}`);
  // A reply is sent before its event is marked done: give the last ones a moment.
  let notDone = Infinity;
  for (let wait = 0; wait < 300 && notDone > 0; wait++) {
    notDone = await db.collection('inboundevents').countDocuments({ status: { $ne: 'done' } });
    if (notDone > 0) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (notDone > 0) problems.push(`${notDone} inbound events are not done`);
  return problems;
}

async function runSize({ uri, n, options, dataDir, logLevel, defer, ferretdbPid }) {
  const dbName = `bench_growth_${n}`;
  const pageToken = `EAAG${randomBytes(24).toString('hex')}`;
  const fixture = await startGraphFixture({ pageId: PAGE_ID, pageToken });
  defer(() => fixture.close());
  console.log(`bench: growth ${n} chats: seeding ${n * 10} messages and their inbox events ...`);
  const seedStarted = performance.now();
  const seeded = await seed(`${uri}${dbName}`, n, pageToken);
  const seedMs = performance.now() - seedStarted;
  console.log(`bench: growth ${n}: seeded in ${(seedMs / 1000).toFixed(0)} s; starting the server`);

  const bootStarted = performance.now();
  const server = await startServerProcess(
    benchVariables({
      uri,
      dbName,
      dataDir,
      logLevel,
      env: { META_APP_SECRET: APP_SECRET, GRAPH_API_URL: fixture.url },
    }),
    defer,
  );
  const bootMs = performance.now() - bootStarted;
  const stopSampling = sampleRss(server.pid);
  const stopSamplingDb = ferretdbPid ? sampleRss(ferretdbPid) : () => NaN;
  const client = new MongoClient(`${uri}${dbName}`, { maxPoolSize: 1, minPoolSize: 1 });
  await client.connect();
  try {
    const db = client.db();
    const token = await accessTokenFor(db, seeded.owner, BENCH_JWT_SECRET);
    const gql = graphqlClient(server.url, token);
    const chatIds = (
      await db
        .collection('chats')
        .find({ _id: { $in: seeded.sampleChatIds } }, { projection: { _id: 1 } })
        .toArray()
    ).map((chat) => String(chat._id));

    console.log(`bench: growth ${n}: reads ...`);
    const { reads, firstPage } = await timeReads({ gql, runs: options.runs, chatIds });
    console.log(`bench: growth ${n}: ${options.rate} msg/s for ${options.seconds} s ...`);
    const pool = [...seeded.customers.facebook];
    const steady = await sustained({ url: server.url, fixture, pool, ...options, run: n });
    console.log(`bench: growth ${n}: burst of ${options.burst} ...`);
    const burstResult = await burst({
      url: server.url,
      fixture,
      pool,
      count: options.burst,
      run: n,
    });
    const problems = await verify(db, fixture, steady.count + options.burst);
    if (firstPage.total < n) problems.push(`the inbox counts ${firstPage.total} chats, not ${n}`);
    if (!steady.complete) problems.push(`${steady.count - steady.sent} steady replies never sent`);
    if (!burstResult.complete)
      problems.push(`${options.burst - burstResult.sent} burst replies never sent`);
    const memory = {
      ...memoryOf(server.pid),
      peakRss: stopSampling(),
      ferretdbPeakRss: stopSamplingDb(),
    };
    await server.stop();

    console.log(`bench: growth ${n}: raw-driver baselines ...`);
    const baseline = await rawBaselines({
      uri,
      db,
      today: seeded.today,
      ownerId: seeded.owner._id,
      chatIds,
      runs: options.runs,
      burst: options.burst,
      concurrency: BURST_CONCURRENCY,
    });
    await db.dropDatabase();
    return {
      n,
      sizes: seeded.sizes,
      seedMs,
      bootMs,
      reads,
      steady,
      burst: burstResult,
      memory,
      baseline,
      problems,
    };
  } finally {
    await client.close();
    await fixture.close();
  }
}

export async function runGrowth({ uri, options, dataDir, logLevel, defer, ferretdbPid }) {
  const results = [];
  for (const n of options.sizes) {
    results.push(await runSize({ uri, n, options, dataDir, logLevel, defer, ferretdbPid }));
  }
  return results;
}
