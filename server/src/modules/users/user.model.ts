import {
  index,
  modelOptions,
  plugin,
  prop,
  getModelForClass,
  Severity,
} from '@typegoose/typegoose';
import { forgetOnWrite } from '../../db/embeddedReadCache';
import { businessProfiles } from './profileCache';
import type { Types } from 'mongoose';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ObjectIdScalar } from '../../graphql/objectId.scalar';

export enum Role {
  USER = 'user',
  ADMIN = 'admin',
}
registerEnumType(Role, { name: 'Role' });

@ObjectType()
export class BusinessDocument {
  @Field()
  @prop({ required: true, trim: true })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Where it lives; absent for pasted text' })
  @prop({ trim: true })
  url?: string;

  @Field({ nullable: true, description: "The document's text, which training reads" })
  @prop()
  text?: string;

  @Field()
  @prop({ default: () => new Date() })
  uploadedAt!: Date;
}

@ObjectType()
export class BusinessInfo {
  @Field({ nullable: true })
  @prop({ trim: true })
  businessName?: string;

  @Field({ nullable: true })
  @prop({ trim: true })
  ownerName?: string;

  @Field({ nullable: true })
  @prop({ trim: true })
  industry?: string;

  @Field({ nullable: true })
  @prop()
  description?: string;

  @Field({ nullable: true })
  @prop({ trim: true })
  website?: string;

  @Field({ nullable: true })
  @prop({ trim: true })
  phone?: string;

  @Field({ nullable: true, description: 'ISO 4217 code every amount is in; USD until chosen' })
  @prop({ trim: true })
  currency?: string;

  @Field({
    nullable: true,
    description: 'IANA time zone of analytics days, business hours and summaries; UTC until chosen',
  })
  @prop({ trim: true })
  timezone?: string;

  @Field({
    nullable: true,
    description:
      "Whether the AI's first reply says the customer is chatting with an assistant (on unless false)",
  })
  @prop()
  aiDisclosure?: boolean;

  @Field(() => [BusinessDocument])
  @prop({ type: () => [BusinessDocument], _id: false, default: [] })
  documents!: BusinessDocument[];
}

@ObjectType()
export class GlobalAI {
  @Field()
  @prop({ default: false })
  trained!: boolean;

  @Field({ nullable: true })
  @prop()
  lastTrainedAt?: Date;

  @Field({ nullable: true, description: 'The text the AI answers from' })
  @prop()
  knowledgeBase?: string;

  @Field({ nullable: true, description: 'Free text the owner pasted for training' })
  @prop()
  ownerText?: string;

  @Field(() => Int, { description: 'Passages the AI retrieves from' })
  @prop({ default: 0 })
  passageCount!: number;

  /** The knowledgepassages version in use. */
  @prop()
  knowledgeVersion?: string;
}

@ObjectType()
@modelOptions({
  schemaOptions: { collection: 'users', timestamps: true },
  options: { allowMixed: Severity.ERROR },
})
@index({ email: 1 }, { unique: true })
@index({ createdAt: -1 })
@plugin(forgetOnWrite, { caches: [businessProfiles] })
export class User {
  @Field(() => ObjectIdScalar, { name: 'id' })
  readonly _id!: Types.ObjectId;

  @Field()
  @prop({ required: true, lowercase: true, trim: true })
  email!: string;

  /**
   * bcrypt hash; never exposed (no @Field) and never selected by default. Because of
   * `select: false`, mongoose sends findOneAndUpdate on this model with a projection,
   * which FerretDB 1.24 refuses: update with updateOne, then read.
   */
  @prop({ required: true, select: false })
  password!: string;

  @Field(() => Role)
  @prop({ enum: Role, type: String, default: Role.USER })
  role!: Role;

  @Field()
  @prop({ default: false })
  onboardingCompleted!: boolean;

  @Field(() => BusinessInfo)
  @prop({ type: () => BusinessInfo, _id: false, default: () => ({}) })
  businessInfo!: BusinessInfo;

  @Field(() => GlobalAI)
  @prop({ type: () => GlobalAI, _id: false, default: () => ({}) })
  globalAI!: GlobalAI;

  @Field()
  readonly createdAt!: Date;

  @Field()
  readonly updatedAt!: Date;
}

export const UserModel = getModelForClass(User);
