import { modelOptions, prop, Severity } from '@typegoose/typegoose';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { MessageKind } from '../../platforms/inbound';

registerEnumType(MessageKind, {
  name: 'MessageKind',
  description: 'What a customer message is: text, a kind of media, or structured content',
});

@ObjectType({ description: 'One item of a catalog order, priced by the customer’s platform' })
export class OrderLine {
  @Field() @prop({ required: true }) productId!: string;
  @Field(() => Int) @prop({ required: true }) quantity!: number;
  @Field(() => Float, { description: 'Major units, as the platform sent it' })
  @prop({ required: true })
  unitPrice!: number;
  @Field() @prop({ required: true }) currency!: string;
}

/**
 * The structured content of a message (platforms/inbound.ts MessagePart), one shape per
 * `type`: location, contact, story, share, order, form, unsupported. Flat, so the inbox
 * reads every shape with one fragment; fields a shape does not have are null.
 */
@ObjectType()
// A form's answers are whatever fields its flow has.
@modelOptions({ options: { allowMixed: Severity.ALLOW } })
export class MessagePartView {
  @Field() @prop({ required: true }) type!: string;
  @Field(() => Float, { nullable: true }) @prop() latitude?: number;
  @Field(() => Float, { nullable: true }) @prop() longitude?: number;
  @Field({ nullable: true }) @prop() name?: string;
  @Field({ nullable: true }) @prop() address?: string;
  @Field({ nullable: true }) @prop() url?: string;
  @Field({ nullable: true }) @prop() title?: string;
  @Field(() => [String], { nullable: true })
  @prop({ type: () => [String], default: undefined })
  phones?: string[];
  @Field(() => [String], { nullable: true })
  @prop({ type: () => [String], default: undefined })
  emails?: string[];
  @Field({ nullable: true }) @prop() mention?: boolean;
  @Field({ nullable: true }) @prop() storyId?: string;
  @Field({ nullable: true, description: 'post, reel, link or product' })
  @prop()
  shareType?: string;
  @Field({ nullable: true }) @prop() catalogId?: string;
  @Field(() => [OrderLine], { nullable: true })
  @prop({ type: () => [OrderLine], _id: false, default: undefined })
  items?: OrderLine[];
  @Field({ nullable: true }) @prop() note?: string;
  @Field(() => Float, { nullable: true, description: 'An order: its total, priced by the server' })
  @prop()
  total?: number;
  @Field({ nullable: true }) @prop() currency?: string;
  @Field({ nullable: true }) @prop() body?: string;
  @Field(() => GraphQLJSONObject, { nullable: true })
  @prop({ type: () => Object })
  response?: Record<string, unknown>;
  @Field({ nullable: true, description: "Unsupported content: Meta's type for it" })
  @prop()
  rawType?: string;
  @Field({ nullable: true }) @prop() error?: string;
}

@ObjectType({ description: "A customer's reaction to a message" })
export class MessageReaction {
  @Field() @prop({ required: true }) emoji!: string;
  @Field() @prop({ required: true }) at!: Date;
}

@ObjectType({ description: 'The text a message had before the customer edited it' })
export class MessageEdit {
  @Field() @prop({ required: true }) previousContent!: string;
  @Field() @prop({ required: true }) at!: Date;
}
