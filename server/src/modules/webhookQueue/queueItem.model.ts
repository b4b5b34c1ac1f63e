import { getModelForClass, index, modelOptions, prop, Severity } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { Platform } from '../../platforms/platform';
import { InboundEventStatus } from './inboundEvent.model';

/**
 * The work list of the webhook queue: one document per inbox event that is not finished
 * yet (plus those that failed for good), under the event's own `_id`. The webhook's answer
 * to Meta writes only this (with the message), and the worker's scans and lease updates run
 * here, so they cost the events in flight, not the inbox's whole history: on FerretDB's
 * SQLite backend any filter but `_id` reads the whole collection, and an insert updates
 * every index of a large one. The event's record in `inboundevents` (history, outcome) is
 * written by the worker when it claims the item (queueStore.claim).
 */
@modelOptions({
  schemaOptions: { collection: 'inboxqueue', versionKey: false },
  options: { allowMixed: Severity.ALLOW },
})
@index({ status: 1, nextAttemptAt: 1 })
@index({ chatKey: 1 })
export class QueueItem {
  /** The event's `_id`. */
  readonly _id!: Types.ObjectId;

  @prop({ required: true })
  chatKey!: string;

  @prop({ required: true })
  platformTimestamp!: Date;

  @prop({ enum: InboundEventStatus, type: String, default: InboundEventStatus.PENDING })
  status!: InboundEventStatus;

  @prop({ default: 0 })
  attempts!: number;

  @prop({ default: () => new Date() })
  nextAttemptAt!: Date;

  @prop()
  leaseUntil?: Date;

  @prop()
  leaseId?: string;

  /** The message, for the event's record; absent on items from before it was kept here. */
  @prop({ type: () => Object })
  payload?: Record<string, unknown>;

  @prop({ enum: Platform, type: String })
  platform?: Platform;

  @prop()
  platformMessageId?: string;

  /** The id the AI reply will get (see InboundEvent.replyId). */
  @prop({ type: () => Types.ObjectId })
  replyId?: Types.ObjectId;

  @prop()
  receivedAt?: Date;

  /**
   * Its work may have begun before its current attempts (handed back at a shutdown, which
   * gives the attempt back; put on the list by the backfill): the next attempt looks for
   * what an earlier one wrote.
   */
  @prop()
  resumed?: boolean;
}

export const QueueItemModel = getModelForClass(QueueItem);
