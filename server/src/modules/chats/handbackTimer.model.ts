import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import type { Types } from 'mongoose';

/**
 * When a chat a person took goes back to the AI: one document per chat in human hands,
 * under the chat's `_id`, kept by timeline.ts. The hand-back sweep reads these few
 * instead of every chat (on FerretDB's SQLite backend a filter on chats reads them all).
 */
@modelOptions({ schemaOptions: { collection: 'handbacktimers', versionKey: false } })
@index({ at: 1 })
export class HandbackTimer {
  /** The chat's `_id`. */
  readonly _id!: Types.ObjectId;

  @prop({ required: true })
  at!: Date;
}

export const HandbackTimerModel = getModelForClass(HandbackTimer);
