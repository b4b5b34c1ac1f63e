// Scenario "graphql", the baseline: a plain express server in a process of its own, as the
// app runs in bench/benchServer.mjs, answering the inbox's first page and the dashboard's
// figures from the same documents with the raw MongoDB driver (one connection, as the app
// uses on FerretDB), in the same JSON as the GraphQL answers. The same access-token check
// as the app: the token verified by the app's own verifyAccessToken (its cache included),
// its session looked up by _id and trusted for 30 s, as server/src/auth/sessions.ts does.
//
// Started with its configuration as JSON in argv[2] ({ mongodbUri, jwtSecret }); prints
// "READY <url>" once listening. Routes: GET /plain/inbox?page=&limit=, GET /plain/dashboard.
import { createRequire } from 'node:module';
import { dayDocumentReads } from './dashboard.mjs';

const require = createRequire(import.meta.url);
const express = require('express');
const { MongoClient, ObjectId } = require('mongodb');
const { verifyAccessToken } = require('../server/dist/auth/tokens.js');
const { ChatMode, ChatStatus } = require('../server/dist/modules/chats/chat.model.js');
const { Sender } = require('../server/dist/modules/chats/message.model.js');
const { Platform } = require('../server/dist/platforms/platform.js');
const {
  addCounters,
  emptyCounters,
  METRICS,
} = require('../server/dist/modules/analytics/metricDefinitions.js');
const {
  addDays,
  businessMoment,
  dayKeyOf,
  startOfBusinessDay,
} = require('../server/dist/modules/analytics/businessDay.js');

const config = JSON.parse(process.argv[2]);
const SESSION_TRUST_MS = 30_000;
const ZONE_TRUST_MS = 10_000;

const client = new MongoClient(config.mongodbUri, { maxPoolSize: 1, minPoolSize: 1 });
await client.connect();
const db = client.db();

/** GraphQL enum names (the TypeScript keys) by stored value. */
const enumNames = (values) => new Map(Object.entries(values).map(([name, value]) => [value, name]));
const STATUS = enumNames(ChatStatus);
const MODE = enumNames(ChatMode);
const SENDER = enumNames(Sender);
const PLATFORM = enumNames(Platform);

const sessions = new Map();
/** The caller's user id, or undefined (then 401), as the app's context builder decides. */
async function callerOf(request) {
  const token = /^Bearer\s+(\S+)$/i.exec(request.get('authorization') ?? '')?.[1];
  if (!token) return undefined;
  const verified = verifyAccessToken(token, config.jwtSecret);
  if (!('claims' in verified)) return undefined;
  const { sub, sid } = verified.claims;
  let known = sessions.get(sid);
  if (!known || known.until <= Date.now()) {
    const session = await db
      .collection('sessions')
      .findOne({ _id: sid }, { projection: { revokedAt: 1, expiresAt: 1 } });
    const active = Boolean(session && !session.revokedAt && session.expiresAt > new Date());
    known = { active, until: Date.now() + SESSION_TRUST_MS };
    sessions.set(sid, known);
  }
  return known.active ? new ObjectId(sub) : undefined;
}

const zones = new Map();
/** The business's zone, from its integration's business hours (cached as the app does). */
async function zoneOf(userId) {
  const known = zones.get(String(userId));
  if (known && known.until > Date.now()) return known.zone;
  const integrations = await db
    .collection('integrations')
    .find({ userId }, { projection: { platform: 1, 'settings.businessHours.timezone': 1 } })
    .toArray();
  const zone =
    ['facebook', 'instagram', 'whatsapp']
      .map(
        (platform) =>
          integrations.find((integration) => integration.platform === platform)?.settings
            ?.businessHours?.timezone,
      )
      .find((candidate) => candidate && candidate !== 'UTC') ?? 'UTC';
  zones.set(String(userId), { zone, until: Date.now() + ZONE_TRUST_MS });
  return zone;
}

/** The inbox's first page: the chats of the owner, newest activity first, and their count. */
async function inbox(userId, page, limit) {
  const chats = db.collection('chats');
  const query = { userId };
  const [items, total] = await Promise.all([
    chats
      .find(query)
      .sort({ lastMessageAt: -1, _id: -1 })
      .skip((page - 1) * limit)
      .limit(limit)
      .toArray(),
    chats.countDocuments(query),
  ]);
  return {
    chats: {
      total,
      page,
      pages: Math.ceil(total / limit),
      items: items.map((chat) => ({
        id: String(chat._id),
        status: STATUS.get(chat.status),
        platform: PLATFORM.get(chat.platform),
        mode: MODE.get(chat.mode),
        needsAttention: chat.needsAttention,
        customerName: chat.customerName ?? null,
        customerId: chat.customerId,
        lastMessageAt: chat.lastMessageAt ? chat.lastMessageAt.toISOString() : null,
        leadScore: chat.leadScore,
        recent: chat.recent.map((entry) => ({
          sender: SENDER.get(entry.sender),
          content: entry.content,
        })),
      })),
    },
  };
}

/** dayDocumentReads (bench/dashboard.mjs) for the owner's current business day. */
let reads;
async function readsFor(userId, today) {
  const key = `${userId}:${dayKeyOf(today)}`;
  if (reads?.key !== key) reads = { key, read: await dayDocumentReads(db, userId, today) };
  return reads.read;
}

const change = (today, previous) => ({ today, previous, change: today - previous });

/** The dashboard's figures, summed as server/src/modules/analytics/analyticsRead.service.ts does. */
async function dashboard(userId) {
  const timeZone = await zoneOf(userId);
  const today = businessMoment(new Date(), timeZone).day;
  const yesterday = addDays(today, -1);
  const [found, campaigns] = await (await readsFor(userId, today)).dashboardStats();
  const documents = found.filter(Boolean);
  const sums = new Map();
  for (const document of documents) {
    const key = dayKeyOf(document.date);
    sums.set(key, addCounters(sums.get(key) ?? emptyCounters(), document.metrics ?? {}));
  }
  const day = (date) => sums.get(dayKeyOf(date)) ?? emptyCounters();
  const [current, previous] = [day(today), day(yesterday)];
  const activeCampaigns = (date) =>
    new Set(
      documents
        .filter((document) => document.date.getTime() === date.getTime())
        .filter((document) => document.campaignId && document.metrics?.activeConversations > 0)
        .map((document) => String(document.campaignId)),
    ).size;
  const todayBegan = startOfBusinessDay(today, timeZone);
  const counted = (pick) => change(pick(current), pick(previous));
  return {
    dashboardStats: {
      date: dayKeyOf(today),
      previousDate: dayKeyOf(yesterday),
      chats: {
        total: counted((c) => c.conversationsStarted),
        active: counted((c) => c.activeConversations),
        needingAttention: counted((c) => c.aiHandoffs),
      },
      campaigns: {
        running: campaigns.filter((campaign) => campaign.status === 'active').length,
        total: change(
          campaigns.length,
          campaigns.filter((campaign) => campaign.createdAt < todayBegan).length,
        ),
        active: change(activeCampaigns(today), activeCampaigns(yesterday)),
      },
      conversions: counted((c) => c.conversions),
      revenue: counted((c) => c.revenue),
      responseRate: counted(METRICS.responseRate.compute),
      avgFirstResponseTime: counted(METRICS.avgResponseTime.compute),
    },
  };
}

const app = express();
app.disable('x-powered-by');
const route = (answer) => async (request, response) => {
  try {
    const userId = await callerOf(request);
    if (!userId) {
      response.status(401).json({ errors: [{ message: 'You need to sign in.' }] });
      return;
    }
    response.json({ data: await answer(userId, request) });
  } catch (error) {
    response.status(500).json({ errors: [{ message: String(error?.message ?? error) }] });
  }
};
app.get(
  '/plain/inbox',
  route((userId, request) =>
    inbox(userId, Number(request.query.page ?? 1), Number(request.query.limit ?? 20)),
  ),
);
app.get(
  '/plain/dashboard',
  route((userId) => dashboard(userId)),
);

const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`READY http://127.0.0.1:${server.address().port}\n`);
});
const stop = () => {
  server.close();
  server.closeAllConnections?.();
  client.close().finally(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
// The bench going away (crash, Ctrl-C) closes this pipe: stop with it.
process.stdin.on('end', stop);
process.stdin.resume();
