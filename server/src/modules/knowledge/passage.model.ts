import { getModelForClass, index, modelOptions, plugin, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { forgetOnWrite } from '../../db/embeddedReadCache';
import { trainedPassages } from './passageCache';
import { Field, ObjectType } from 'type-graphql';

/**
 * One retrievable piece of a business's knowledge base. Training writes a new version
 * of all passages, then points the user at it, then deletes the old ones: readers never
 * see a half-written set, without needing a transaction.
 */
@ObjectType()
@modelOptions({
  schemaOptions: {
    collection: 'knowledgepassages',
    timestamps: { createdAt: true, updatedAt: false },
  },
})
@index({ userId: 1, version: 1, order: 1 })
@plugin(forgetOnWrite, { caches: [trainedPassages] })
export class KnowledgePassage {
  readonly _id!: Types.ObjectId;

  @prop({ type: () => Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @prop({ required: true })
  version!: string;

  @prop({ required: true })
  order!: number;

  @Field({ description: 'Where the text came from: business, document: <name>, or notes' })
  @prop({ required: true })
  source!: string;

  @Field()
  @prop({ required: true })
  text!: string;

  /** Tokens of `text` (see passages.ts), kept so ranking needs no re-tokenizing. */
  @prop({ type: () => [String], required: true })
  terms!: string[];
}

export const KnowledgePassageModel = getModelForClass(KnowledgePassage);
