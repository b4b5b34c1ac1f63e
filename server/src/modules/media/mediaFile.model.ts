import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';

/**
 * A customer's media, downloaded before Meta's link or id expires and kept in the
 * database, so backups and exports carry it. `_id` is derived from (message, attachment
 * index): a second download of the same attachment lands on the same document.
 */
@modelOptions({ schemaOptions: { collection: 'mediafiles', timestamps: true, versionKey: false } })
@index({ userId: 1 })
@index({ messageId: 1 })
@index({ chatId: 1 })
export class MediaFile {
  readonly _id!: Types.ObjectId;

  @prop({ type: () => Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @prop({ type: () => Types.ObjectId, required: true })
  messageId!: Types.ObjectId;

  /** The message's chat, so deleting a chat takes its media along (dbms/cascade.ts). */
  @prop({ type: () => Types.ObjectId })
  chatId?: Types.ObjectId;

  @prop({ required: true })
  mimeType!: string;

  @prop({ required: true })
  size!: number;

  /** Hex SHA-256 of the bytes. */
  @prop({ required: true })
  sha256!: string;

  @prop()
  fileName?: string;

  @prop({ type: () => Buffer, required: true })
  data!: Buffer;
}

export const MediaFileModel = getModelForClass(MediaFile);

/** The messages whose media is still to be fetched: small, like the inbox's work list. */
@modelOptions({ schemaOptions: { collection: 'mediaqueue', versionKey: false } })
@index({ nextAttemptAt: 1 })
export class MediaQueueItem {
  /** The message's `_id`. */
  readonly _id!: Types.ObjectId;

  @prop({ default: 0 })
  attempts!: number;

  @prop({ required: true })
  nextAttemptAt!: Date;
}

export const MediaQueueModel = getModelForClass(MediaQueueItem);
