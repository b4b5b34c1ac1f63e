import type { Types } from 'mongoose';
import type { Responder, ResponderInput, ResponderOutput } from '../ai/responder';
import { businessMoment } from '../modules/analytics/businessDay';
import { CampaignModel, type Campaign } from '../modules/campaigns/campaign.model';
import { ChatMode, type Chat } from '../modules/chats/chat.model';
import { handbackAt } from '../modules/chats/handback';
import { MessageModel, Sender, type Message } from '../modules/chats/message.model';
import {
  addOurMessage,
  applyAiResult,
  attach,
  handBackIfDue,
  noteAwayMessage,
} from '../modules/chats/timeline';
import { isWithinBusinessHours } from '../modules/integrations/businessHours';
import type { KnowledgeService } from '../modules/knowledge/knowledge.service';
import { UserModel } from '../modules/users/user.model';
import type { Ingested } from './ingest';

export const AWAY_MESSAGE =
  "Thanks for your message! We're closed right now and will get back to you as soon as we open.";

/** What the AI decided for one customer message: a reply to send, or why there is none. */
export type Decision =
  | { kind: 'reply'; message: Message; chat: Chat; output?: ResponderOutput; previous: Chat }
  | { kind: 'silent'; reason: string; chat: Chat };

/** Decides whether and what to answer, asks the Responder, and has the chat's new state written. */
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
    if (written) {
      return { kind: 'reply', message: written, chat: await attach(chat, written), previous: chat };
    }

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
      await noteAwayMessage(chat, today);
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
    const updated = await applyAiResult(chat, output, handbackAt(minutes));
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

  /** Our reply under the id reserved for it: a second attempt finds the first. */
  private async write(
    chat: Chat,
    replyId: Types.ObjectId,
    content: string,
  ): Promise<Decision & { kind: 'reply' }> {
    const written = await addOurMessage(chat, { _id: replyId, sender: Sender.AI, content });
    return { kind: 'reply', message: written.message, chat: written.chat, previous: chat };
  }
}
