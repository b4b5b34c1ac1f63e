import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import type { Types } from 'mongoose';
import { InboundEventStatus } from './inboundEvent.model';

/**
 * The work list of the webhook queue: one small document per inbox event that is not
 * finished yet (plus those that failed for good), under the event's own `_id`. The
 * worker's scans and lease updates run here, so they cost the events in flight, not the
 * inbox's whole history: on FerretDB's SQLite backend any filter but `_id` reads the whole
 * collection. The event itself (payload, outcome) stays in `inboundevents`, reached by `_id`.
 */
@modelOptions({ schemaOptions: { collection: 'inboxqueue', versionKey: false } })
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

  /**
   * Its work may have begun before its current attempts (handed back at a shutdown, which
   * gives the attempt back; put on the list by the backfill): the next attempt looks for
   * what an earlier one wrote.
   */
  @prop()
  resumed?: boolean;
}

export const QueueItemModel = getModelForClass(QueueItem);
