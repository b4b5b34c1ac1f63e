import { getModelForClass, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ObjectIdScalar } from '../../graphql/objectId.scalar';

/** What the owner may be alerted of; each has its own preference per channel. */
export enum AlertEvent {
  HANDOFF = 'HANDOFF',
  PERSON_REQUESTED = 'PERSON_REQUESTED',
  ATTENTION = 'ATTENTION',
  UNANSWERED_CHAT = 'UNANSWERED_CHAT',
  REPLY_NOT_SENT = 'REPLY_NOT_SENT',
  INTEGRATION_ERROR = 'INTEGRATION_ERROR',
  SALE = 'SALE',
  /** "Send a test alert" in the settings: every channel, whatever the preferences. */
  TEST = 'TEST',
}
registerEnumType(AlertEvent, {
  name: 'AlertEvent',
  valuesConfig: {
    HANDOFF: { description: 'The AI handed a chat to a person' },
    PERSON_REQUESTED: { description: 'A customer asked for a person' },
    ATTENTION: { description: 'The AI flagged a chat for you (a question it could not answer)' },
    UNANSWERED_CHAT: { description: 'A new chat while auto-reply is off or outside hours' },
    REPLY_NOT_SENT: { description: 'A reply was not sent, or Meta did not confirm it' },
    INTEGRATION_ERROR: { description: 'A channel failed: an expired token, a refused send' },
    SALE: { description: 'A sale was recorded' },
    TEST: { description: 'A test alert you sent yourself' },
  },
});

/** One alert as the owner's alert list shows it. */
@ObjectType()
export class Alert {
  @Field(() => ObjectIdScalar, { name: 'id' })
  @prop({ type: () => Types.ObjectId, required: true })
  _id!: Types.ObjectId;

  @Field(() => AlertEvent)
  @prop({ type: String, enum: AlertEvent, required: true })
  event!: AlertEvent;

  @Field()
  @prop({ required: true })
  title!: string;

  @Field()
  @prop({ required: true })
  body!: string;

  @Field(() => ObjectIdScalar, { nullable: true })
  @prop({ type: () => Types.ObjectId })
  chatId?: Types.ObjectId;

  @Field({ description: "The dashboard's path for it (a chat: /inbox/<id>)" })
  @prop({ required: true })
  link!: string;

  @Field({ description: 'From a simulator chat' })
  @prop({ default: false })
  test!: boolean;

  @Field()
  @prop({ required: true })
  createdAt!: Date;
}

/**
 * The owner's newest alerts, one document per user under the user's `_id`: the app's
 * alert list and unread count are one indexed read on either engine, whatever the history.
 */
@modelOptions({ schemaOptions: { collection: 'alertfeeds', versionKey: false } })
export class AlertFeed {
  /** The user's `_id`. */
  readonly _id!: Types.ObjectId;

  /** Oldest first; kept to the newest FEED_LIMIT. */
  @prop({ type: () => [Alert], default: [] })
  items!: Alert[];

  @prop({ default: 0 })
  unread!: number;
}

export const FEED_LIMIT = 50;
export const AlertFeedModel = getModelForClass(AlertFeed);

@ObjectType({ description: 'Your newest alerts' })
export class AlertList {
  @Field(() => [Alert], { description: 'Newest first' })
  items!: Alert[];

  @Field(() => Int, { description: 'Raised since you last marked them read' })
  unread!: number;
}
