import { getModelForClass, index, modelOptions, plugin, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { forgetOnWrite, onlyTouches } from '../../db/embeddedReadCache';
import { playbooks, startingCampaigns } from './campaignCache';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ObjectIdScalar } from '../../graphql/objectId.scalar';
import { TargetPlatform } from '../../platforms/platform';

export enum CampaignStatus {
  DRAFT = 'draft',
  ACTIVE = 'active',
  PAUSED = 'paused',
  COMPLETED = 'completed',
}
registerEnumType(CampaignStatus, { name: 'CampaignStatus' });

@ObjectType()
export class Product {
  @Field()
  @prop({ required: true, trim: true })
  name!: string;

  @Field({ nullable: true })
  @prop()
  description?: string;

  @Field(() => Float)
  @prop({ required: true, min: 0, default: 0 })
  price!: number;

  @Field(() => [String])
  @prop({ type: () => [String], default: [] })
  images!: string[];

  @Field(() => [String])
  @prop({ type: () => [String], default: [] })
  features!: string[];
}

@ObjectType()
export class ObjectionResponse {
  @Field()
  @prop({ required: true })
  objection!: string;

  @Field()
  @prop({ required: true })
  response!: string;
}

@ObjectType()
export class ChatFlow {
  @Field({ nullable: true })
  @prop()
  greeting?: string;

  @Field(() => [String])
  @prop({ type: () => [String], default: [] })
  qualificationQuestions!: string[];

  @Field(() => [ObjectionResponse])
  @prop({ type: () => [ObjectionResponse], _id: false, default: [] })
  objectionHandling!: ObjectionResponse[];

  @Field({ nullable: true })
  @prop()
  closingMessage?: string;
}

@ObjectType()
export class Demographics {
  @Field({ nullable: true })
  @prop()
  ageRange?: string;

  @Field(() => [String])
  @prop({ type: () => [String], default: [] })
  location!: string[];

  @Field(() => [String])
  @prop({ type: () => [String], default: [] })
  interests!: string[];
}

@ObjectType()
export class TargetAudience {
  @Field(() => Demographics)
  @prop({ type: () => Demographics, _id: false, default: () => ({}) })
  demographics!: Demographics;

  @Field({ nullable: true })
  @prop()
  persona?: string;
}

/** Maintained by the pipeline with $inc; read-only to clients. */
@ObjectType()
export class CampaignStats {
  @Field(() => Int)
  @prop({ default: 0 })
  messagesSent!: number;

  @Field(() => Int)
  @prop({ default: 0 })
  responses!: number;

  @Field(() => Int)
  @prop({ default: 0 })
  conversions!: number;

  @Field(() => Float)
  @prop({ default: 0 })
  revenue!: number;
}

@ObjectType()
@modelOptions({ schemaOptions: { collection: 'campaigns', timestamps: true } })
@index({ userId: 1, status: 1 })
@index({ createdAt: -1 })
// The counters' increments (one per message) leave the cached playbooks as they are.
@plugin(forgetOnWrite, { caches: [playbooks, startingCampaigns], unless: onlyTouches('stats.') })
export class Campaign {
  @Field(() => ObjectIdScalar, { name: 'id' })
  readonly _id!: Types.ObjectId;

  @Field(() => ObjectIdScalar)
  @prop({ type: () => Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Field()
  @prop({ required: true, trim: true, maxlength: 120 })
  name!: string;

  @Field(() => Product)
  @prop({ type: () => Product, _id: false, required: true })
  product!: Product;

  @Field(() => TargetPlatform)
  @prop({ enum: TargetPlatform, type: String, default: TargetPlatform.ALL })
  targetPlatform!: TargetPlatform;

  @Field(() => CampaignStatus)
  @prop({ enum: CampaignStatus, type: String, default: CampaignStatus.DRAFT })
  status!: CampaignStatus;

  @Field(() => ChatFlow)
  @prop({ type: () => ChatFlow, _id: false, default: () => ({}) })
  chatFlow!: ChatFlow;

  @Field(() => TargetAudience)
  @prop({ type: () => TargetAudience, _id: false, default: () => ({}) })
  targetAudience!: TargetAudience;

  @Field({ nullable: true })
  @prop()
  outreachMessage?: string;

  @Field(() => CampaignStats)
  @prop({ type: () => CampaignStats, _id: false, default: () => ({}) })
  stats!: CampaignStats;

  @Field()
  readonly createdAt!: Date;

  @Field()
  readonly updatedAt!: Date;
}

export const CampaignModel = getModelForClass(Campaign);
