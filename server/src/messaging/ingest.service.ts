import { type Types } from 'mongoose';
import { notFound } from '../errors';
import type { AnalyticsService } from '../modules/analytics/analytics.service';
import { CampaignModel, CampaignStatus } from '../modules/campaigns/campaign.model';
import { ChatModel, RECENT_MESSAGES, type Chat } from '../modules/chats/chat.model';
import { MessageModel, MessageType, Sender, type Message } from '../modules/chats/message.model';
import { integrationForAccount } from '../modules/integrations/accounts';
import type { Integration } from '../modules/integrations/integration.model';
import type { InboundMessage } from '../platforms/inbound';
import { Platform, TargetPlatform } from '../platforms/platform';
import { PermanentFailure } from './inboxWorker';
import { isDuplicateKey } from '../db/writeErrors';

/** Who the message is for, when not found from the platform's recipient id (simulator). */
export interface IngestTarget {
  userId: Types.ObjectId;
  campaignId?: Types.ObjectId;
}

export interface Ingested {
  chat: Chat;
  message: Message;
  /** false when this platform message id was stored before (a retry or duplicate). */
  isNew: boolean;
  /** The platform integration it came through; absent for the simulator. */
  integration?: Integration;
}

/**
 * The one way a customer message enters Salesdesk: webhook worker, ingestMessage
 * mutation and simulator all come through `ingest`. Every step is idempotent, so a
 * retry after a crash lands in the same place.
 */
export class IngestService {
  constructor(private readonly analytics: AnalyticsService) {}

  /** The connected integration that owns a platform account id, if any. */
  integrationFor(platform: Platform, recipientId: string): Promise<Integration | null> {
    return integrationForAccount(platform, recipientId);
  }

  async ingest(message: InboundMessage, target?: IngestTarget): Promise<Ingested> {
    const integration = target
      ? undefined
      : await this.integrationFor(message.platform, message.recipientId);
    if (!target && !integration) {
      throw new PermanentFailure(
        `No connected ${message.platform} integration has the account id ${message.recipientId}.`,
      );
    }
    const userId = target?.userId ?? integration!.userId;
    const { chat, created } = await this.findOrCreateChat(userId, message, target);
    const stored = await this.storeMessage(chat, message);
    if (!stored.isNew) {
      const current = (await ChatModel.findById(chat._id).lean()) ?? chat;
      // A retry after a crash between storing the message and adding it to its chat
      // finishes the job; a plain duplicate finds it there already.
      if (appended(current, stored.message)) {
        return {
          chat: current,
          message: stored.message,
          isNew: false,
          integration: integration ?? undefined,
        };
      }
    }
    const updated = await this.appendToChat(chat, stored.message, message);
    await this.analytics.customerMessage({
      before: chat,
      chat: updated,
      message: stored.message,
      // Also when a retry finds the chat a crashed attempt created without its message.
      created: created || chat.messageCount === 0,
    });
    return {
      chat: updated,
      message: stored.message,
      isNew: true,
      integration: integration ?? undefined,
    };
  }

  private async findOrCreateChat(
    userId: Types.ObjectId,
    message: InboundMessage,
    target?: IngestTarget,
  ): Promise<{ chat: Chat; created: boolean }> {
    const key = { userId, platform: message.platform, customerId: message.customerId };
    const existing = await ChatModel.findOne(key).lean();
    if (existing) {
      if (existing.campaignId || !target?.campaignId) return { chat: existing, created: false };
      await ChatModel.updateOne({ _id: existing._id }, { $set: { campaignId: target.campaignId } });
      return { chat: { ...existing, campaignId: target.campaignId }, created: false };
    }
    const campaignId = target?.campaignId ?? (await this.campaignFor(userId, message.platform));
    try {
      const chat = await ChatModel.create({
        ...key,
        campaignId,
        customerName: message.customerName,
        referral: message.referral,
        startedAt: message.timestamp,
        isTest: message.platform === Platform.SIMULATOR,
      });
      return { chat: chat.toObject(), created: true };
    } catch (error) {
      // A concurrent first message created it: the unique key let exactly one through.
      if (!isDuplicateKey(error)) throw error;
      const chat = await ChatModel.findOne(key).lean();
      if (!chat) throw error;
      return { chat, created: false };
    }
  }

  /** The newest active campaign that runs on this platform (or on all of them). */
  private async campaignFor(
    userId: Types.ObjectId,
    platform: Platform,
  ): Promise<Types.ObjectId | undefined> {
    const campaign = await CampaignModel.findOne({
      userId,
      status: CampaignStatus.ACTIVE,
      targetPlatform: { $in: [platform as string as TargetPlatform, TargetPlatform.ALL] },
    })
      .sort({ createdAt: -1, _id: -1 })
      .select({ _id: 1 })
      .lean();
    return campaign?._id;
  }

  private async storeMessage(
    chat: Chat,
    message: InboundMessage,
  ): Promise<{ message: Message; isNew: boolean }> {
    const document = {
      chatId: chat._id,
      userId: chat.userId,
      platform: message.platform,
      sender: Sender.CUSTOMER,
      content: message.text,
      messageType: messageTypeOf(message),
      metadata: metadataOf(message),
      platformMessageId: message.platformMessageId,
      createdAt: message.timestamp,
    };
    try {
      return { message: (await MessageModel.create(document)).toObject(), isNew: true };
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      const existing = await MessageModel.findOne({
        platform: message.platform,
        platformMessageId: message.platformMessageId,
      }).lean();
      if (!existing) throw error;
      return { message: existing, isNew: false };
    }
  }

  /**
   * Adds the message to the chat's `recent` window and counters. A read-modify-write:
   * safe because one chat's events are handled one at a time, and FerretDB ignores
   * `$slice` in `$push` so the window is cut here.
   */
  private async appendToChat(chat: Chat, message: Message, inbound: InboundMessage): Promise<Chat> {
    const current = (await ChatModel.findById(chat._id).lean()) ?? chat;
    const recent = [...current.recent, recentOf(message)]
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .slice(-RECENT_MESSAGES);
    const newest = (date?: Date) => (date && date > message.createdAt ? date : message.createdAt);
    const set: Record<string, unknown> = {
      recent,
      lastMessageAt: newest(current.lastMessageAt),
      lastCustomerMessageAt: newest(current.lastCustomerMessageAt),
      silenceNoted: false,
    };
    if (inbound.customerName && !current.customerName) set.customerName = inbound.customerName;
    if (inbound.referral && !current.referral) set.referral = inbound.referral;
    const updated = await ChatModel.findOneAndUpdate(
      { _id: chat._id },
      { $set: set, $inc: { messageCount: 1 } },
      { returnDocument: 'after' },
    ).lean();
    if (!updated) throw notFound('Chat');
    return updated;
  }
}

/** Whether the chat already counts this customer message (its window or its time). */
const appended = (chat: Chat, message: Message): boolean =>
  chat.recent.some((entry) => entry.messageId.equals(message._id)) ||
  (chat.lastCustomerMessageAt !== undefined && chat.lastCustomerMessageAt >= message.createdAt);

export const recentOf = (message: Message) => ({
  messageId: message._id,
  sender: message.sender,
  content: message.content,
  messageType: message.messageType,
  createdAt: message.createdAt,
});

function messageTypeOf(message: InboundMessage): MessageType {
  if (message.quickReplyPayload) return MessageType.QUICK_REPLY;
  const [first] = message.attachments;
  if (!first) return MessageType.TEXT;
  return first.type === 'image' ? MessageType.IMAGE : MessageType.FILE;
}

function metadataOf(message: InboundMessage): Record<string, unknown> | undefined {
  const metadata: Record<string, unknown> = {};
  if (message.attachments.length > 0) metadata.attachments = message.attachments;
  if (message.quickReplyPayload) metadata.quickReplyPayload = message.quickReplyPayload;
  if (message.referral) metadata.referral = message.referral;
  return Object.keys(metadata).length > 0 ? metadata : undefined;
}
