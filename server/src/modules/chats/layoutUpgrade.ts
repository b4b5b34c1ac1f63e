import type { Types } from 'mongoose';
import { runOnce } from '../../db/migrations';
import type { Logger } from '../../logger';
import { ChatModel } from './chat.model';
import { ChatAliasModel } from './chatAlias.model';
import { MessageModel } from './message.model';
import { MESSAGE_PAGE_SIZE, MessagePageModel, messagePageId } from './messagePage.model';
import { chatIdOf } from './timeline';

/**
 * A database from before message pages and derived chat ids gets both, once, before the
 * worker starts (so no message arrives meanwhile): each chat's messages filed in pages
 * (its count set to what it holds, which is where new ones are filed), and an alias for
 * each chat whose id is not derived from its customer. One read of `messages` and one of
 * `chats`, then writes by `_id`: about a minute for a year of a busy shop, the first time.
 */
export async function upgradeChatLayout(logger: Logger): Promise<void> {
  await runOnce('chatlayout', async () => {
    const chats = await ChatModel.find(
      { pagedMessages: { $ne: true } },
      { userId: 1, platform: 1, customerId: 1 },
    ).lean();
    if (chats.length === 0) return;
    const started = Date.now();
    logger.info({ chats: chats.length }, 'filing older chats in message pages (once)');
    const wanted = new Set(chats.map((chat) => String(chat._id)));
    const byChat = new Map<string, { _id: Types.ObjectId; createdAt: Date }[]>();
    for (const message of await MessageModel.find({}, { chatId: 1, createdAt: 1 }).lean()) {
      const key = String(message.chatId);
      if (!wanted.has(key)) continue;
      const list = byChat.get(key) ?? [];
      list.push({ _id: message._id, createdAt: message.createdAt });
      byChat.set(key, list);
    }
    for (const chat of chats) {
      const items = (byChat.get(String(chat._id)) ?? []).sort(
        (a, b) =>
          a.createdAt.getTime() - b.createdAt.getTime() ||
          String(a._id).localeCompare(String(b._id)),
      );
      for (let n = 0; n * MESSAGE_PAGE_SIZE < items.length; n++) {
        const page = items.slice(n * MESSAGE_PAGE_SIZE, (n + 1) * MESSAGE_PAGE_SIZE);
        await MessagePageModel.updateOne(
          { _id: messagePageId(chat._id, n) },
          {
            $set: { chatId: chat._id, n, items: page.map((m) => ({ m: m._id, at: m.createdAt })) },
          },
          { upsert: true },
        );
      }
      const derived = chatIdOf(chat);
      if (!derived.equals(chat._id)) {
        await ChatAliasModel.updateOne(
          { _id: derived },
          { $set: { chatId: chat._id } },
          { upsert: true },
        );
      }
      await ChatModel.updateOne(
        { _id: chat._id },
        { $set: { pagedMessages: true, messageCount: items.length } },
      );
    }
    logger.info({ chats: chats.length, ms: Date.now() - started }, 'older chats filed');
  });
}
