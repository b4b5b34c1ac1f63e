import { getModelForClass, index, modelOptions, post, prop } from '@typegoose/typegoose';
import type { Query } from 'mongoose';
import { Types } from 'mongoose';
import { Platform } from '../../platforms/platform';
import { dayCache } from './dayCache';

/**
 * One day's counters, only ever moved by `$inc` (analytics.service.ts). Most count what
 * happened that day; the "cohort" ones count conversations by the day they started, so
 * a rate over conversations can never pass 100% (see metricDefinitions.ts). The rate
 * fields of the seed schema (responseRate, conversionRate, ...) stay 0 in storage: reads
 * derive every rate from the counters, so stored and shown numbers can never disagree.
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
  /** Event counters the rates are derived from. */
  @prop({ default: 0 }) aiReplies!: number;
  @prop({ default: 0 }) aiHandoffs!: number;
  @prop({ default: 0 }) responseTimeSumMs!: number;
  @prop({ default: 0 }) responseTimeCount!: number;
  /** Cohort counters: conversations started this day that reached the milestone (ever). */
  @prop({ default: 0 }) engagedConversations!: number;
  @prop({ default: 0 }) respondedConversations!: number;
  @prop({ default: 0 }) aiHandledConversations!: number;
  @prop({ default: 0 }) handedOffConversations!: number;
  @prop({ default: 0 }) takenOverConversations!: number;
  @prop({ default: 0 }) qualifiedConversations!: number;
  @prop({ default: 0 }) convertedConversations!: number;
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

/** Any write through the model drops the day documents it may have changed from dayCache. */
function forgetWritten(this: Query<unknown, unknown>) {
  const id = (this.getFilter() as { _id?: unknown })._id;
  dayCache.forget(id instanceof Types.ObjectId ? [id] : 'all');
}

@modelOptions({ schemaOptions: { collection: 'analytics', timestamps: true } })
@post<Analytics>('save', (document) => dayCache.forget([document._id]))
@post<Analytics>(
  ['updateOne', 'updateMany', 'deleteOne', 'deleteMany', 'findOneAndUpdate', 'replaceOne'],
  forgetWritten,
)
// The upsert key: one document per (user, campaign, platform, day).
@index({ userId: 1, campaignId: 1, platform: 1, date: 1 }, { unique: true })
@index({ userId: 1, date: -1 })
@index({ campaignId: 1, date: -1 })
@index({ date: 1, platform: 1 })
export class Analytics {
  /** Derived from the key (analyticsIds.ts), so writes address one document by `_id`. */
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
