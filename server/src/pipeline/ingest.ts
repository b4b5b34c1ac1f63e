import type { Types } from 'mongoose';
import type { AnalyticsService } from '../modules/analytics/analytics.service';
import type { PendingCounts } from '../modules/analytics/pendingCounts';
import type { MediaService } from '../modules/media/media.service';
import { CampaignModel, CampaignStatus } from '../modules/campaigns/campaign.model';
import { startingCampaigns } from '../modules/campaigns/campaignCache';
import type { Chat } from '../modules/chats/chat.model';
import { MessageType, type Message } from '../modules/chats/message.model';
import { addCustomerMessage, assignCampaign, findOrStartChat } from '../modules/chats/timeline';
import { integrationForAccount } from '../modules/integrations/accounts';
import type { Integration } from '../modules/integrations/integration.model';
import { MessageKind, type InboundMessage, type MessagePart } from '../platforms/inbound';
import { priceOrder } from './orders';
import { mediaKind } from '../platforms/messageParts';
import { Platform, TargetPlatform } from '../platforms/platform';
import { PermanentFailure } from './webhookQueueWorker';

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
  /** Messenger's standby: another app owns the thread. */
  standby?: boolean;
}

/**
 * The one way a customer message enters Salesdesk: webhook worker, ingestMessage
 * mutation and simulator all come through `ingest`: the integration that owns the account,
 * the customer's chat (with its campaign), the message in it, the analytics of it. Every
 * step is idempotent, so a retry after a crash lands in the same place.
 */
export class IngestService {
  constructor(
    private readonly analytics: AnalyticsService,
    private readonly media?: MediaService,
  ) {}

  /** The connected integration that owns a platform account id, if any. */
  integrationFor(platform: Platform, recipientId: string): Promise<Integration | null> {
    return integrationForAccount(platform, recipientId);
  }

  /** `pending` gathers what the message counts, for the caller to write (see PendingCounts). */
  async ingest(
    message: InboundMessage,
    target: IngestTarget | undefined,
    pending: PendingCounts,
  ): Promise<Ingested> {
    const integration = target
      ? undefined
      : ((await this.integrationFor(message.platform, message.recipientId)) ?? undefined);
    if (!target && !integration) {
      throw new PermanentFailure(
        `No connected ${message.platform} integration has the account id ${message.recipientId}.`,
      );
    }
    const userId = target?.userId ?? integration!.userId;
    const key = { userId, platform: message.platform, customerId: message.customerId };
    const found = await findOrStartChat(
      key,
      async () => ({
        campaignId: target?.campaignId ?? (await this.campaignFor(userId, message.platform)),
        customerName: message.customerName,
        customerPhone: message.customerPhone,
        referral: message.referral,
        startedAt: message.timestamp,
        isTest: message.platform === Platform.SIMULATOR,
      }),
      message.customerAliases,
    );
    const before =
      target?.campaignId && !found.chat.campaignId
        ? await assignCampaign(found.chat, target.campaignId)
        : found.chat;
    const added = await addCustomerMessage(before, {
      platformMessageId: message.platformMessageId,
      content: message.text,
      messageType: messageTypeOf(message),
      kind: message.kind ?? kindOfStored(message),
      parts: message.parts?.map(priced),
      metadata: metadataOf(message),
      createdAt: message.timestamp,
      customerName: message.customerName,
      customerPhone: message.customerPhone,
      referral: message.referral,
    });
    // Kept before Meta's link expires; fetched by the media sweep, never in the way.
    if (added.isNew && message.attachments.length > 0) await this.media?.enqueue(added.message);
    if (added.isNew) {
      await this.analytics.customerMessage(
        {
          before,
          chat: added.chat,
          message: added.message,
          // Also when a retry finds the chat a crashed attempt created without its message.
          created: found.created || before.messageCount === 0,
        },
        pending,
      );
    }
    return { ...added, integration, standby: message.standby };
  }

  /** The newest active campaign that runs on this platform (or on all of them). */
  private async campaignFor(
    userId: Types.ObjectId,
    platform: Platform,
  ): Promise<Types.ObjectId | undefined> {
    return startingCampaigns.get(`${String(userId)}:${platform}`, async () => {
      const campaign = await CampaignModel.findOne({
        userId,
        status: CampaignStatus.ACTIVE,
        targetPlatform: { $in: [platform as string as TargetPlatform, TargetPlatform.ALL] },
      })
        .sort({ createdAt: -1, _id: -1 })
        .select({ _id: 1 })
        .lean();
      return campaign?._id;
    });
  }
}

/** An order's total, computed here once, so every reader shows the server's figure. */
function priced(part: MessagePart): MessagePart & { total?: number; currency?: string } {
  if (part.type !== 'order') return part;
  const order = priceOrder(part.items);
  return order ? { ...part, total: order.total, currency: order.currency } : part;
}

/** Events stored before kinds (and the simulator's messages): text, or their first media. */
function kindOfStored(message: InboundMessage): MessageKind {
  const [first] = message.attachments;
  if (first) return mediaKind(first.type);
  return message.quickReplyPayload ? MessageKind.QUICK_REPLY : MessageKind.TEXT;
}

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
