import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { Platform } from '../../platforms/platform';

/**
 * One day's figures. Counters only grow with $inc from the pipeline; the rate fields of
 * the seed schema (responseRate, conversionRate, ...) are kept for compatibility but
 * analytics reads derive rates from the counters, so they can never disagree.
 */
export class DailyMetrics {
  @prop({ default: 0 }) messagesSent!: number;
  @prop({ default: 0 }) messagesReceived!: number;
  @prop({ default: 0 }) responseRate!: number;
  @prop({ default: 0 }) avgResponseTime!: number;
  @prop({ default: 0 }) conversationsStarted!: number;
  @prop({ default: 0 }) activeConversations!: number;
  @prop({ default: 0 }) conversationsCompleted!: number;
  @prop({ default: 0 }) leadsGenerated!: number;
  @prop({ default: 0 }) qualifiedLeads!: number;
  @prop({ default: 0 }) conversions!: number;
  @prop({ default: 0 }) conversionRate!: number;
  @prop({ default: 0 }) revenue!: number;
  @prop({ default: 0 }) avgOrderValue!: number;
  @prop({ default: 0 }) engagementRate!: number;
  @prop({ default: 0 }) bounceRate!: number;
  @prop({ default: 0 }) aiAccuracy!: number;
  @prop({ default: 0 }) aiHandoffRate!: number;
  /** Counters the rates are derived from. */
  @prop({ default: 0 }) aiReplies!: number;
  @prop({ default: 0 }) aiHandoffs!: number;
  @prop({ default: 0 }) responseTimeSumMs!: number;
  @prop({ default: 0 }) responseTimeCount!: number;
}

export class HourlyBucket {
  @prop({ required: true, min: 0, max: 23 }) hour!: number;
  @prop({ default: 0 }) messages!: number;
  @prop({ default: 0 }) conversations!: number;
  @prop({ default: 0 }) conversions!: number;
}

export const emptyHourlyData = (): HourlyBucket[] =>
  Array.from({ length: 24 }, (_, hour) => ({
    hour,
    messages: 0,
    conversations: 0,
    conversions: 0,
  }));

@modelOptions({ schemaOptions: { collection: 'analytics', timestamps: true } })
// The upsert key: one document per (user, campaign, platform, day).
@index({ userId: 1, campaignId: 1, platform: 1, date: 1 }, { unique: true })
@index({ userId: 1, date: -1 })
@index({ campaignId: 1, date: -1 })
@index({ date: 1, platform: 1 })
export class Analytics {
  readonly _id!: Types.ObjectId;

  @prop({ type: () => Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  /** null for chats that no campaign claimed. */
  @prop({ type: () => Types.ObjectId, default: null })
  campaignId?: Types.ObjectId | null;

  /** Midnight (UTC) of the business's day. */
  @prop({ required: true })
  date!: Date;

  @prop({ enum: Platform, type: String, required: true })
  platform!: Platform;

  @prop({ type: () => DailyMetrics, _id: false, default: () => ({}) })
  metrics!: DailyMetrics;

  @prop({ type: () => [HourlyBucket], _id: false, default: emptyHourlyData })
  hourlyData!: HourlyBucket[];
}

export const AnalyticsModel = getModelForClass(Analytics);
