import type { Types } from 'mongoose';
import type { Responder, ResponderInput, ResponderOutput } from '../ai/responder';
import { CampaignModel, type Campaign } from '../modules/campaigns/campaign.model';
import {
  ChatMode,
  ChatModel,
  ChatStatus,
  LEAD_SCORE_REASONS,
  RECENT_MESSAGES,
  type Chat,
} from '../modules/chats/chat.model';
import { DeliveryStatus, MessageModel, Sender, type Message } from '../modules/chats/message.model';
import { businessMoment } from '../modules/analytics/businessDay';
import { handBackIfDue, handbackAt } from '../modules/chats/handback';
import { isWithinBusinessHours } from '../modules/integrations/businessHours';
import type { KnowledgeService } from '../modules/knowledge/knowledge.service';
import { UserModel } from '../modules/users/user.model';
import type { Ingested } from './ingest.service';
import { recentOf } from './ingest.service';
import { isDuplicateKey } from '../db/writeErrors';

export const AWAY_MESSAGE =
  "Thanks for your message! We're closed right now and will get back to you as soon as we open.";

/** What the AI decided for one customer message: a reply to send, or why there is none. */
export type Decision =
  | { kind: 'reply'; message: Message; chat: Chat; output?: ResponderOutput; previous: Chat }
  | { kind: 'silent'; reason: string; chat: Chat };

const statusRank: Record<ChatStatus, number> = {
  [ChatStatus.ACTIVE]: 0,
  [ChatStatus.QUALIFIED]: 1,
  [ChatStatus.CONVERTED]: 2,
  [ChatStatus.CLOSED]: 3,
  [ChatStatus.ARCHIVED]: 4,
};

/** Decides whether and what to answer, asks the Responder, and writes the chat's new state. */
export class ReplyService {
  constructor(
    private readonly responder: Responder,
    private readonly knowledge: KnowledgeService,
    private readonly defaultHandbackMinutes: number,
  ) {}

  async decide(ingested: Ingested, replyId: Types.ObjectId): Promise<Decision> {
    const { integration } = ingested;
    // Hand-back time passed without a business message: the AI answers this one.
    const { chat } = await handBackIfDue(ingested.chat);
    // A retry after a crash: the reply was already written, only its delivery may be due.
    const written = await MessageModel.findById(replyId).lean();
    if (written)
      return {
        kind: 'reply',
        message: written,
        chat: await this.attach(chat, written),
        previous: chat,
      };

    if (chat.mode === ChatMode.HUMAN)
      return { kind: 'silent', reason: 'A person is handling this chat.', chat };
    if (integration && integration.settings?.autoReply === false) {
      return { kind: 'silent', reason: 'Auto-reply is off.', chat };
    }
    const hours = integration?.settings?.businessHours;
    if (!isWithinBusinessHours(hours, new Date())) {
      const today = businessMoment(new Date(), hours?.timezone).dayKey;
      if (chat.awayMessageDay === today)
        return { kind: 'silent', reason: 'Outside business hours.', chat };
      await ChatModel.updateOne({ _id: chat._id }, { $set: { awayMessageDay: today } });
      return this.write(chat, replyId, AWAY_MESSAGE);
    }

    // Scoped to the chat's owner: a chat can only ever play its own owner's campaign.
    const campaign = chat.campaignId
      ? await CampaignModel.findOne({ _id: chat.campaignId, userId: chat.userId }).lean()
      : null;
    const output = await this.responder.respond(
      await this.inputFor(chat, campaign, ingested.message),
    );
    const minutes = integration?.settings?.handbackMinutes ?? this.defaultHandbackMinutes;
    const updated = await this.applyOutput(chat, output, minutes);
    return { ...(await this.write(updated, replyId, output.reply)), output, previous: chat };
  }

  private async inputFor(
    chat: Chat,
    campaign: Campaign | null,
    message: Message,
  ): Promise<ResponderInput> {
    const user = await UserModel.findById(chat.userId).select({ businessInfo: 1 }).lean();
    const info = user?.businessInfo;
    return {
      business: {
        name: info?.businessName,
        description: info?.description,
        industry: info?.industry,
        website: info?.website,
        phone: info?.phone,
      },
      knowledge: await this.knowledge.retrieve(chat.userId, message.content, 3),
      campaign: campaign && {
        name: campaign.name,
        product: {
          name: campaign.product.name,
          description: campaign.product.description,
          price: campaign.product.price,
          features: campaign.product.features,
        },
        greeting: campaign.chatFlow.greeting,
        qualificationQuestions: campaign.chatFlow.qualificationQuestions,
        objectionHandling: campaign.chatFlow.objectionHandling,
        closingMessage: campaign.chatFlow.closingMessage,
      },
      chat: {
        customerName: chat.customerName,
        status: chat.status,
        leadScore: chat.leadScore,
        aiContext: chat.aiContext,
        converted: chat.conversion.converted,
        recent: chat.recent.map((entry) => ({ sender: entry.sender, content: entry.content })),
      },
      message: message.content,
    };
  }

  private async applyOutput(
    chat: Chat,
    output: ResponderOutput,
    handbackMinutes: number,
  ): Promise<Chat> {
    const now = new Date();
    const set: Record<string, unknown> = {
      aiContext: output.aiContext,
      leadScore: Math.max(0, Math.min(100, Math.round(output.leadScore))),
      leadScoreReasons: [
        ...chat.leadScoreReasons,
        ...output.scoreReasons
          .filter((reason) => reason.delta !== 0)
          .map((reason) => ({ ...reason, at: now })),
      ].slice(-LEAD_SCORE_REASONS),
    };
    // Conversations only move forward; a closed or archived chat keeps its status.
    if (
      output.status &&
      statusRank[output.status] > statusRank[chat.status] &&
      statusRank[chat.status] < 2
    ) {
      set.status = output.status;
    }
    if (output.conversion && !chat.conversion.converted) {
      set.status = ChatStatus.CONVERTED;
      set.conversion = {
        converted: true,
        convertedAt: now,
        orderValue: output.conversion.orderValue,
        orderDetails: output.conversion.orderDetails,
      };
    }
    if (output.handoff) {
      set.mode = ChatMode.HUMAN;
      set.handbackAt = handbackAt(handbackMinutes, now);
      set.needsAttention = true;
      set.attentionReason = output.handoff.reason;
    }
    return (await ChatModel.findOneAndUpdate(
      { _id: chat._id },
      { $set: set },
      { returnDocument: 'after' },
    ).lean())!;
  }

  /** Stores our reply under the id reserved for it; a second attempt finds the first. */
  private async write(
    chat: Chat,
    replyId: Types.ObjectId,
    content: string,
  ): Promise<Decision & { kind: 'reply' }> {
    const message = {
      _id: replyId,
      chatId: chat._id,
      userId: chat.userId,
      platform: chat.platform,
      sender: Sender.AI,
      content,
      delivery: { status: DeliveryStatus.PENDING, updatedAt: new Date() },
      createdAt: new Date(),
    };
    let stored: Message;
    try {
      stored = (await MessageModel.create(message)).toObject();
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      stored = (await MessageModel.findById(replyId).lean())!;
    }
    return {
      kind: 'reply',
      message: stored,
      chat: await this.attach(chat, stored),
      previous: chat,
    };
  }

  /**
   * Adds our reply to the chat's window and count, once: a crash between writing the
   * reply and this step is mended by the retry, which finds the reply missing here.
   */
  private async attach(chat: Chat, reply: Message): Promise<Chat> {
    if (chat.recent.some((entry) => entry.messageId.equals(reply._id))) return chat;
    const recent = [...chat.recent, recentOf(reply)].slice(-RECENT_MESSAGES);
    const updated = await ChatModel.findOneAndUpdate(
      { _id: chat._id },
      { $set: { recent, lastMessageAt: reply.createdAt }, $inc: { messageCount: 1 } },
      { returnDocument: 'after' },
    ).lean();
    return updated ?? chat;
  }
}
