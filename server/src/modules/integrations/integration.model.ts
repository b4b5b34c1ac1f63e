import { getModelForClass, index, modelOptions, plugin, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { forgetOnWrite } from '../../db/embeddedReadCache';
import { integrationsByAccount } from './integrationCache';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ObjectIdScalar } from '../../graphql/objectId.scalar';
import { Platform } from '../../platforms/platform';

export enum IntegrationStatus {
  CONNECTED = 'connected',
  DISCONNECTED = 'disconnected',
  ERROR = 'error',
  PENDING = 'pending',
}
registerEnumType(IntegrationStatus, { name: 'IntegrationStatus' });

/**
 * Never exposed (no @Field). The ids are public on Meta's side and are what webhooks are
 * routed by; the tokens are stored only as AES-256-GCM ciphertext under SECRETS_KEY.
 */
export class Credentials {
  @prop() pageId?: string;
  @prop() accountId?: string;
  @prop() phoneNumberId?: string;
  @prop() wabaId?: string;
  @prop() pageAccessToken?: string;
  @prop() accessToken?: string;
  @prop() refreshToken?: string;
  @prop() expiresAt?: Date;
  /** The app-scoped id of the Facebook person whose login connected it (metaConnect). */
  @prop() metaUserId?: string;
  /** Instagram connected with Instagram's own login (no Page): graph.instagram.com. */
  @prop() instagramLogin?: boolean;
  /** Sealed: the two-step PIN a WhatsApp number was registered with (Embedded Signup). */
  @prop() twoStepPin?: string;
}

@ObjectType()
export class PlatformData {
  @Field({ nullable: true }) @prop() pageName?: string;
  @Field({ nullable: true }) @prop() pageUsername?: string;
  @Field({ nullable: true }) @prop() profilePicture?: string;
  @Field(() => Int, { nullable: true }) @prop() followersCount?: number;
  @Field({ nullable: true }) @prop() category?: string;
  @Field({ nullable: true, description: "WhatsApp: Meta's quality rating (GREEN, YELLOW, RED)" })
  @prop()
  qualityRating?: string;
}

@ObjectType()
export class IntegrationError {
  @Field() @prop({ required: true }) error!: string;
  @Field() @prop({ required: true }) timestamp!: Date;
  @Field() @prop({ default: false }) resolved!: boolean;
}

@ObjectType()
export class DaySchedule {
  @Field(() => Int, { description: '0 = Sunday ... 6 = Saturday' })
  @prop({ required: true, min: 0, max: 6 })
  day!: number;

  @Field({ description: 'HH:mm in the business timezone' })
  @prop({ required: true })
  open!: string;

  @Field({ description: 'HH:mm in the business timezone' })
  @prop({ required: true })
  close!: string;
}

@ObjectType()
export class BusinessHours {
  @Field() @prop({ default: false }) enabled!: boolean;
  @Field() @prop({ default: 'UTC' }) timezone!: string;

  @Field(() => [DaySchedule])
  @prop({ type: () => [DaySchedule], _id: false, default: [] })
  schedule!: DaySchedule[];
}

@ObjectType()
export class NotificationSettings {
  @Field() @prop({ default: true }) email!: boolean;
  @Field() @prop({ default: true }) push!: boolean;
}

@ObjectType()
export class IntegrationSettings {
  @Field() @prop({ default: true }) autoReply!: boolean;

  /** Unset: HANDBACK_MINUTES from the configuration. */
  @Field(() => Int, { nullable: true })
  @prop()
  handbackMinutes?: number;

  @Field(() => BusinessHours)
  @prop({ type: () => BusinessHours, _id: false, default: () => ({}) })
  businessHours!: BusinessHours;

  /** Kept for API clients that read it; alerts are per user now (modules/alerts). */
  @Field(() => NotificationSettings, {
    deprecationReason: 'Alerts are per user and event: alertPreferences / updateAlertPreferences',
  })
  @prop({ type: () => NotificationSettings, _id: false, default: () => ({}) })
  notifications!: NotificationSettings;
}

@ObjectType()
@modelOptions({
  schemaOptions: {
    collection: 'integrations',
    timestamps: { createdAt: 'connectedAt', updatedAt: 'updatedAt' },
  },
})
@index({ userId: 1, platform: 1 }, { unique: true })
@index({ 'credentials.pageId': 1 })
@index({ 'credentials.accountId': 1 })
@index({ 'credentials.phoneNumberId': 1 })
@plugin(forgetOnWrite, { caches: [integrationsByAccount] })
export class Integration {
  @Field(() => ObjectIdScalar, { name: 'id' })
  readonly _id!: Types.ObjectId;

  @Field(() => ObjectIdScalar)
  @prop({ type: () => Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Field(() => Platform)
  @prop({ enum: Platform, type: String, required: true })
  platform!: Platform;

  @Field(() => IntegrationStatus)
  @prop({ enum: IntegrationStatus, type: String, default: IntegrationStatus.PENDING })
  status!: IntegrationStatus;

  @prop({ type: () => Credentials, _id: false, default: () => ({}), select: false })
  credentials!: Credentials;

  @Field(() => PlatformData)
  @prop({ type: () => PlatformData, _id: false, default: () => ({}) })
  platformData!: PlatformData;

  @Field()
  @prop({ default: false })
  webhookVerified!: boolean;

  @Field({ nullable: true })
  @prop()
  lastSync?: Date;

  /** Bounded: writers push with $slice so the array never grows past the last 20. */
  @Field(() => [IntegrationError])
  @prop({ type: () => [IntegrationError], _id: false, default: [] })
  errorLog!: IntegrationError[];

  @Field(() => IntegrationSettings)
  @prop({ type: () => IntegrationSettings, _id: false, default: () => ({}) })
  settings!: IntegrationSettings;

  @Field()
  readonly connectedAt!: Date;

  @Field()
  readonly updatedAt!: Date;
}

export const IntegrationModel = getModelForClass(Integration);
