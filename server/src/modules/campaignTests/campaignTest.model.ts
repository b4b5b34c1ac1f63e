import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { Field, Float, ObjectType } from 'type-graphql';
import { ObjectIdScalar } from '../../graphql/objectId.scalar';

/** What must happen by the end of a test conversation; unset expectations are not checked. */
@ObjectType()
export class TestExpectations {
  @Field({ nullable: true, description: 'Ends converted (true) or not converted (false)' })
  @prop()
  converted?: boolean;

  @Field(() => Float, { nullable: true, description: 'Ends converted with this order value' })
  @prop({ min: 0 })
  orderValue?: number;

  @Field({ nullable: true, description: 'Ends qualified (or converted)' })
  @prop()
  qualified?: boolean;

  @Field({ nullable: true, description: 'This objection of the playbook is recognised' })
  @prop()
  objection?: string;

  @Field({ nullable: true, description: 'Hands the chat to a person (true) or keeps it (false)' })
  @prop()
  handsOff?: boolean;

  @Field(() => [String], { description: "Words the AI's replies must contain" })
  @prop({ type: () => [String], default: [] })
  mentions!: string[];

  @Field(() => [String], { description: "Words the AI's replies must never contain" })
  @prop({ type: () => [String], default: [] })
  notMentions!: string[];
}

@ObjectType()
export class TestTurn {
  @Field({ description: 'customer, ai or business' })
  @prop({ required: true })
  sender!: string;

  @Field()
  @prop({ required: true })
  content!: string;
}

@ObjectType()
export class TestRun {
  @Field()
  @prop({ required: true })
  at!: Date;

  @Field()
  @prop({ required: true })
  passed!: boolean;

  @Field({ nullable: true, description: 'The first expectation that was not met' })
  @prop()
  failure?: string;

  @Field(() => [TestTurn])
  @prop({ type: () => [TestTurn], _id: false, default: [] })
  transcript!: TestTurn[];
}

/**
 * A saved test conversation of a campaign: the customer's lines and what must happen. Run
 * through the real pipeline as a simulator chat (campaignTests.service.ts).
 */
@ObjectType()
@modelOptions({ schemaOptions: { collection: 'campaigntests', timestamps: true } })
@index({ userId: 1, campaignId: 1 })
export class CampaignTest {
  @Field(() => ObjectIdScalar, { name: 'id' })
  readonly _id!: Types.ObjectId;

  @prop({ type: () => Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Field(() => ObjectIdScalar)
  @prop({ type: () => Types.ObjectId, required: true })
  campaignId!: Types.ObjectId;

  @Field()
  @prop({ required: true, trim: true })
  name!: string;

  @Field(() => [String], { description: "The customer's messages, in order" })
  @prop({ type: () => [String], default: [] })
  lines!: string[];

  @Field(() => TestExpectations)
  @prop({ type: () => TestExpectations, _id: false, default: () => ({}) })
  expect!: TestExpectations;

  @Field({ description: 'Made from the playbook (replaced when generated again)' })
  @prop({ default: false })
  generated!: boolean;

  @Field(() => TestRun, { nullable: true })
  @prop({ type: () => TestRun, _id: false })
  lastRun?: TestRun;

  @Field()
  readonly createdAt!: Date;

  @Field()
  readonly updatedAt!: Date;
}

export const CampaignTestModel = getModelForClass(CampaignTest);
