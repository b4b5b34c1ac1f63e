import type { Types } from 'mongoose';
import { derivedId } from '../../db/derivedId';
import { createOne } from '../../db/mergedWrites';
import { isDuplicateKey } from '../../db/writeErrors';
import type { MessageKind, MessagePart } from '../../platforms/inbound';
import type { Platform } from '../../platforms/platform';
import {
  ChatMode,
  ChatModel,
  ChatStatus,
  RECENT_MESSAGES,
  type Chat,
  type ChatReferral,
} from './chat.model';
import { ChatAliasModel } from './chatAlias.model';
import { change } from './chatChange';
import { HandbackTimerModel } from './handbackTimer.model';
import { fileMessage } from './messagePages';
import {
  DeliveryStatus,
  MessageModel,
  Sender,
  type Message,
  type MessageType,
} from './message.model';

/*
 * The writers of chats and messages: every change to a conversation's state goes through
 * here, aiReplies.ts (the AI's result with its reply) or threadChanges.ts (reactions,
 * edits, handover, outside replies), all through chatChange.ts, so its rules live in one
 * place.
 */

export interface ChatKey {
  userId: Types.ObjectId;
  platform: Platform;
  customerId: string;
}

export interface ChatStart {
  campaignId?: Types.ObjectId;
  customerName?: string;
  customerPhone?: string;
  referral?: ChatReferral;
  startedAt: Date;
  isTest: boolean;
}

/**
 * The chat of one customer has an `_id` derived from (owner, platform, customer), so the
 * webhook path finds it with one `_id` read (db/derivedId.ts). Chats made before that
 * have other ids: the unique key still lets exactly one exist, and the first lookup that
 * finds such a chat by its key leaves an alias under the derived id for the next ones.
 */
export const chatIdOf = (key: ChatKey) =>
  derivedId('chat', key.userId, key.platform, key.customerId);

/** The chat of this customer, started now if there is none; `created` when this call did. */
export async function findOrStartChat(
  key: ChatKey,
  start: () => Promise<ChatStart>,
  /** Other ids of the same customer (a WhatsApp phone beside its user id). */
  aliases: string[] = [],
): Promise<{ chat: Chat; created: boolean }> {
  const _id = chatIdOf(key);
  const existing = (await ChatModel.findById(_id).lean()) ?? (await aliasedChat(_id));
  if (existing) return { chat: existing, created: false };
  for (const customerId of aliases) {
    const known = chatIdOf({ ...key, customerId });
    const chat = (await ChatModel.findById(known).lean()) ?? (await aliasedChat(known));
    if (chat) {
      // Found under the other id: this one leads there from now on.
      await ChatAliasModel.updateOne({ _id }, { $set: { chatId: chat._id } }, { upsert: true });
      return { chat, created: false };
    }
  }
  try {
    return {
      chat: (
        await ChatModel.create({ _id, ...key, ...(await start()), pagedMessages: true })
      ).toObject(),
      created: true,
    };
  } catch (error) {
    // A concurrent first message created it (the `_id` let exactly one through), or the
    // customer's chat is older than derived ids (the unique key refused a second one).
    if (!isDuplicateKey(error)) throw error;
    const chat = (await ChatModel.findById(_id).lean()) ?? (await olderChat(_id, key));
    if (!chat) throw error;
    return { chat, created: false };
  }
}

/** The chat of this customer, if there is one (by its derived id or an alias). */
export async function findChat(key: ChatKey): Promise<Chat | null> {
  const _id = chatIdOf(key);
  return (await ChatModel.findById(_id).lean()) ?? (await aliasedChat(_id));
}

async function aliasedChat(_id: Types.ObjectId): Promise<Chat | null> {
  const alias = await ChatAliasModel.findById(_id).lean();
  return alias ? ChatModel.findById(alias.chatId).lean() : null;
}

/** The one read by key, once per older chat: it leaves the alias behind. */
async function olderChat(_id: Types.ObjectId, key: ChatKey): Promise<Chat | null> {
  const chat = await ChatModel.findOne(key).lean();
  if (chat) {
    await ChatAliasModel.updateOne({ _id }, { $set: { chatId: chat._id } }, { upsert: true });
  }
  return chat;
}

/** A chat that began without a campaign takes the one it is now tested with (simulator). */
export async function assignCampaign(chat: Chat, campaignId: Types.ObjectId): Promise<Chat> {
  await ChatModel.updateOne({ _id: chat._id }, { $set: { campaignId } });
  return { ...chat, campaignId };
}

export interface CustomerMessage {
  platformMessageId: string;
  content: string;
  messageType: MessageType;
  kind?: MessageKind;
  parts?: (MessagePart & { total?: number; currency?: string })[];
  metadata?: Record<string, unknown>;
  createdAt: Date;
  customerName?: string;
  customerPhone?: string;
  referral?: ChatReferral;
}

/**
 * Stores a customer's message and adds it to its chat, once: a duplicate (Meta's retry)
 * finds it stored and added; a retry after a crash between the two finishes the job.
 * Resolves to the chat as it is now, and whether this call added the message.
 */
export async function addCustomerMessage(
  chat: Chat,
  incoming: CustomerMessage,
): Promise<{ chat: Chat; message: Message; isNew: boolean }> {
  const { message, stored } = await storeCustomerMessage(chat, incoming);
  if (!stored) {
    const current = (await ChatModel.findById(chat._id).lean()) ?? chat;
    if (appended(current, message)) return { chat: current, message, isNew: false };
  }
  // Freshly stored: the chat as the caller just read it is current, since one chat's
  // messages are handled one at a time. A retry reads it again (above and here).
  const current = stored ? chat : ((await ChatModel.findById(chat._id).lean()) ?? chat);
  const newest = (date?: Date) => (date && date > message.createdAt ? date : message.createdAt);
  const set: Record<string, unknown> = {
    // FerretDB ignores `$slice` in `$push`: the window is cut here. A read-modify-write,
    // safe because one chat's messages are handled one at a time.
    recent: [...current.recent, recentOf(message)]
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .slice(-RECENT_MESSAGES),
    lastMessageAt: newest(current.lastMessageAt),
    lastCustomerMessageAt: newest(current.lastCustomerMessageAt),
    silenceNoted: false,
  };
  if (incoming.customerName && !current.customerName) set.customerName = incoming.customerName;
  if (incoming.customerPhone && incoming.customerPhone !== current.customerPhone) {
    set.customerPhone = incoming.customerPhone;
  }
  if (incoming.referral && !current.referral) set.referral = incoming.referral;
  await fileMessage(current, message);
  return {
    chat: await change(chat, { $set: set, $inc: { messageCount: 1 } }),
    message,
    isNew: true,
  };
}

async function storeCustomerMessage(chat: Chat, incoming: CustomerMessage) {
  const _id = derivedId('message', chat.platform, incoming.platformMessageId);
  try {
    const message = await createOne(MessageModel, {
      _id,
      chatId: chat._id,
      userId: chat.userId,
      platform: chat.platform,
      sender: Sender.CUSTOMER,
      content: incoming.content,
      messageType: incoming.messageType,
      kind: incoming.kind,
      parts: incoming.parts,
      metadata: incoming.metadata,
      platformMessageId: incoming.platformMessageId,
      createdAt: incoming.createdAt,
    });
    return { message, stored: true };
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    // By its derived id, or by the unique key for messages stored before derived ids.
    const existing =
      (await MessageModel.findById(_id).lean()) ??
      (await MessageModel.findOne({
        platform: chat.platform,
        platformMessageId: incoming.platformMessageId,
      }).lean());
    if (!existing) throw error;
    return { message: existing, stored: false };
  }
}

/** Whether the chat already counts this customer message (its window or its time). */
const appended = (chat: Chat, message: Message): boolean =>
  chat.recent.some((entry) => entry.messageId.equals(message._id)) ||
  (chat.lastCustomerMessageAt !== undefined && chat.lastCustomerMessageAt >= message.createdAt);

/**
 * One of our messages (the AI's or a person's), stored under the id given and added to the
 * chat, once: a second attempt with the same id (a retry after a crash) finds the first.
 */
export async function addOurMessage(
  chat: Chat,
  outgoing: { _id?: Types.ObjectId; sender: Sender.AI | Sender.BUSINESS; content: string },
): Promise<{ chat: Chat; message: Message }> {
  let message: Message;
  try {
    message = await createOne(MessageModel, {
      ...(outgoing._id ? { _id: outgoing._id } : {}),
      chatId: chat._id,
      userId: chat.userId,
      platform: chat.platform,
      sender: outgoing.sender,
      content: outgoing.content,
      delivery: { status: DeliveryStatus.PENDING, updatedAt: new Date() },
      createdAt: new Date(),
    });
  } catch (error) {
    if (!isDuplicateKey(error) || !outgoing._id) throw error;
    message = (await MessageModel.findById(outgoing._id).lean())!;
  }
  return { chat: await attach(chat, message), message };
}

/** Adds one of our messages to the chat's window and count, unless it is there already. */
export async function attach(chat: Chat, message: Message): Promise<Chat> {
  if (chat.recent.some((entry) => entry.messageId.equals(message._id))) return chat;
  await fileMessage(chat, message);
  const updated = await ChatModel.findOneAndUpdate(
    { _id: chat._id },
    {
      $set: {
        recent: [...chat.recent, recentOf(message)].slice(-RECENT_MESSAGES),
        lastMessageAt: message.createdAt,
      },
      $inc: { messageCount: 1 },
    },
    { returnDocument: 'after' },
  ).lean();
  return updated ?? chat;
}

export const recentOf = (message: Message) => ({
  messageId: message._id,
  sender: message.sender,
  content: message.content,
  messageType: message.messageType,
  createdAt: message.createdAt,
});

/** The out-of-hours message went out today: it is not sent again before tomorrow. */
export async function noteAwayMessage(chat: Chat, day: string): Promise<void> {
  await ChatModel.updateOne({ _id: chat._id }, { $set: { awayMessageDay: day } });
}

/** The owner set the status; a first "converted" records the sale's time. */
export function setStatus(chat: Chat, status: ChatStatus): Promise<Chat> {
  const set: Record<string, unknown> = { status };
  if (status === ChatStatus.CONVERTED && !chat.conversion.converted) {
    Object.assign(set, { 'conversion.converted': true, 'conversion.convertedAt': new Date() });
  }
  return change(chat, { $set: set });
}

/** A person takes the chat until `handbackAt`; their reply, if any, clears the attention flag. */
export function takeOver(
  chat: Chat,
  handbackAt: Date,
  options: { replied: boolean },
): Promise<Chat> {
  return change(chat, {
    $set: {
      mode: ChatMode.HUMAN,
      handbackAt,
      ...(options.replied ? { needsAttention: false } : {}),
    },
    ...(options.replied ? { $unset: { attentionReason: '' } } : {}),
  });
}

/** The AI answers again: at the owner's word, nothing is left for a person to look at. */
export function giveBackToAi(chat: Chat): Promise<Chat> {
  return change(chat, {
    $set: { mode: ChatMode.AI, needsAttention: false },
    $unset: { handbackAt: '', attentionReason: '' },
  });
}

/**
 * Returns a human-handled chat to the AI once its hand-back time has passed. Conditional,
 * so the sweep and an incoming message cannot both do it. Resolves to the chat as it is.
 */
export async function handBackIfDue(
  chat: Chat,
  now = new Date(),
): Promise<{ chat: Chat; handedBack: boolean }> {
  if (chat.mode !== ChatMode.HUMAN || !chat.handbackAt || chat.handbackAt > now) {
    return { chat, handedBack: false };
  }
  const updated = await ChatModel.findOneAndUpdate(
    { _id: chat._id, mode: ChatMode.HUMAN, handbackAt: { $lte: now } },
    { $set: { mode: ChatMode.AI }, $unset: { handbackAt: '' } },
    { returnDocument: 'after' },
  ).lean();
  if (!updated) return { chat, handedBack: false };
  await HandbackTimerModel.deleteOne({ _id: chat._id });
  return { chat: updated, handedBack: true };
}

const openChatsOf = (userId: Types.ObjectId, campaignId: Types.ObjectId) => ({
  userId,
  campaignId,
  status: { $ne: ChatStatus.ARCHIVED },
});

/** The chats of a campaign that are not archived. */
export const countOpenChatsOfCampaign = (userId: Types.ObjectId, campaignId: Types.ObjectId) =>
  ChatModel.countDocuments(openChatsOf(userId, campaignId));

/** A campaign deleted with `force`: its chats are archived, not lost. */
export async function archiveChatsOfCampaign(
  userId: Types.ObjectId,
  campaignId: Types.ObjectId,
): Promise<void> {
  await ChatModel.updateMany(openChatsOf(userId, campaignId), {
    $set: { status: ChatStatus.ARCHIVED },
  });
}
