// Scenario "dashboard": the dashboard, 30-day analytics and funnel queries over GraphQL at
// 1x and 10x seeded history, against the same reads made with the raw driver.
import { createRequire } from 'node:module';
import { accessTokenFor } from './accessToken.mjs';
import { BASE, PLATFORMS, seedHistory } from './historySeed.mjs';
import { summarize } from './stats.mjs';
import { benchConfig } from './benchConfig.mjs';

const require = createRequire(import.meta.url);
require('reflect-metadata');
const { MongoClient } = require('mongodb');
const { createApp } = require('../server/dist/app.js');
const { addDays, dayKeyOf } = require('../server/dist/modules/analytics/businessDay.js');
const { derivedId } = require('../server/dist/modules/analytics/analyticsIds.js');

/**
 * 1x, then ten times the history (days of day documents, chats and messages), then ten times
 * the chats and messages over the same 90 days: what grows with which kind of history.
 */
export const HISTORIES = [
  { label: '1x', days: 1, chats: 1 },
  { label: '10x', days: 10, chats: 10 },
  { label: '10x-chats', days: 1, chats: 10 },
];

const DASHBOARD = `{ dashboardStats { date chats { total { today previous } active { today } }
  conversions { today } revenue { today } responseRate { today } avgFirstResponseTime { today } } }`;
const ANALYTICS = `{ analytics(range: { preset: LAST_30_DAYS }) { from to
  days { date messagesReceived conversationsStarted responseRate conversionRate revenue }
  totals { messagesReceived conversationsStarted revenue } hourly { hour messages } } }`;
const FUNNEL = `{ funnel(range: { preset: LAST_30_DAYS }) {
  steps { stage count rateFromPrevious } byCampaign { campaignName steps { stage count } }
  byPlatform { platform steps { stage count } } } }`;
export const QUERIES = { dashboardStats: DASHBOARD, analytics30: ANALYTICS, funnel30: FUNNEL };

async function timed(iterations, run) {
  await run(); // warm-up: caches, connection, JIT
  const samples = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return summarize(samples);
}

/** One history size: seed it, time the GraphQL queries, then the raw-driver reads. */
async function runHistory({ uri, history, iterations, dataDir, logLevel, defer }) {
  const dbName = `bench_dashboard_${history.label.replace('-', '_')}`;
  const config = benchConfig({ uri, dbName, dataDir, logLevel });
  const app = await createApp(config);
  let stopped = false;
  const stop = () => (stopped ? undefined : ((stopped = true), app.stop()));
  defer(stop);
  const baseUrl = await app.listen();
  const seedStarted = performance.now();
  const seeded = await seedHistory({
    label: history.label,
    days: BASE.days * history.days,
    chats: BASE.chats * history.chats,
  });
  const seedMs = performance.now() - seedStarted;
  const token = await accessTokenFor(app.database.connection.db, seeded.owner, config.jwtSecret);
  const gql = async (query) => {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query }),
    });
    const body = await response.json();
    if (!body.data) throw new Error(`${query.slice(0, 40)}: ${JSON.stringify(body.errors)}`);
    return body.data;
  };
  check(history.label, seeded, await gql(DASHBOARD), await gql(ANALYTICS), await gql(FUNNEL));
  const app_ = {};
  for (const [name, query] of Object.entries(QUERIES))
    app_[name] = await timed(iterations, () => gql(query));
  await stop();

  // The same reads with the raw driver on one connection, as the server talks to FerretDB.
  const client = new MongoClient(`${uri}${dbName}`, { maxPoolSize: 1, minPoolSize: 1 });
  await client.connect();
  try {
    const reads = await dayDocumentReads(client.db(), seeded.owner._id, seeded.today);
    const baseline = {};
    for (const [name, read] of Object.entries(reads))
      baseline[name] = await timed(iterations, read);
    return { label: history.label, sizes: seeded.sizes, seedMs, app: app_, baseline };
  } finally {
    await client.close();
  }
}

/**
 * The dashboard's reads made with the raw driver (`db`: a mongodb Db on one connection): the
 * owner's day documents of the range, each looked up by its derived `_id` (the one filter
 * FerretDB serves from an index), and for the dashboard the campaigns too.
 */
export async function dayDocumentReads(db, userId, today) {
  const campaignsOf = () => db.collection('campaigns').find({ userId }).toArray();
  const campaigns = await campaignsOf();
  const ids = (back) =>
    Array.from({ length: back + 1 }, (_, day) => dayKeyOf(addDays(today, -day))).flatMap((day) =>
      campaigns.flatMap((campaign) =>
        PLATFORMS.map((platform) => derivedId(userId, campaign._id, platform, day)),
      ),
    );
  const days = (back, projection) =>
    Promise.all(ids(back).map((_id) => db.collection('analytics').findOne({ _id }, projection)));
  const metricsOnly = { projection: { campaignId: 1, platform: 1, date: 1, metrics: 1 } };
  return {
    dashboardStats: () => Promise.all([days(1, metricsOnly), campaignsOf()]),
    analytics30: () => days(29),
    funnel30: () => days(29, metricsOnly),
  };
}

/** The answers must add up to what was seeded: a fast wrong answer is no result. */
function check(label, seeded, dashboard, analytics, funnel) {
  const { expected } = seeded;
  const problems = [];
  const today = dashboard.dashboardStats;
  const totals = analytics.analytics.totals;
  if (analytics.analytics.days.length !== 30) problems.push('analytics did not give 30 days');
  if (totals.messagesReceived !== expected.received30)
    problems.push(`30-day messagesReceived ${totals.messagesReceived} != ${expected.received30}`);
  if (funnel.funnel.steps[0].count !== expected.started30)
    problems.push(`funnel conversations ${funnel.funnel.steps[0].count} != ${expected.started30}`);
  if (today.chats.total.today <= 0) problems.push('the dashboard shows no chats today');
  if (problems.length > 0)
    throw new Error(`dashboard ${label} check failed: ${problems.join('; ')}`);
}

export async function runDashboard({ uri, iterations, dataDir, logLevel, defer }) {
  const results = [];
  for (const history of HISTORIES) {
    console.log(
      `bench: dashboard ${history.label}: seeding ${BASE.days * history.days} days, ` +
        `${BASE.chats * history.chats} chats, ` +
        `${BASE.chats * BASE.messagesPerChat * history.chats} messages ...`,
    );
    results.push(await runHistory({ uri, history, iterations, dataDir, logLevel, defer }));
  }
  return results;
}
