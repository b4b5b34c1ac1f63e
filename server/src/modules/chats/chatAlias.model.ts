import { getModelForClass, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';

/**
 * A chat made before chat ids were derived from the customer (see chatIdOf in
 * timeline.ts), reachable under its derived id: the webhook path stays one `_id` read.
 */
@modelOptions({ schemaOptions: { collection: 'chataliases', versionKey: false } })
export class ChatAlias {
  /** The derived id. */
  readonly _id!: Types.ObjectId;

  @prop({ type: () => Types.ObjectId, required: true })
  chatId!: Types.ObjectId;
}

export const ChatAliasModel = getModelForClass(ChatAlias);
