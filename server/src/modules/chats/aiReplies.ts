import type { Types } from 'mongoose';
import { isDuplicateKey } from '../../db/writeErrors';
import {
  ChatMode,
  ChatStatus,
  LEAD_SCORE_REASONS,
  RECENT_MESSAGES,
  type AIContext,
  type Chat,
  type SaleItem,
} from './chat.model';
import { change } from './chatChange';
import { fileMessage } from './messagePages';
import { DeliveryStatus, MessageModel, Sender, type Message } from './message.model';
import { addOurMessage, recentOf } from './timeline';

/*
 * The AI's side of a conversation: what the responder concluded, written on the chat
 * together with its reply (timeline.ts holds the rest of the conversation's writers).
 */

/** What the responder concluded about a conversation (ai/responder.ts gives it). */
export interface AiResult {
  aiContext: AIContext;
  leadScore: number;
  scoreReasons: { signal: string; delta: number }[];
  status?: ChatStatus | null;
  conversion?: {
    orderValue?: number | null;
    orderDetails?: string | null;
    currency?: string;
    items?: SaleItem[];
    discount?: number;
    shipping?: number;
    coupon?: string;
  } | null;
  handoff?: { reason: string } | null;
  /** Something the owner should look at, while the AI keeps the chat (an unanswered question). */
  attention?: string;
}

const statusRank: Record<ChatStatus, number> = {
  [ChatStatus.ACTIVE]: 0,
  [ChatStatus.QUALIFIED]: 1,
  [ChatStatus.CONVERTED]: 2,
  [ChatStatus.CLOSED]: 3,
  [ChatStatus.ARCHIVED]: 4,
};

/**
 * The AI's reply and what the responder concluded, in one chat update: the result (see
 * aiResultOf), the reply in the window, the count. The message itself is stored after
 * that, under its reserved id; a retry after a crash between the two finds the chat
 * counting a reply it cannot find, and stores it from the window (`storeCountedReply`),
 * so a result is never applied twice nor the responder asked again.
 */
export async function addAiReply(
  chat: Chat,
  result: AiResult,
  handbackAt: Date,
  reply: { _id: Types.ObjectId; content: string },
): Promise<{ chat: Chat; message: Message }> {
  const document = new MessageModel({
    _id: reply._id,
    chatId: chat._id,
    userId: chat.userId,
    platform: chat.platform,
    sender: Sender.AI,
    content: reply.content,
    delivery: { status: DeliveryStatus.PENDING, updatedAt: new Date() },
    createdAt: new Date(),
  });
  const message = document.toObject() as Message;
  await fileMessage(chat, message);
  const updated = await change(chat, {
    $set: {
      ...aiResultOf(chat, result, handbackAt),
      recent: [...chat.recent, recentOf(message)].slice(-RECENT_MESSAGES),
      lastMessageAt: message.createdAt,
    },
    $inc: { messageCount: 1 },
  });
  try {
    await document.save();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
  return { chat: updated, message };
}

/** A reply the chat counts but that was never stored (the crash addAiReply describes). */
export async function storeCountedReply(
  chat: Chat,
  replyId: Types.ObjectId,
): Promise<Message | undefined> {
  const entry = chat.recent.find((item) => item.messageId.equals(replyId));
  if (!entry) return undefined;
  const { message } = await addOurMessage(chat, {
    _id: replyId,
    sender: Sender.AI,
    content: entry.content,
  });
  return message;
}

/**
 * The responder's result on the chat: context, score (with its reasons), a status that
 * only moves forward, a sale, a hand-off to a person (until `handbackAt`).
 */
function aiResultOf(chat: Chat, result: AiResult, handbackAt: Date): Record<string, unknown> {
  const now = new Date();
  const set: Record<string, unknown> = {
    aiContext: result.aiContext,
    leadScore: Math.max(0, Math.min(100, Math.round(result.leadScore))),
    leadScoreReasons: [
      ...chat.leadScoreReasons,
      ...result.scoreReasons
        .filter((reason) => reason.delta !== 0)
        .map((reason) => ({ ...reason, at: now })),
    ].slice(-LEAD_SCORE_REASONS),
  };
  // Conversations only move forward; a closed or archived chat keeps its status.
  if (
    result.status &&
    statusRank[result.status] > statusRank[chat.status] &&
    statusRank[chat.status] < 2
  ) {
    set.status = result.status;
  }
  if (result.conversion && !chat.conversion.converted) {
    set.status = ChatStatus.CONVERTED;
    set.conversion = {
      converted: true,
      convertedAt: now,
      orderValue: result.conversion.orderValue,
      orderDetails: result.conversion.orderDetails,
      ...(result.conversion.currency ? { currency: result.conversion.currency } : {}),
      items: result.conversion.items ?? [],
      ...(result.conversion.discount ? { discount: result.conversion.discount } : {}),
      ...(result.conversion.shipping !== undefined ? { shipping: result.conversion.shipping } : {}),
      ...(result.conversion.coupon ? { coupon: result.conversion.coupon } : {}),
    };
  }
  if (result.attention && !result.handoff) {
    Object.assign(set, { needsAttention: true, attentionReason: result.attention });
  }
  if (result.handoff) {
    Object.assign(set, {
      mode: ChatMode.HUMAN,
      handbackAt,
      needsAttention: true,
      attentionReason: result.handoff.reason,
    });
  }
  return set;
}
