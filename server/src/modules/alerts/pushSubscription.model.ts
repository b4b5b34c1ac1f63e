import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';

/** A browser that turned push on: its push service endpoint and keys (RFC 8291). */
@modelOptions({ schemaOptions: { collection: 'pushsubscriptions', versionKey: false } })
@index({ userId: 1 })
export class PushSubscriptionRecord {
  /** Derived from the endpoint: one record per browser subscription. */
  readonly _id!: Types.ObjectId;

  @prop({ type: () => Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @prop({ required: true })
  endpoint!: string;

  @prop({ required: true })
  p256dh!: string;

  @prop({ required: true })
  auth!: string;

  @prop()
  userAgent?: string;

  @prop({ required: true })
  createdAt!: Date;
}

export const PushSubscriptionModel = getModelForClass(PushSubscriptionRecord);

/** The server's VAPID key pair, made on the first start; the private key sealed. */
@modelOptions({ schemaOptions: { collection: 'vapidkeys', versionKey: false } })
export class VapidKeys {
  @prop({ type: () => String, required: true })
  _id!: string;

  @prop({ required: true })
  publicKey!: string;

  @prop({ required: true })
  privateKey!: string;
}

export const VAPID_KEYS_ID = 'vapid';
export const VapidKeysModel = getModelForClass(VapidKeys);
