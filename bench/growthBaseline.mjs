// Scenario "growth", baseline side: with the app stopped, the same figures from the raw
// driver on the same engine and database: the reads behind each page, one insert into the
// inbox, and the pipeline's essential writes (bench/baseline.mjs) per message and per burst.
import { createRequire } from 'node:module';
import { runBaseline } from './baseline.mjs';
import { dayDocumentReads } from './dashboard.mjs';
import { runPool, summarize, timedRuns } from './stats.mjs';

const require = createRequire(import.meta.url);
const { ObjectId } = require('mongodb');

/** `burst` inserts of an inbox event into the seeded `inboundevents`, on 32 loops. */
async function inboxInserts(db, count, concurrency) {
  const events = db.collection('inboundevents');
  const latencies = new Array(count);
  const run = new ObjectId().toHexString();
  await runPool(count, concurrency, async (index) => {
    const now = new Date();
    const started = performance.now();
    await events.insertOne({
      platform: 'facebook',
      platformMessageId: `m_raw_${run}_${index}`,
      payload: { platform: 'facebook', customerId: `raw-${index}`, text: 'Hello' },
      chatKey: `facebook:raw:${index}`,
      platformTimestamp: now,
      status: 'done',
      attempts: 0,
      nextAttemptAt: now,
      receivedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    latencies[index] = performance.now() - started;
  });
  return summarize(latencies);
}

export async function rawBaselines({ uri, db, ownerId, today, chatIds, runs, burst, concurrency }) {
  const chats = db.collection('chats');
  const messages = db.collection('messages');
  let turn = 0;
  const days = await dayDocumentReads(db, ownerId, today);
  const reads = {
    inbox: await timedRuns(runs, () =>
      Promise.all([
        chats.find({ userId: ownerId }).sort({ lastMessageAt: -1 }).limit(20).toArray(),
        chats.countDocuments({ userId: ownerId }),
      ]),
    ),
    chatOpen: await timedRuns(runs, () => {
      const _id = new ObjectId(chatIds[turn++ % chatIds.length]);
      return Promise.all([
        chats.findOne({ _id }),
        messages.find({ chatId: _id }).sort({ createdAt: -1 }).limit(31).toArray(),
      ]);
    }),
    dashboard: await timedRuns(runs, days.dashboardStats),
    analytics30: await timedRuns(runs, () => Promise.all([days.analytics30(), days.funnel30()])),
  };
  const insert = await inboxInserts(db, burst, concurrency);
  const name = db.databaseName;
  const oneByOne = await runBaseline({
    uri,
    n: 50,
    concurrency: 1,
    dbName: `${name}_raw1`,
    drop: true,
  });
  const pipeline = await runBaseline({
    uri,
    n: burst,
    concurrency,
    dbName: `${name}_raw32`,
    drop: true,
  });
  return { reads, insert, perMessage: oneByOne.perMessage, pipeline };
}
