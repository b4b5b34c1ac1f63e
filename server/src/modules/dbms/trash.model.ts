import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';

/** How long deleted documents can be restored. */
export const TRASH_DAYS = 7;

export enum TrashKind {
  DELETE = 'DELETE',
  CLEAR_ALL = 'CLEAR_ALL',
}

/** How many documents of one collection a batch holds. */
export class TrashCount {
  @prop({ required: true })
  collectionName!: string;

  @prop({ required: true, min: 0 })
  count!: number;
}

/**
 * One deletion (a document with its cascade, or a clear-all): what the trash lists and
 * what `dbmsRestoreDocument(trashId)` restores. The documents themselves are TrashItems,
 * one per document, so a clear-all of any size stays far below the 16 MB document limit.
 * Written before the first document is deleted, so an interrupted deletion is restorable
 * as far as it got.
 */
@modelOptions({ schemaOptions: { collection: 'dbmstrash', timestamps: false } })
@index({ userId: 1, deletedAt: -1 })
@index({ expiresAt: 1 })
export class TrashBatch {
  /** The trashId. */
  readonly _id!: Types.ObjectId;

  /** Whose documents these are; null for ownerless ones an admin deleted. */
  @prop({ type: () => Types.ObjectId, default: null })
  userId!: Types.ObjectId | null;

  /** Who deleted them. */
  @prop({ type: () => Types.ObjectId, required: true })
  actorId!: Types.ObjectId;

  @prop({ enum: TrashKind, type: String, required: true })
  kind!: TrashKind;

  /** For a single deletion: the document the caller chose (the rest is its cascade). */
  @prop()
  rootCollection?: string;

  @prop({ type: () => Types.ObjectId })
  rootId?: Types.ObjectId;

  /** A one-line description of the root document, for the trash list. */
  @prop({ default: '' })
  preview!: string;

  @prop({ type: () => [TrashCount], _id: false, default: [] })
  counts!: TrashCount[];

  @prop({ required: true })
  deletedAt!: Date;

  @prop({ required: true })
  expiresAt!: Date;
}

/** One deleted document, as canonical Extended JSON so every BSON type survives. */
@modelOptions({ schemaOptions: { collection: 'dbmstrashitems', timestamps: false } })
@index({ batchId: 1 })
@index({ expiresAt: 1 })
export class TrashItem {
  readonly _id!: Types.ObjectId;

  @prop({ type: () => Types.ObjectId, required: true })
  batchId!: Types.ObjectId;

  /** The document's owner: a non-admin restores only documents that are theirs. */
  @prop({ type: () => Types.ObjectId, default: null })
  userId!: Types.ObjectId | null;

  @prop({ required: true })
  collectionName!: string;

  /** EJSON.stringify(document, { relaxed: false }); never sent to clients (unredacted). */
  @prop({ required: true })
  document!: string;

  @prop({ required: true })
  expiresAt!: Date;
}

export const TrashBatchModel = getModelForClass(TrashBatch);
export const TrashItemModel = getModelForClass(TrashItem);
