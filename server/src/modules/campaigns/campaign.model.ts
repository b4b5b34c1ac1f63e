import { getModelForClass, index, modelOptions, plugin, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { forgetOnWrite, onlyTouches } from '../../db/embeddedReadCache';
import { playbooks, startingCampaigns } from './campaignCache';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ObjectIdScalar } from '../../graphql/objectId.scalar';
import { TargetPlatform } from '../../platforms/platform';
import { Offer } from '../catalog/offer.model';
import { Product } from '../catalog/product.model';

export enum CampaignStatus {
  DRAFT = 'draft',
  ACTIVE = 'active',
  PAUSED = 'paused',
  COMPLETED = 'completed',
}
registerEnumType(CampaignStatus, { name: 'CampaignStatus' });

/** The campaign's main product as it reads it: a copy of the catalog's (`productId`), or the
 * product a campaign made before the catalog stored inline. */
export class CampaignProduct extends Product {
  @prop({ type: () => Types.ObjectId })
  productId?: Types.ObjectId;
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

  @Field(() => Product, { description: 'The main product (productIds[0], when from the catalog)' })
  @prop({ type: () => CampaignProduct, _id: false, required: true })
  product!: CampaignProduct;

  @Field(() => [ObjectIdScalar], {
    description: 'Catalog products it sells: the main one first, then the alternatives',
  })
  @prop({ type: () => [Types.ObjectId], default: [] })
  productIds!: Types.ObjectId[];

  @Field(() => [Offer], { description: 'Pricing rules: the server computes every total from them' })
  @prop({ type: () => [Offer], _id: false, default: [] })
  offers!: Offer[];

  @Field(() => Float, {
    nullable: true,
    description: 'Shipping per order, unless an offer waives it',
  })
  @prop({ min: 0 })
  shippingFee?: number;

  @Field({ nullable: true, description: 'Checkout link for products without their own' })
  @prop({ trim: true })
  checkoutUrl?: string;

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
