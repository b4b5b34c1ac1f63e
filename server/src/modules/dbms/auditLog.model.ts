import { getModelForClass, index, modelOptions, prop, Severity } from '@typegoose/typegoose';
import { Types } from 'mongoose';

export enum AuditAction {
  DELETE = 'DELETE',
  RESTORE = 'RESTORE',
  CLEAR_ALL = 'CLEAR_ALL',
  IMPORT = 'IMPORT',
  EXPORT = 'EXPORT',
}

/** One database-manager action: who did what to whose data, when, and to how many documents. */
@modelOptions({
  schemaOptions: { collection: 'auditlogs', timestamps: { createdAt: true, updatedAt: false } },
  options: { allowMixed: Severity.ALLOW },
})
@index({ userId: 1, createdAt: -1 })
@index({ actorId: 1, createdAt: -1 })
export class AuditLog {
  readonly _id!: Types.ObjectId;

  /** Who did it. */
  @prop({ type: () => Types.ObjectId, required: true })
  actorId!: Types.ObjectId;

  /** Whose data it touched (the actor's own unless an admin named someone). */
  @prop({ type: () => Types.ObjectId, default: null })
  userId!: Types.ObjectId | null;

  @prop({ enum: AuditAction, type: String, required: true })
  action!: AuditAction;

  /** The collections involved, e.g. ["chats", "messages"] for a chat and its cascade. */
  @prop({ type: () => [String], default: [] })
  collections!: string[];

  @prop({ required: true, min: 0 })
  count!: number;

  /** Action-specific facts: document ids, trash id, import report figures, format. */
  @prop({ type: () => Object, default: () => ({}) })
  details!: Record<string, unknown>;

  readonly createdAt!: Date;
}

export const AuditLogModel = getModelForClass(AuditLog);
