import { getModelForClass, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';

export enum SendOutcome {
  SENT = 'sent',
  /** Meta surely did not take it (unreachable, throttled): safe to try again. */
  NOT_SENT = 'not_sent',
  /** Meta refused it for good (closed window, blocked, bad token). */
  REFUSED = 'refused',
  /** No answer to go by (a timeout, a lost connection, an error page). */
  UNKNOWN = 'unknown',
  /** Another worker had advanced the message; this attempt made no call. */
  ABANDONED = 'abandoned',
}

/**
 * One Send API call for one of our messages, recorded before the call is made. Its `_id`
 * is `<message id>:<attempt number>`: attempt n of a message can be begun once, by one
 * worker on one server (a unique insert, atomic on FerretDB and MongoDB alike), so no
 * crash, retry or race can make the same call twice. An attempt without an outcome
 * belongs to a server that stopped mid-call: its message is "not confirmed".
 */
@modelOptions({ schemaOptions: { collection: 'sendattempts', timestamps: false } })
export class SendAttempt {
  @prop({ type: () => String, required: true })
  _id!: string;

  @prop({ type: () => Types.ObjectId, required: true })
  messageId!: Types.ObjectId;

  @prop({ required: true })
  attempt!: number;

  @prop({ required: true })
  startedAt!: Date;

  @prop({ enum: SendOutcome, type: String })
  outcome?: SendOutcome;

  @prop()
  finishedAt?: Date;

  @prop()
  error?: string;
}

export const SendAttemptModel = getModelForClass(SendAttempt);

export const attemptId = (messageId: Types.ObjectId, attempt: number): string =>
  `${messageId.toHexString()}:${attempt}`;
