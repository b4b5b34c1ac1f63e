// Scenario "dashboard", seeding: a business's history written straight into the models'
// collections (as the pipeline would have left it), sized by a factor of history.
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
 * Seeds one owner: 3 active campaigns, a connected page with a business time zone,
 * `days * history.days` days of day documents (campaigns x platforms a day, as real use
 * makes), two ads a day, `chats * history.chats` chats and `messagesPerChat` messages each.
 * Returns the owner and what the 30-day and today's figures must add up to.
 */
export async function seedHistory(history) {
  const label = history.label;
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
  await IntegrationModel.create({
    userId,
    platform: 'facebook',
    status: 'connected',
    credentials: { pageId: `bench-page-${label}` },
    settings: { businessHours: { enabled: false, timezone: TIME_ZONE } },
  });

  const today = businessMoment(new Date(), TIME_ZONE).day;
  const days = BASE.days * history.days;
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

  const chatCount = BASE.chats * history.chats;
  const span = days * 86_400_000;
  for (let start = 0; start < chatCount; start += BATCH) {
    const chats = [];
    const messages = [];
    for (let index = start; index < Math.min(chatCount, start + BATCH); index++) {
      const chatId = new Types.ObjectId();
      const begun = new Date(Date.now() - next(span));
      const campaign = campaigns[index % CAMPAIGNS];
      const platform = PLATFORMS[index % PLATFORMS.length];
      const recent = [];
      for (let m = 0; m < BASE.messagesPerChat; m++) {
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
        customerId: `bench-${index}`,
        status: 'active',
        leadScore: next(100),
        mode: 'ai',
        messageCount: BASE.messagesPerChat,
        recent,
        leadScoreReasons: [],
        aiContext: { qualificationAnswers: [], objections: [] },
        conversion: { converted: false },
        customerProfile: {},
        needsAttention: false,
        isTest: false,
        startedAt: begun,
        lastMessageAt: recent.at(-1).createdAt,
        milestones: { responded: true },
        createdAt: begun,
        updatedAt: begun,
      });
    }
    await insertAll(ChatModel, chats);
    await insertAll(MessageModel, messages);
  }
  return {
    owner,
    today,
    expected,
    sizes: {
      days,
      dayDocuments: analytics.length,
      chats: chatCount,
      messages: chatCount * BASE.messagesPerChat,
    },
  };
}
