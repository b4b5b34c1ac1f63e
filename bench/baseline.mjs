// Scenario "webhooks", baseline side: the minimum durable writes the pipeline makes per
// message, in the same order, with the raw MongoDB driver on the same FerretDB.
import { createRequire } from 'node:module';
import { perSecond, runPool, summarize } from './stats.mjs';
import { CUSTOMER_TEXT, customerIdOf } from './webhooks.mjs';

const require = createRequire(import.meta.url);
const { MongoClient, ObjectId } = require('mongodb');

const REPLY_TEXT =
  'Hi! Thanks for your interest in the Porto Tote. It is 120. What will you use it for?';
const PAGE_ID = '1000000000000001';
const WRITES_PER_MESSAGE = 7;

/**
 * One connection (`maxPoolSize: 1`), exactly as the server talks to FerretDB (see
 * server/src/db/connect.ts), and the unique indexes those writes rely on: the inbox's
 * dedupe key, the chat upsert key, the message id key and the analytics day key.
 */
export async function runBaseline({
  uri,
  n,
  concurrency,
  dbName = 'bench_baseline',
  drop = false,
}) {
  const client = new MongoClient(`${uri}${dbName}`, { maxPoolSize: 1, minPoolSize: 1 });
  await client.connect();
  try {
    const db = client.db();
    const info = await db.admin().command({ buildInfo: 1 });
    const events = db.collection('inboundevents');
    const chats = db.collection('chats');
    const messages = db.collection('messages');
    const analytics = db.collection('analytics');
    await events.createIndex({ platform: 1, platformMessageId: 1 }, { unique: true });
    await chats.createIndex({ userId: 1, platform: 1, customerId: 1 }, { unique: true });
    await messages.createIndex({ platform: 1, platformMessageId: 1 }, { unique: true });
    await analytics.createIndex(
      { userId: 1, campaignId: 1, platform: 1, date: 1 },
      { unique: true },
    );

    const userId = new ObjectId();
    const campaignId = new ObjectId();
    const today = new Date();
    today.setUTCHours(0, 0, 0, 0);
    const dayKey = { userId, campaignId, platform: 'facebook', date: today };

    const ackLatencies = new Array(n);
    const messageLatencies = new Array(n);
    const started = performance.now();
    await runPool(n, concurrency, async (index) => {
      const customerId = customerIdOf(index);
      const now = new Date();
      const messageStarted = performance.now();

      // 1. The inbox entry: what the webhook waits for before answering 200.
      const ackStarted = performance.now();
      await events.insertOne({
        platform: 'facebook',
        platformMessageId: `m_baseline_${index}`,
        payload: {
          platform: 'facebook',
          recipientId: PAGE_ID,
          customerId,
          timestamp: now.toISOString(),
          platformMessageId: `m_baseline_${index}`,
          text: CUSTOMER_TEXT,
          attachments: [],
        },
        chatKey: `facebook:${PAGE_ID}:${customerId}`,
        platformTimestamp: now,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        replyId: new ObjectId(),
        receivedAt: now,
        createdAt: now,
        updatedAt: now,
      });
      ackLatencies[index] = performance.now() - ackStarted;

      // 2. The chat, created on the first message.
      const chat = await chats.findOneAndUpdate(
        { userId, platform: 'facebook', customerId },
        {
          $setOnInsert: {
            campaignId,
            status: 'active',
            mode: 'ai',
            messageCount: 0,
            createdAt: now,
          },
          $set: { updatedAt: now },
        },
        { upsert: true, returnDocument: 'after' },
      );

      // 3. The customer's message, then 4. the chat's window and counter.
      const customerMessage = {
        _id: new ObjectId(),
        chatId: chat._id,
        userId,
        platform: 'facebook',
        sender: 'customer',
        content: CUSTOMER_TEXT,
        messageType: 'text',
        platformMessageId: `m_baseline_${index}`,
        createdAt: now,
        updatedAt: now,
      };
      await messages.insertOne(customerMessage);
      // No `recent: []` in $setOnInsert: FerretDB 1.24 drops empty arrays from upserts.
      const recent = [...(chat.recent ?? []), recentOf(customerMessage)];
      await chats.updateOne(
        { _id: chat._id },
        {
          $set: { recent, lastMessageAt: now, lastCustomerMessageAt: now, updatedAt: now },
          $inc: { messageCount: 1 },
        },
      );

      // 5. Our reply, then 6. the chat again.
      const replyAt = new Date();
      const replyId = new ObjectId();
      const reply = {
        _id: replyId,
        chatId: chat._id,
        userId,
        platform: 'facebook',
        sender: 'ai',
        content: REPLY_TEXT,
        messageType: 'text',
        platformMessageId: `local:${replyId.toHexString()}`,
        delivery: { status: 'pending', updatedAt: replyAt },
        createdAt: replyAt,
        updatedAt: replyAt,
      };
      await messages.insertOne(reply);
      await chats.updateOne(
        { _id: chat._id },
        {
          $set: {
            recent: [...recent, recentOf(reply)],
            lastMessageAt: replyAt,
            updatedAt: replyAt,
          },
          $inc: { messageCount: 1 },
        },
      );

      // 7. The day's analytics.
      await upsertDay(analytics, dayKey, {
        'metrics.messagesReceived': 1,
        'metrics.messagesSent': 1,
      });
      messageLatencies[index] = performance.now() - messageStarted;
    });
    const writesMs = performance.now() - started;

    await verify(db, dayKey, n);
    if (drop) await db.dropDatabase();
    return {
      ferretdbVersion: info.ferretdbVersion,
      ack: summarize(ackLatencies),
      perMessage: summarize(messageLatencies),
      writesMs,
      writesPerSecond: perSecond(n * WRITES_PER_MESSAGE, writesMs),
      messagesPerSecond: perSecond(n, writesMs),
      writesPerMessage: WRITES_PER_MESSAGE,
    };
  } finally {
    await client.close();
  }
}

const recentOf = (message) => ({
  messageId: message._id,
  sender: message.sender,
  content: message.content,
  messageType: message.messageType,
  createdAt: message.createdAt,
});

/** Two first upserts can race to create the day: the unique key lets one in, the other retries. */
async function upsertDay(analytics, key, inc) {
  for (let attempt = 1; ; attempt++) {
    try {
      await analytics.updateOne(key, { $inc: inc }, { upsert: true });
      return;
    } catch (error) {
      if (error?.code !== 11000 || attempt >= 3) throw error;
    }
  }
}

async function verify(db, dayKey, n) {
  const [events, chats, messages, day] = await Promise.all([
    db.collection('inboundevents').countDocuments({}),
    db.collection('chats').countDocuments({ messageCount: 2 }),
    db.collection('messages').countDocuments({}),
    db.collection('analytics').findOne(dayKey),
  ]);
  const problems = [];
  if (events !== n) problems.push(`inboundevents has ${events} documents, not ${n}`);
  if (chats !== n) problems.push(`${chats} of ${n} chats have messageCount 2`);
  if (messages !== 2 * n) problems.push(`messages has ${messages} documents, not ${2 * n}`);
  const received = day?.metrics?.messagesReceived;
  if (received !== n) problems.push(`analytics counted ${received} messages received, not ${n}`);
  if (problems.length > 0)
    throw new Error(`baseline check failed:\n  - ${problems.join('\n  - ')}`);
}
