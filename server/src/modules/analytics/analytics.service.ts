import type { Types } from 'mongoose';
import type { Platform } from '../../platforms/platform';
import { CampaignModel } from '../campaigns/campaign.model';
import { AnalyticsModel, emptyHourlyData } from './analytics.model';
import { businessMoment } from './businessDay';

/** Counters of DailyMetrics that the pipeline increments. */
export type Counter =
  | 'messagesReceived'
  | 'messagesSent'
  | 'conversationsStarted'
  | 'leadsGenerated'
  | 'qualifiedLeads'
  | 'conversions'
  | 'revenue'
  | 'aiReplies'
  | 'aiHandoffs'
  | 'responseTimeSumMs'
  | 'responseTimeCount';

export type HourlyCounter = 'messages' | 'conversations' | 'conversions';

export interface Occurrence {
  userId: Types.ObjectId;
  campaignId?: Types.ObjectId | null;
  platform: Platform;
  at: Date;
  timeZone?: string;
}

/** Campaign stats that move with the same events. */
type CampaignStat = 'messagesSent' | 'responses' | 'conversions' | 'revenue';

/**
 * Pre-aggregated analytics: one document per (user, campaign, platform, business day),
 * only ever incremented, so reads never scan messages. Rates are derived on read.
 */
export class AnalyticsService {
  async record(
    occurrence: Occurrence,
    counters: Partial<Record<Counter, number>>,
    hourly: Partial<Record<HourlyCounter, number>> = {},
    campaignStats: Partial<Record<CampaignStat, number>> = {},
  ): Promise<void> {
    const { day, hour } = businessMoment(occurrence.at, occurrence.timeZone);
    const key = {
      userId: occurrence.userId,
      campaignId: occurrence.campaignId ?? null,
      platform: occurrence.platform,
      date: day,
    };
    const inc: Record<string, number> = {};
    for (const [name, value] of Object.entries(counters)) if (value) inc[`metrics.${name}`] = value;
    for (const [name, value] of Object.entries(hourly))
      if (value) inc[`hourlyData.${hour}.${name}`] = value;
    if (Object.keys(inc).length > 0) {
      // Create the day first: an upsert with $inc on hourlyData.N would make an object,
      // not the 24-slot array. The unique key makes concurrent creations harmless.
      await AnalyticsModel.updateOne(
        key,
        { $setOnInsert: { hourlyData: emptyHourlyData() } },
        { upsert: true },
      ).catch((error: { code?: number }) => {
        if (error.code !== 11000) throw error;
      });
      await AnalyticsModel.updateOne(key, { $inc: inc });
    }
    const stats: Record<string, number> = {};
    for (const [name, value] of Object.entries(campaignStats))
      if (value) stats[`stats.${name}`] = value;
    if (occurrence.campaignId && Object.keys(stats).length > 0) {
      await CampaignModel.updateOne({ _id: occurrence.campaignId }, { $inc: stats });
    }
  }
}
