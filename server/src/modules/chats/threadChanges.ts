import type { Types } from 'mongoose';
import { derivedId } from '../../db/derivedId';
import { isDuplicateKey } from '../../db/writeErrors';
import { ChatMode, RECENT_MESSAGES, type Chat, type ChatReferral } from './chat.model';
import { ChatAliasModel } from './chatAlias.model';
import { change } from './chatChange';
import { fileMessage, newestMessages } from './messagePages';
import { MessageModel, Sender, type Message } from './message.model';
import { chatIdOf, recentOf, type ChatKey } from './timeline';

/*
 * What the customer (or someone else on the thread) does besides writing a new message:
 * reactions, edits, unsends, a person replying from outside Salesdesk, the thread changing
 * hands. Each changes stored messages or the chat; none adds a customer message.
 */

/** How far back a reaction or edit is looked for among our own messages. */
const RECENT_LOOKUP = 50;

/**
 * The message a platform id names in this chat: a customer message by its derived `_id`;
 * one of ours (whose id Meta gave only at sending) among the chat's newest messages, all
 * `_id` reads, never a scan of the messages collection.
 */
export async function messageByPlatformId(
  chat: Chat,
  platformMessageId: string,
): Promise<Message | null> {
  const byId = await MessageModel.findById(
    derivedId('message', chat.platform, platformMessageId),
  ).lean();
  if (byId) return byId.chatId.equals(chat._id) ? byId : null;
  const recent = await newestMessages(chat, undefined, RECENT_LOOKUP);
  return recent.find((message) => message.platformMessageId === platformMessageId) ?? null;
}

/** The customer's reaction (or its removal) on a message. */
export async function setReaction(
  message: Message,
  emoji: string | undefined,
  at: Date,
): Promise<Message> {
  const update = emoji ? { $set: { reaction: { emoji, at } } } : { $unset: { reaction: '' } };
  return (await MessageModel.findOneAndUpdate({ _id: message._id }, update, {
    returnDocument: 'after',
  }).lean())!;
}

/** An edit: the new text, the old one kept, and the AI's window showing the new one. */
export async function editMessage(
  chat: Chat,
  message: Message,
  content: string,
  at: Date,
): Promise<{ chat: Chat; message: Message }> {
  const edited = (await MessageModel.findOneAndUpdate(
    { _id: message._id },
    { $set: { content }, $push: { edits: { previousContent: message.content, at } } },
    { returnDocument: 'after' },
  ).lean())!;
  const recent = chat.recent.map((entry) =>
    entry.messageId.equals(message._id) ? { ...entry, content } : entry,
  );
  return { chat: await change(chat, { $set: { recent } }), message: edited };
}

/** Unsent by the customer: marked for the owner, gone from the AI's window. */
export async function unsendMessage(
  chat: Chat,
  message: Message,
  at: Date,
): Promise<{ chat: Chat; message: Message }> {
  const deleted = (await MessageModel.findOneAndUpdate(
    { _id: message._id },
    { $set: { deletedAt: at } },
    { returnDocument: 'after' },
  ).lean())!;
  const recent = chat.recent.filter((entry) => !entry.messageId.equals(message._id));
  return { chat: await change(chat, { $set: { recent } }), message: deleted };
}

/**
 * A person wrote to the customer from outside Salesdesk (the Page inbox, Business Suite,
 * the WhatsApp Business app): stored as the business's message, once, and the chat goes
 * to a person until `handbackAt`, as when the owner replies in the inbox.
 */
export async function addOutsideReply(
  chat: Chat,
  reply: { platformMessageId: string; content: string; at: Date },
  handbackAt: Date,
): Promise<{ chat: Chat; message: Message; isNew: boolean }> {
  const _id = derivedId('message', chat.platform, reply.platformMessageId);
  try {
    const document = new MessageModel({
      _id,
      chatId: chat._id,
      userId: chat.userId,
      platform: chat.platform,
      sender: Sender.BUSINESS,
      content: reply.content,
      platformMessageId: reply.platformMessageId,
      fromOutside: true,
      createdAt: reply.at,
    });
    const message = document.toObject() as Message;
    await fileMessage(chat, message);
    await document.save();
    const updated = await change(chat, {
      $set: {
        recent: [...chat.recent, recentOf(message)].slice(-RECENT_MESSAGES),
        lastMessageAt:
          chat.lastMessageAt && chat.lastMessageAt > reply.at ? chat.lastMessageAt : reply.at,
        mode: ChatMode.HUMAN,
        handbackAt,
        needsAttention: false,
      },
      $unset: { attentionReason: '' },
      $inc: { messageCount: 1 },
    });
    return { chat: updated, message, isNew: true };
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    return { chat, message: (await MessageModel.findById(_id).lean())!, isNew: false };
  }
}

/**
 * Messenger's handover protocol: the thread passed to Salesdesk (the AI answers again),
 * or taken by another app (a person there answers; no hand-back timer runs, since only
 * that app can give the thread back).
 */
export function setThreadOwner(chat: Chat, toSalesdesk: boolean): Promise<Chat> {
  return toSalesdesk
    ? change(chat, { $set: { mode: ChatMode.AI }, $unset: { handbackAt: '' } })
    : change(chat, { $set: { mode: ChatMode.HUMAN }, $unset: { handbackAt: '' } });
}

/** The ad or link a customer came through, kept when the chat has none yet. */
export async function keepReferral(chat: Chat, referral: ChatReferral | undefined): Promise<Chat> {
  if (!referral || chat.referral) return chat;
  return change(chat, { $set: { referral } });
}

/** Another id of the same customer (a new WhatsApp number) leads to their one chat. */
export async function aliasCustomer(chat: Chat, key: ChatKey): Promise<void> {
  const _id: Types.ObjectId = chatIdOf(key);
  if (_id.equals(chat._id)) return;
  await ChatAliasModel.updateOne({ _id }, { $set: { chatId: chat._id } }, { upsert: true });
}

/** Something in the chat needs a person: the inbox shows the flag and why. */
export function flagAttention(chat: Chat, reason: string): Promise<Chat> {
  return change(chat, { $set: { needsAttention: true, attentionReason: reason } });
}
