import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { Platform } from '../../platforms/platform';

/**
 * Revenue attribution by ad: one document per (user, ad, business day), only ever moved
 * by `$inc`. An ad is the referral a chat first carried (Click-to-Messenger / WhatsApp):
 * its ad id, else its source. Chats are counted the day they got the referral; sales and
 * revenue the day they were agreed.
 */
@modelOptions({ schemaOptions: { collection: 'adstats', timestamps: true } })
@index({ userId: 1, adKey: 1, date: 1 }, { unique: true })
@index({ userId: 1, date: -1 })
export class AdStats {
  /** Derived from (user, adKey, day): see analyticsIds.ts. */
  readonly _id!: Types.ObjectId;

  @prop({ type: () => Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  /** `ad:<adId>` or `source:<source>`. */
  @prop({ required: true })
  adKey!: string;

  /** Midnight (UTC) of the business's day, as in `analytics`. */
  @prop({ required: true })
  date!: Date;

  @prop() adId?: string;
  @prop() source?: string;
  @prop() headline?: string;
  @prop({ enum: Platform, type: String }) platform?: Platform;

  @prop({ default: 0 }) chats!: number;
  @prop({ default: 0 }) conversions!: number;
  @prop({ default: 0 }) revenue!: number;
}

export const AdStatsModel = getModelForClass(AdStats);

export interface AdReferral {
  adId?: string;
  source?: string;
  headline?: string;
}

/** The attribution key of a chat's referral, or undefined when it names neither ad nor source. */
export function adKeyOf(referral: AdReferral | undefined | null): string | undefined {
  if (referral?.adId) return `ad:${referral.adId}`;
  if (referral?.source) return `source:${referral.source}`;
  return undefined;
}
