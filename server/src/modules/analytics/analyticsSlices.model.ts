import { getModelForClass, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';

/**
 * Which day-document series an owner has: every (campaign, platform) that has ever had an
 * `analytics` document and every ad key with `adstats`. Reads turn it into the `_id`s of a
 * range's documents (analyticsIds.ts) and fetch them one by one, so they never filter the
 * collections on anything but `_id`; see dayDocuments.ts for why.
 */
@modelOptions({ schemaOptions: { collection: 'analyticsslices', timestamps: true } })
export class AnalyticsSlices {
  /** The owner's user id. */
  readonly _id!: Types.ObjectId;

  /** `<campaignId or ->:<platform>`. */
  @prop({ type: () => [String], default: [] })
  slices!: string[];

  @prop({ type: () => [String], default: [] })
  adKeys!: string[];
}

export const AnalyticsSlicesModel = getModelForClass(AnalyticsSlices);
