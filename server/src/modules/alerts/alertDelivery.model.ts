import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';

export enum AlertChannel {
  EMAIL = 'email',
  PUSH = 'push',
}

/**
 * Email and push still to send: a small work list (an item is deleted once sent or given
 * up), so the sweep's scan stays as short as the backlog, never the history.
 */
@modelOptions({ schemaOptions: { collection: 'alertdeliveries', versionKey: false } })
@index({ nextAttemptAt: 1 })
export class AlertDelivery {
  readonly _id!: Types.ObjectId;

  @prop({ type: () => Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @prop({ type: String, enum: AlertChannel, required: true })
  channel!: AlertChannel;

  /** Push: the one browser it goes to (each browser retried on its own). */
  @prop({ type: () => Types.ObjectId })
  subscriptionId?: Types.ObjectId;

  @prop({ required: true })
  subject!: string;

  @prop({ required: true })
  text!: string;

  /** An absolute link (PUBLIC_URL) or the dashboard's path. */
  @prop({ required: true })
  link!: string;

  @prop({ required: true, default: 0 })
  attempts!: number;

  /** Due from then: now, the end of quiet hours, or the next retry; a claim moves it on. */
  @prop({ required: true })
  nextAttemptAt!: Date;

  @prop()
  lastError?: string;

  /** A daily summary or a test alert: sent when asked for, whatever the quiet hours. */
  @prop()
  anyHour?: boolean;
}

export const AlertDeliveryModel = getModelForClass(AlertDelivery);

/**
 * The last email or push of a chat (or of an integration's errors), under an id derived from
 * the user, the channel and the subject: "at most one per 10 minutes" is a conditional
 * update of one document, atomic on either engine.
 */
@modelOptions({ schemaOptions: { collection: 'alertthrottles', versionKey: false } })
export class AlertThrottle {
  readonly _id!: Types.ObjectId;

  @prop({ type: () => Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @prop({ required: true })
  until!: Date;
}

export const AlertThrottleModel = getModelForClass(AlertThrottle);
