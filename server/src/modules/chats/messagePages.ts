import { Types } from 'mongoose';
import { fetchByIds } from '../../db/fetchByIds';
import { ChatModel, type Chat } from './chat.model';
import { MessageModel, type Message } from './message.model';
import {
  MESSAGE_PAGE_SIZE,
  MessagePageModel,
  messagePageId,
  type PagedMessage,
} from './messagePage.model';

/**
 * Files a message in its chat's pages (messagePage.model.ts), before the chat counts it:
 * its place is the chat's count then. `$addToSet` makes a retry after a crash harmless;
 * a count read a moment stale puts it a page early, which reading tolerates (see below).
 */
export async function fileMessage(chat: Chat, message: Message): Promise<void> {
  if (!chat.pagedMessages) return;
  const n = Math.floor(chat.messageCount / MESSAGE_PAGE_SIZE);
  await MessagePageModel.updateOne(
    { _id: messagePageId(chat._id, n) },
    {
      $setOnInsert: { chatId: chat._id, n },
      $addToSet: { items: { m: message._id, at: message.createdAt } },
    },
    { upsert: true },
  );
}

/**
 * The `limit + 1` newest messages older than `before`, newest first. Chats from before
 * pages existed are read with the query; paged ones from their newest pages down, one page
 * more than needed, so a message filed a page early is still found in order.
 */
export async function newestMessages(
  chat: Chat,
  before: Date | undefined,
  limit: number,
): Promise<Message[]> {
  if (!chat.pagedMessages) {
    return MessageModel.find({
      chatId: chat._id,
      ...(before ? { createdAt: { $lt: before } } : {}),
    })
      .sort({ createdAt: -1, _id: -1 })
      .limit(limit + 1)
      .lean();
  }
  const found: PagedMessage[] = [];
  let spare = 1;
  for (let n = Math.floor(chat.messageCount / MESSAGE_PAGE_SIZE); n >= 0; n--) {
    const page = await MessagePageModel.findById(messagePageId(chat._id, n)).lean();
    for (const item of page?.items ?? []) if (!before || item.at < before) found.push(item);
    if (found.length > limit && spare-- <= 0) break;
  }
  const ids = found
    .sort(
      newestFirst(
        (item) => item.at,
        (item) => item.m,
      ),
    )
    .slice(0, limit + 1)
    .map((item) => item.m);
  const messages = await fetchByIds<Message>(MessageModel.collection, ids);
  return messages.sort(
    newestFirst(
      (message) => message.createdAt,
      (message) => message._id,
    ),
  );
}

const newestFirst =
  <T>(at: (item: T) => Date, id: (item: T) => Types.ObjectId) =>
  (a: T, b: T) =>
    at(b).getTime() - at(a).getTime() || String(id(b)).localeCompare(String(id(a)));

/**
 * Messages written around the timeline (the database manager's restore and import) are
 * filed in their chats' newest page: reading starts there, so an older message filed
 * above its place is still found and put in order.
 */
export async function messagesWrittenRaw(documents: readonly object[]): Promise<void> {
  const byChat = new Map<string, PagedMessage[]>();
  for (const document of documents as { _id?: unknown; chatId?: unknown; createdAt?: unknown }[]) {
    if (!document.chatId || !document._id || !(document.createdAt instanceof Date)) continue;
    const key = String(document.chatId);
    byChat.set(key, [
      ...(byChat.get(key) ?? []),
      { m: document._id as Types.ObjectId, at: document.createdAt },
    ]);
  }
  for (const [id, items] of byChat) {
    const chat = await ChatModel.findById(new Types.ObjectId(id)).lean();
    if (!chat?.pagedMessages) continue;
    const n = Math.floor(chat.messageCount / MESSAGE_PAGE_SIZE);
    await MessagePageModel.updateOne(
      { _id: messagePageId(chat._id, n) },
      { $setOnInsert: { chatId: chat._id, n }, $addToSet: { items: { $each: items } } },
      { upsert: true },
    );
  }
}
