// A business's history written straight into the models' collections, as the pipeline would
// have left it: day documents, ads, chats with their messages and, when asked, the webhook
// queue's finished events. Used by the "dashboard" and "growth" scenarios.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Types } = require('mongoose');
const { UserModel } = require('../server/dist/modules/users/user.model.js');
const { CampaignModel } = require('../server/dist/modules/campaigns/campaign.model.js');
const { ChatModel } = require('../server/dist/modules/chats/chat.model.js');
const { MessageModel } = require('../server/dist/modules/chats/message.model.js');
const { AnalyticsModel } = require('../server/dist/modules/analytics/analytics.model.js');
const { AdStatsModel } = require('../server/dist/modules/analytics/adStats.model.js');
const {
  AnalyticsSlicesModel,
} = require('../server/dist/modules/analytics/analyticsSlices.model.js');
const { IntegrationModel } = require('../server/dist/modules/integrations/integration.model.js');
const { InboundEventModel } = require('../server/dist/modules/webhookQueue/inboundEvent.model.js');
const { eventIdOf } = require('../server/dist/modules/webhookQueue/webhookQueue.js');
const { chatIdOf } = require('../server/dist/modules/chats/timeline.js');
const {
  MESSAGE_PAGE_SIZE,
  MessagePageModel,
  messagePageId,
} = require('../server/dist/modules/chats/messagePage.model.js');
const { sealSecret } = require('../server/dist/security/secretBox.js');
const { derivedId } = require('../server/dist/modules/analytics/analyticsIds.js');
const {
  addDays,
  businessMoment,
  dayKeyOf,
} = require('../server/dist/modules/analytics/businessDay.js');

export const TIME_ZONE = 'America/New_York';
export const PLATFORMS = ['facebook', 'instagram', 'whatsapp'];
export const CAMPAIGNS = 3;
export const ADS = 2;
/** Per factor 1: 90 days of day documents, 1,000 chats and 10,000 messages. */
export const BASE = { days: 90, chats: 1000, messagesPerChat: 10 };
const BATCH = 1000;

/** A small deterministic generator, so every run seeds the same numbers. */
function random(seed) {
  let state = seed;
  return (max) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state % max;
  };
}

async function insertAll(model, documents) {
  for (let index = 0; index < documents.length; index += BATCH) {
    await model.collection.insertMany(documents.slice(index, index + BATCH), { ordered: false });
  }
}

/** The counters of one (campaign, platform, day): plausible, internally consistent figures. */
function dayMetrics(next) {
  const started = 5 + next(20);
  const engaged = Math.floor(started * 0.6) + next(3);
  const qualified = Math.floor(engaged / 2);
  const converted = Math.floor(qualified / 2);
  const received = started * 4 + next(10);
  return {
    messagesReceived: received,
    messagesSent: received,
    conversationsStarted: started,
    activeConversations: started + next(5),
    conversationsCompleted: converted,
    leadsGenerated: started,
    qualifiedLeads: qualified,
    conversions: converted,
    revenue: converted * 120,
    aiReplies: received,
    aiHandoffs: next(2),
    responseTimeSumMs: received * (800 + next(400)),
    responseTimeCount: received,
    engagedConversations: Math.min(started, engaged),
    respondedConversations: started,
    aiHandledConversations: started,
    handedOffConversations: next(2),
    takenOverConversations: next(2),
    qualifiedConversations: qualified,
    convertedConversations: converted,
  };
}

/**
 * Seeds one owner: 3 active campaigns, a connected page with a business time zone, `days`
 * days of day documents (campaigns x platforms a day, as real use makes), two ads a day,
 * `chats` chats of `messagesPerChat` messages each (every third on the page: facebook) and,
 * with `events`, a finished queue event per message (the inbox's size is what matters). `page` gives the page's
 * id and token (sealed with `secretsKey`) when the scenario sends to it. Returns the owner,
 * the chats' customer ids by platform, ~50 chat ids spread over them, and what the 30-day
 * and today's figures add up to.
 */
export async function seedHistory({
  label,
  days,
  chats: chatCount,
  messagesPerChat = BASE.messagesPerChat,
  events = false,
  page,
}) {
  const next = random(42);
  const owner = await UserModel.create({
    email: `owner-${label}@bench.salesdesk.test`,
    password: 'not-a-bcrypt-hash',
    onboardingCompleted: true,
    businessInfo: { businessName: 'Porto Leather' },
  });
  const userId = owner._id;
  const campaigns = Array.from({ length: CAMPAIGNS }, (_, index) => ({
    _id: new Types.ObjectId(),
    userId,
    name: `Campaign ${index + 1}`,
    status: 'active',
    targetPlatform: 'all',
    product: { name: `Product ${index + 1}`, price: 120, images: [], features: [] },
    chatFlow: { qualificationQuestions: [], objectionHandling: [] },
    stats: { messagesSent: 0, responses: 0, conversions: 0, revenue: 0 },
    createdAt: new Date('2020-01-01'),
    updatedAt: new Date('2020-01-01'),
  }));
  await insertAll(CampaignModel, campaigns);
  const pageId = page?.pageId ?? `bench-page-${label}`;
  await IntegrationModel.create({
    userId,
    platform: 'facebook',
    status: 'connected',
    credentials: {
      pageId,
      ...(page ? { pageAccessToken: sealSecret(page.pageToken, page.secretsKey) } : {}),
    },
    settings: { businessHours: { enabled: false, timezone: TIME_ZONE } },
  });

  const today = businessMoment(new Date(), TIME_ZONE).day;
  const expected = { received30: 0, receivedToday: 0, started30: 0 };
  const analytics = [];
  const ads = [];
  for (let back = 0; back < days; back++) {
    const date = addDays(today, -back);
    for (const campaign of campaigns) {
      for (const platform of PLATFORMS) {
        const metrics = dayMetrics(next);
        if (back < 30) expected.received30 += metrics.messagesReceived;
        if (back < 30) expected.started30 += metrics.conversationsStarted;
        if (back === 0) expected.receivedToday += metrics.messagesReceived;
        const hourlyData = Array.from({ length: 24 }, (_, hour) => ({
          hour,
          messages: next(10),
          conversations: next(3),
          conversions: next(2),
        }));
        const key = [userId, campaign._id, platform, dayKeyOf(date)];
        analytics.push({
          _id: derivedId(...key),
          userId,
          campaignId: campaign._id,
          platform,
          date,
          metrics,
          hourlyData,
        });
      }
    }
    for (let ad = 0; ad < ADS; ad++) {
      const adKey = `ad:bench-${ad}`;
      ads.push({
        _id: derivedId(userId, adKey, dayKeyOf(date)),
        userId,
        adKey,
        adId: `bench-${ad}`,
        source: 'ADS',
        platform: 'facebook',
        date,
        chats: next(5),
        conversions: next(2),
        revenue: next(2) * 120,
      });
    }
  }
  await insertAll(AnalyticsModel, analytics);
  await insertAll(AdStatsModel, ads);
  // The series record the pipeline keeps beside the day documents (analyticsSlices.ts).
  await AnalyticsSlicesModel.collection.insertOne({
    _id: userId,
    slices: campaigns.flatMap((campaign) => PLATFORMS.map((p) => `${campaign._id}:${p}`)),
    adKeys: Array.from({ length: ADS }, (_, ad) => `ad:bench-${ad}`),
  });

  const span = days * 86_400_000;
  const customers = { facebook: [], instagram: [], whatsapp: [] };
  const sampleChatIds = [];
  const sampleEvery = Math.max(1, Math.floor(chatCount / 50));
  for (let start = 0; start < chatCount; start += BATCH) {
    const chats = [];
    const messages = [];
    const queued = [];
    const pages = [];
    for (let index = start; index < Math.min(chatCount, start + BATCH); index++) {
      const begun = new Date(Date.now() - next(span));
      const campaign = campaigns[index % CAMPAIGNS];
      const platform = PLATFORMS[index % PLATFORMS.length];
      const recent = [];
      const customerId = `bench-${label}-${index}`;
      // The layout the server writes: the chat's id derived from its customer, its
      // messages filed in pages (see server/src/modules/chats/messagePages.ts).
      const chatId = chatIdOf({ userId, platform, customerId });
      if (index % sampleEvery === 0) sampleChatIds.push(chatId);
      customers[platform].push(customerId);
      for (let m = 0; m < messagesPerChat; m++) {
        const message = {
          _id: new Types.ObjectId(),
          chatId,
          userId,
          platform,
          sender: m % 2 === 0 ? 'customer' : 'ai',
          content:
            m % 2 === 0
              ? 'Hello, how much is the tote?'
              : 'Hi! It is 120, handmade from full-grain leather.',
          messageType: 'text',
          platformMessageId: `bench-${label}-${index}-${m}`,
          createdAt: new Date(begun.getTime() + m * 60_000),
        };
        messages.push(message);
        const n = Math.floor(m / MESSAGE_PAGE_SIZE);
        if (!pages[pages.length - 1] || pages.at(-1).chatId !== chatId || pages.at(-1).n !== n) {
          pages.push({ _id: messagePageId(chatId, n), chatId, n, items: [] });
        }
        pages.at(-1).items.push({ m: message._id, at: message.createdAt });
        if (events) {
          queued.push(finishedEvent(message, customerId, pageId, userId));
        }
        recent.push({
          messageId: message._id,
          sender: message.sender,
          content: message.content,
          messageType: 'text',
          createdAt: message.createdAt,
        });
      }
      chats.push({
        _id: chatId,
        userId,
        campaignId: campaign._id,
        platform,
        customerId,
        status: 'active',
        leadScore: next(100),
        mode: 'ai',
        messageCount: messagesPerChat,
        pagedMessages: true,
        recent,
        leadScoreReasons: [],
        aiContext: { qualificationAnswers: [], objections: [] },
        conversion: { converted: false },
        customerProfile: {},
        needsAttention: false,
        isTest: false,
        startedAt: begun,
        lastMessageAt: recent.at(-1).createdAt,
        lastCustomerMessageAt: recent.filter((entry) => entry.sender === 'customer').at(-1)
          ?.createdAt,
        milestones: { responded: true },
        createdAt: begun,
        updatedAt: begun,
      });
    }
    await insertAll(ChatModel, chats);
    await insertAll(MessageModel, messages);
    await insertAll(MessagePageModel, pages);
    if (queued.length > 0) await insertAll(InboundEventModel, queued);
  }
  // A database this version ran for a year has had its one-time backfills long ago.
  for (const name of ['inboxqueue', 'handbacktimers', 'chatlayout']) {
    await ChatModel.db
      .collection('migrations')
      .updateOne({ _id: name }, { $set: { at: new Date() } }, { upsert: true });
  }
  return {
    owner,
    today,
    expected,
    customers,
    sizes: {
      days,
      dayDocuments: analytics.length,
      chats: chatCount,
      messages: chatCount * messagesPerChat,
      events: events ? chatCount * messagesPerChat : 0,
    },
    sampleChatIds,
  };
}

/** The queue's record of a customer message the pipeline finished with. */
function finishedEvent(message, customerId, pageId, userId) {
  const payload = {
    platform: message.platform,
    recipientId: pageId,
    customerId,
    text: message.content,
    attachments: [],
    platformMessageId: message.platformMessageId,
    timestamp: message.createdAt.toISOString(),
  };
  return {
    _id: eventIdOf(message),
    platform: message.platform,
    userId,
    platformMessageId: message.platformMessageId,
    payload,
    status: 'done',
    attempts: 1,
    receivedAt: message.createdAt,
    chatKey: `${message.platform}:${pageId}:${customerId}`,
    platformTimestamp: message.createdAt,
    nextAttemptAt: message.createdAt,
    replyId: new Types.ObjectId(),
    processedAt: message.createdAt,
    createdAt: message.createdAt,
    updatedAt: message.createdAt,
  };
}
