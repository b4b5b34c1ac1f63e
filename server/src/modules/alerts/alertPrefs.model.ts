import { getModelForClass, modelOptions, prop } from '@typegoose/typegoose';
import type { Types } from 'mongoose';
import { Field, Int, ObjectType } from 'type-graphql';
import { AlertEvent } from './alert.model';

@ObjectType({ description: 'Where one kind of alert reaches you' })
export class AlertChannels {
  @Field(() => AlertEvent)
  @prop({ type: String, enum: AlertEvent, required: true })
  event!: AlertEvent;

  @Field({ description: 'A toast, a sound, the count in the tab title, a browser notification' })
  @prop({ required: true })
  inApp!: boolean;

  @Field({ description: "To the account's email, at most one per chat every 10 minutes" })
  @prop({ required: true })
  email!: boolean;

  @Field({ description: 'Web push to every browser you turned it on in' })
  @prop({ required: true })
  push!: boolean;
}

@ObjectType({ description: 'Email and push wait until these hours end (business time zone)' })
export class QuietHours {
  @Field()
  @prop({ required: true })
  enabled!: boolean;

  @Field({ description: '"22:00"' })
  @prop({ required: true })
  start!: string;

  @Field({ description: '"07:00"' })
  @prop({ required: true })
  end!: string;
}

@ObjectType({ description: "Yesterday's chats, sales, revenue and the chats waiting, by email" })
export class DailySummary {
  @Field()
  @prop({ required: true })
  enabled!: boolean;

  @Field(() => Int, { description: 'The hour it is sent, 0-23, business time zone' })
  @prop({ required: true, min: 0, max: 23 })
  hour!: number;
}

/** One user's alert preferences, under the user's `_id`; absent means the defaults. */
@modelOptions({ schemaOptions: { collection: 'alertprefs', versionKey: false } })
export class AlertPrefs {
  readonly _id!: Types.ObjectId;

  @prop({ type: () => [AlertChannels], _id: false })
  events?: AlertChannels[];

  @prop({ type: () => QuietHours, _id: false })
  quietHours?: QuietHours;

  @prop({ type: () => DailySummary, _id: false })
  dailySummary?: DailySummary;

  /** The business day whose summary was last queued ("2026-12-04"): one a day. */
  @prop()
  summaryDay?: string;
}

export const AlertPrefsModel = getModelForClass(AlertPrefs);
