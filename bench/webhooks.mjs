// Scenario "webhooks", pipeline side: signed Messenger webhooks into the real app, each
// answered by the playbook and sent to the local Graph API fixture.
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { startGraphFixture } from './graphFixture.mjs';
import { perSecond, runPool, summarize } from './stats.mjs';
import { benchConfig } from './benchConfig.mjs';

const require = createRequire(import.meta.url);
require('reflect-metadata');
const { createApp } = require('../server/dist/app.js');
const { signBody } = require('../server/dist/platforms/webhookSignature.js');
const { sealSecret } = require('../server/dist/security/secretBox.js');
const { UserModel } = require('../server/dist/modules/users/user.model.js');
const {
  CampaignModel,
  CampaignStatus,
} = require('../server/dist/modules/campaigns/campaign.model.js');
const {
  IntegrationModel,
  IntegrationStatus,
} = require('../server/dist/modules/integrations/integration.model.js');

export const APP_SECRET = 'bench-app-secret';
export const CUSTOMER_TEXT = 'Hello, how much is it?';
const PAGE_ID = '1000000000000001';

/** The Messenger payload Meta sends for one customer text (see server/test/support/metaPayloads.ts). */
export function messengerPayload(pageId, customerId, mid, text, at = Date.now()) {
  return {
    object: 'page',
    entry: [
      {
        id: pageId,
        time: at,
        messaging: [
          {
            sender: { id: customerId },
            recipient: { id: pageId },
            timestamp: at,
            message: { mid, text },
          },
        ],
      },
    ],
  };
}

/** PSIDs that differ per message, so every message is its own chat and chats run in parallel. */
export const customerIdOf = (index) => String(7_000_000_000_000 + index);

/**
 * Runs N webhooks through the app on `${uri}bench_webhooks`. `defer` registers cleanups
 * (run in reverse order by the caller, also on failure).
 */
export async function runWebhooksPipeline({ uri, n, concurrency, dataDir, logLevel, defer }) {
  const pageToken = `EAAG${randomBytes(24).toString('hex')}`;
  const fixture = await startGraphFixture({ pageId: PAGE_ID, pageToken });
  defer(() => fixture.close());

  const config = benchConfig({
    uri,
    dbName: 'bench_webhooks',
    dataDir,
    logLevel,
    env: { META_APP_SECRET: APP_SECRET, GRAPH_API_URL: fixture.url },
  });
  const app = await createApp(config);
  defer(() => app.stop());
  const baseUrl = await app.listen();
  const engine = app.database.engine;

  await seedBusiness(config.secretsKey, pageToken);

  // Bodies are built and signed before the clock starts: only the POSTs are timed.
  const run = `${Date.now()}${randomBytes(3).toString('hex')}`;
  const requests = Array.from({ length: n }, (_, index) => {
    const raw = JSON.stringify(
      messengerPayload(PAGE_ID, customerIdOf(index), `m_bench_${run}_${index}`, CUSTOMER_TEXT),
    );
    return { raw, signature: signBody(raw, APP_SECRET) };
  });

  const latencies = new Array(n);
  const started = performance.now();
  await runPool(n, concurrency, async (index) => {
    const { raw, signature } = requests[index];
    const sent = performance.now();
    const response = await fetch(`${baseUrl}/webhooks/facebook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
      body: raw,
    });
    const body = await response.text();
    latencies[index] = performance.now() - sent;
    if (response.status !== 200) {
      throw new Error(`webhook ${index} answered HTTP ${response.status}: ${body.slice(0, 500)}`);
    }
  });
  const acked = performance.now();
  await app.webhookQueue.idle(300_000);
  const processed = performance.now();

  const checks = await verify(app, fixture, n);
  await app.stop();

  return {
    engine,
    queueConcurrency: config.pipeline.queue.concurrency,
    responder: config.groqApiKey ? 'groq' : 'playbook',
    ack: summarize(latencies),
    ackSpanMs: acked - started,
    acksPerSecond: perSecond(n, acked - started),
    processedMs: processed - started,
    processedPerSecond: perSecond(n, processed - started),
    checks,
  };
}

/** The owner, an active campaign and a connected Messenger page, written straight to the models. */
async function seedBusiness(secretsKey, pageToken) {
  const owner = await UserModel.create({
    email: 'owner@bench.salesdesk.test',
    // Nobody logs in: any string will do for the hash.
    password: 'not-a-bcrypt-hash',
    onboardingCompleted: true,
    businessInfo: {
      businessName: 'Porto Leather',
      description: 'Handmade bags. Delivery takes three days.',
    },
  });
  await CampaignModel.create({
    userId: owner._id,
    name: 'Tote launch',
    status: CampaignStatus.ACTIVE,
    product: {
      name: 'Porto Tote',
      price: 120,
      features: ['full-grain leather', 'lifetime repairs'],
    },
    chatFlow: {
      greeting: 'Hi! Thanks for your interest in the Porto Tote.',
      qualificationQuestions: ['What will you use the bag for?', 'Which colour do you prefer?'],
      objectionHandling: [
        {
          objection: 'too expensive',
          response: 'It is handmade from full-grain leather and lasts for decades.',
        },
      ],
      closingMessage: 'Wonderful! We will send the payment link right away.',
    },
  });
  await IntegrationModel.create({
    userId: owner._id,
    platform: 'facebook',
    status: IntegrationStatus.CONNECTED,
    credentials: { pageId: PAGE_ID, pageAccessToken: sealSecret(pageToken, secretsKey) },
    platformData: { pageName: 'Porto Leather' },
    webhookVerified: true,
  });
}

/** Every message stored, answered, sent once: anything else fails the run with the details. */
async function verify(app, fixture, n) {
  const db = app.database.connection.db;
  const events = db.collection('inboundevents');
  const messages = db.collection('messages');
  const [eventsDone, failedSample, messageCount, chatCount, repliesSent] = await Promise.all([
    events.countDocuments({ status: 'done' }),
    events
      .find({ status: { $ne: 'done' } })
      .limit(5)
      .toArray(),
    messages.countDocuments({}),
    db.collection('chats').countDocuments({}),
    messages.countDocuments({ sender: 'ai', 'delivery.status': 'sent' }),
  ]);
  const checks = {
    sends: fixture.state.sends,
    distinctRecipients: fixture.state.recipients.size,
    rejectedByFixture: fixture.state.rejected,
    eventsDone,
    messages: messageCount,
    chats: chatCount,
    repliesSent,
  };
  const problems = [];
  if (checks.sends !== n)
    problems.push(`the Graph API fixture got ${checks.sends} sends, not ${n}`);
  if (checks.distinctRecipients !== n)
    problems.push(`sends went to ${checks.distinctRecipients} customers, not ${n}`);
  if (checks.rejectedByFixture > 0)
    problems.push(`the fixture refused ${checks.rejectedByFixture} requests`);
  if (messageCount !== 2 * n) problems.push(`messages has ${messageCount} documents, not ${2 * n}`);
  if (chatCount !== n) problems.push(`chats has ${chatCount} documents, not ${n}`);
  if (eventsDone !== n) problems.push(`${eventsDone} of ${n} inbound events are done`);
  if (repliesSent !== n) problems.push(`${repliesSent} of ${n} replies are marked sent`);
  if (problems.length > 0) {
    const sample = failedSample.map((event) => ({
      status: event.status,
      attempts: event.attempts,
      lastError: event.lastError,
    }));
    throw new Error(
      `pipeline check failed:\n  - ${problems.join('\n  - ')}` +
        (sample.length
          ? `\n  events not done (first ${sample.length}): ${JSON.stringify(sample)}`
          : ''),
    );
  }
  return checks;
}
