import { getModelForClass, index, modelOptions, prop, Severity } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { Platform } from '../../platforms/platform';

export enum InboundEventStatus {
  PENDING = 'pending',
  PROCESSING = 'processing',
  DONE = 'done',
  FAILED = 'failed',
}

/**
 * The durable webhook queue: each webhook message is stored here before the webhook answers 200.
 * The unique (platform, platformMessageId) index makes Meta's retries harmless.
 */
@modelOptions({
  schemaOptions: { collection: 'inboundevents', timestamps: true },
  options: { allowMixed: Severity.ALLOW },
})
@index({ platform: 1, platformMessageId: 1 }, { unique: true })
@index({ status: 1, nextAttemptAt: 1 })
@index({ chatKey: 1, platformTimestamp: 1 })
@index({ userId: 1 })
export class InboundEvent {
  readonly _id!: Types.ObjectId;

  @prop({ enum: Platform, type: String, required: true })
  platform!: Platform;

  /**
   * The owner, known once the worker has matched the event to an integration; until then
   * (and for events no integration claims) only admins see the event in the DB manager.
   */
  @prop({ type: () => Types.ObjectId })
  userId?: Types.ObjectId;

  @prop({ required: true })
  platformMessageId!: string;

  /** The platform-neutral InboundMessage, as ingestMessage takes it. */
  @prop({ type: () => Object, required: true })
  payload!: Record<string, unknown>;

  /** Its outcome: pending until done or failed (while in hand, its work item says so). */
  @prop({ enum: InboundEventStatus, type: String, default: InboundEventStatus.PENDING })
  status!: InboundEventStatus;

  @prop({ default: 0 })
  attempts!: number;

  @prop()
  lastError?: string;

  @prop({ default: () => new Date() })
  receivedAt!: Date;

  /** platform:recipient:customer: one conversation's events are handled in order. */
  @prop({ required: true })
  chatKey!: string;

  /** When the customer sent it: the order events are handled in, per chat. */
  @prop({ required: true })
  platformTimestamp!: Date;

  @prop({ default: () => new Date() })
  nextAttemptAt!: Date;

  /** While processing: after this, the worker that claimed it is presumed dead. */
  @prop()
  leaseUntil?: Date;

  /** Names the claim: only the worker holding it may extend it, or mark the event done. */
  @prop()
  leaseId?: string;

  /**
   * The id the AI reply will get, chosen before it is written, so a retry after a crash
   * finds the reply it already made instead of writing (and sending) a second one.
   */
  @prop()
  replyId?: Types.ObjectId;

  @prop()
  processedAt?: Date;
}

export const InboundEventModel = getModelForClass(InboundEvent);
