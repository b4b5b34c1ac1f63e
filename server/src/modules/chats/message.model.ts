import { getModelForClass, index, modelOptions, prop, Severity } from '@typegoose/typegoose';
import { GraphQLJSONObject } from 'graphql-scalars';
import { Types } from 'mongoose';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ObjectIdScalar } from '../../graphql/objectId.scalar';
import { MessageKind } from '../../platforms/inbound';
import { Platform } from '../../platforms/platform';
import { MessageEdit, MessagePartView, MessageReaction } from './messageContent.model';

export enum Sender {
  CUSTOMER = 'customer',
  AI = 'ai',
  BUSINESS = 'business',
}
registerEnumType(Sender, { name: 'Sender' });

export enum MessageType {
  TEXT = 'text',
  IMAGE = 'image',
  FILE = 'file',
  QUICK_REPLY = 'quick_reply',
}
registerEnumType(MessageType, { name: 'MessageType' });

export enum DeliveryStatus {
  PENDING = 'pending',
  /**
   * Written by servers before December 2026 while a Send API call was under way; the call
   * is now shown by its attempt record (pipeline/delivery.ts) and the message stays
   * pending until its outcome. Kept for the messages those servers left.
   */
  SENDING = 'sending',
  /** Meta could not be reached or refused for now: tried again at `nextAttemptAt`. */
  RETRYING = 'retrying',
  /**
   * The outcome is unknown (the server stopped mid-send, or Meta's answer never came): it
   * may or may not have reached the customer, so it is not sent again by itself. The owner
   * sees it and can send it again; a later WhatsApp status for it confirms it.
   */
  UNCONFIRMED = 'unconfirmed',
  SENT = 'sent',
  DELIVERED = 'delivered',
  READ = 'read',
  FAILED = 'failed',
  /** Stored but deliberately not sent: human mode, reply window closed, auto-reply off. */
  NOT_SENT = 'not_sent',
}
registerEnumType(DeliveryStatus, { name: 'DeliveryStatus' });

@ObjectType()
export class Delivery {
  @Field(() => DeliveryStatus)
  @prop({ enum: DeliveryStatus, type: String, required: true })
  status!: DeliveryStatus;

  @Field({ nullable: true, description: 'Why it failed, was not sent or is not confirmed' })
  @prop()
  reason?: string;

  @Field()
  @prop({ required: true })
  updatedAt!: Date;

  @Field(() => Int, { description: 'Send API calls begun for it so far' })
  @prop({ default: 0 })
  attempts!: number;

  @Field({ nullable: true, description: 'While retrying: when the next attempt is due' })
  @prop()
  nextAttemptAt?: Date;
}

@ObjectType()
@modelOptions({
  schemaOptions: { collection: 'messages', timestamps: false },
  options: { allowMixed: Severity.ALLOW },
})
@index({ chatId: 1, createdAt: 1 })
// FerretDB has no partial indexes, so every message carries an id (see platformMessageId).
@index({ platform: 1, platformMessageId: 1 }, { unique: true })
export class Message {
  @Field(() => ObjectIdScalar, { name: 'id' })
  readonly _id!: Types.ObjectId;

  @Field(() => ObjectIdScalar)
  @prop({ type: () => Types.ObjectId, required: true })
  chatId!: Types.ObjectId;

  @Field(() => ObjectIdScalar)
  @prop({ type: () => Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Field(() => Platform)
  @prop({ enum: Platform, type: String, required: true })
  platform!: Platform;

  @Field(() => Sender)
  @prop({ enum: Sender, type: String, required: true })
  sender!: Sender;

  @Field()
  @prop({ required: true })
  content!: string;

  @Field(() => MessageType)
  @prop({ enum: MessageType, type: String, default: MessageType.TEXT })
  messageType!: MessageType;

  @Field(() => GraphQLJSONObject, { nullable: true })
  @prop({ type: () => Object })
  metadata?: Record<string, unknown>;

  /**
   * The platform's message id (mid / wamid). Our own messages get a `local:` id until the
   * Send API returns theirs, so the unique index never sees two missing values.
   */
  @Field()
  @prop({ required: true, default: () => `local:${new Types.ObjectId().toHexString()}` })
  platformMessageId!: string;

  /** Our messages only: where the send stands. */
  @Field(() => Delivery, { nullable: true })
  @prop({ type: () => Delivery, _id: false })
  delivery?: Delivery;

  /** Customer messages: what it is (absent on messages stored before kinds: text or media). */
  @Field(() => MessageKind, { nullable: true })
  @prop({ enum: MessageKind, type: String })
  kind?: MessageKind;

  @Field(() => [MessagePartView], { nullable: true })
  @prop({ type: () => [MessagePartView], _id: false, default: undefined })
  parts?: MessagePartView[];

  /** The customer's reaction (one at a time, as on Meta's platforms). */
  @Field(() => MessageReaction, { nullable: true })
  @prop({ type: () => MessageReaction, _id: false })
  reaction?: MessageReaction;

  /** Earlier texts of a message the customer edited, oldest first. */
  @Field(() => [MessageEdit], { nullable: true })
  @prop({ type: () => [MessageEdit], _id: false, default: undefined })
  edits?: MessageEdit[];

  /** A voice note's words (Groq speech-to-text), which the AI answered. */
  @Field({ nullable: true })
  @prop()
  transcript?: string;

  /** The customer unsent it: kept for the owner, out of the AI's context. */
  @Field({ nullable: true })
  @prop()
  deletedAt?: Date;

  /** A business message a person wrote outside Salesdesk (Page inbox, Business app). */
  @Field({ nullable: true })
  @prop()
  fromOutside?: boolean;

  /** The platform's own time for customer messages; ours for the rest. */
  @Field()
  @prop({ required: true, default: () => new Date() })
  createdAt!: Date;
}

export const MessageModel = getModelForClass(Message);
