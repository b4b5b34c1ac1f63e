import { getModelForClass, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { derivedId } from '../../db/derivedId';

/** Messages per page. */
export const MESSAGE_PAGE_SIZE = 50;

export class PagedMessage {
  @prop({ type: () => Types.ObjectId, required: true })
  m!: Types.ObjectId;

  @prop({ required: true })
  at!: Date;
}

/**
 * A chat's messages in order, fifty ids to a page under an `_id` derived from (chat, page
 * number), kept by timeline.ts as each message is added. The conversation view reads the
 * newest pages and then the messages by `_id`, instead of a `{ chatId }` query sorted by
 * time, which FerretDB's SQLite backend answers by reading every message of every chat.
 */
@modelOptions({ schemaOptions: { collection: 'messagepages', versionKey: false } })
export class MessagePage {
  readonly _id!: Types.ObjectId;

  @prop({ type: () => Types.ObjectId, required: true })
  chatId!: Types.ObjectId;

  @prop({ required: true })
  n!: number;

  @prop({ type: () => [PagedMessage], _id: false, default: [] })
  items!: PagedMessage[];
}

export const MessagePageModel = getModelForClass(MessagePage);

export const messagePageId = (chatId: Types.ObjectId, n: number) =>
  derivedId('messagepage', chatId, String(n));
