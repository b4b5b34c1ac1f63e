import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';

export enum OutboxState {
  /** Waiting for its next attempt at `dueAt`. */
  DUE = 'due',
  /** An attempt is under way since `since`. */
  SENDING = 'sending',
}

/**
 * Our messages whose delivery is not settled yet, and only those: an entry is written
 * before a Send API call or when a retry is scheduled, and removed once the message is
 * sent, failed, not sent or not confirmed. So the delivery sweep reads a collection the
 * size of what is in flight, never the size of history.
 */
@modelOptions({ schemaOptions: { collection: 'outbox', timestamps: false } })
@index({ state: 1, dueAt: 1 })
export class OutboxEntry {
  /** The message's id. */
  readonly _id!: Types.ObjectId;

  @prop({ type: () => Types.ObjectId, required: true })
  chatId!: Types.ObjectId;

  @prop({ enum: OutboxState, type: String, required: true })
  state!: OutboxState;

  /** A person's reply: it may use Meta's human-agent window. */
  @prop({ required: true })
  human!: boolean;

  @prop({ required: true })
  dueAt!: Date;

  @prop()
  since?: Date;
}

export const OutboxModel = getModelForClass(OutboxEntry);
