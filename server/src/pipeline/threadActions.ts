import type { Types } from 'mongoose';
import type { Logger } from '../logger';
import type { AnalyticsService } from '../modules/analytics/analytics.service';
import type { Chat } from '../modules/chats/chat.model';
import { handbackAt } from '../modules/chats/handback';
import type { LiveUpdates } from '../modules/chats/liveUpdates';
import {
  addOutsideReply,
  aliasCustomer,
  editMessage,
  keepReferral,
  messageByPlatformId,
  setReaction,
  setThreadOwner,
  unsendMessage,
} from '../modules/chats/threadChanges';
import { findChat, findOrStartChat, type ChatKey } from '../modules/chats/timeline';
import type { Integration } from '../modules/integrations/integration.model';
import type { InboundMessage, ThreadAction } from '../platforms/inbound';
import type { IngestService } from './ingest';
import { PermanentFailure } from './webhookQueueWorker';

/**
 * The webhook events that act on a thread instead of adding a customer message
 * (platforms/inbound.ts ThreadAction): applied to the stored chat and messages, shown live,
 * never answered. Each is idempotent, so the queue may run one twice.
 */
export class ThreadActions {
  constructor(
    private readonly ingest: IngestService,
    private readonly analytics: AnalyticsService,
    private readonly live: LiveUpdates,
    private readonly logger: Logger,
    private readonly defaultHandbackMinutes: number,
  ) {}

  /** Resolves to the owner, for the event's record. */
  async apply(inbound: InboundMessage & { action: ThreadAction }): Promise<Types.ObjectId> {
    const integration = await this.ingest.integrationFor(inbound.platform, inbound.recipientId);
    if (!integration) {
      throw new PermanentFailure(
        `No connected ${inbound.platform} integration has the account id ${inbound.recipientId}.`,
      );
    }
    const key: ChatKey = {
      userId: integration.userId,
      platform: inbound.platform,
      customerId: inbound.customerId,
    };
    const { action } = inbound;
    switch (action.type) {
      case 'reaction':
      case 'edit':
      case 'unsend':
        await this.onMessage(key, action, inbound.timestamp);
        break;
      case 'echo':
        await this.outsideReply(key, inbound, action.text, integration);
        break;
      case 'handover': {
        const chat = await this.chatOf(key, inbound);
        this.live.chatChanged(await setThreadOwner(chat, action.toSalesdesk));
        break;
      }
      case 'referral': {
        const chat = await this.chatOf(key, inbound);
        this.live.chatChanged(await keepReferral(chat, inbound.referral));
        break;
      }
      case 'number_change': {
        const chat = await findChat(key);
        if (chat) await aliasCustomer(chat, { ...key, customerId: action.newCustomerId });
        break;
      }
    }
    return integration.userId;
  }

  private async onMessage(
    key: ChatKey,
    action: Extract<ThreadAction, { type: 'reaction' | 'edit' | 'unsend' }>,
    at: Date,
  ): Promise<void> {
    const chat = await findChat(key);
    const message = chat && (await messageByPlatformId(chat, action.targetId));
    if (!chat || !message) {
      // A message from before Salesdesk, or one it never stored: nothing to change.
      this.logger.info({ action: action.type }, 'a thread action names no stored message');
      return;
    }
    if (action.type === 'reaction') {
      this.live.messageChanged(await setReaction(message, action.emoji, at));
      return;
    }
    const changed =
      action.type === 'edit'
        ? await editMessage(chat, message, action.text, at)
        : await unsendMessage(chat, message, at);
    this.live.messageChanged(changed.message);
    this.live.chatChanged(changed.chat);
  }

  private async outsideReply(
    key: ChatKey,
    inbound: InboundMessage,
    content: string,
    integration: Integration,
  ): Promise<void> {
    const chat = await this.chatOf(key, inbound);
    const minutes = integration.settings?.handbackMinutes ?? this.defaultHandbackMinutes;
    const added = await addOutsideReply(
      chat,
      { platformMessageId: inbound.platformMessageId, content, at: inbound.timestamp },
      handbackAt(minutes),
    );
    if (!added.isNew) return;
    await this.analytics.takeover(chat, inbound.timestamp);
    await this.analytics.businessReply(added.chat, added.message, true);
    this.live.messageChanged(added.message);
    this.live.chatChanged(added.chat);
  }

  /** The customer's chat, started without a campaign when a thread begins this way. */
  private async chatOf(key: ChatKey, inbound: InboundMessage): Promise<Chat> {
    const { chat } = await findOrStartChat(
      key,
      async () => ({
        customerName: inbound.customerName,
        customerPhone: inbound.customerPhone,
        referral: inbound.referral,
        startedAt: inbound.timestamp,
        isTest: false,
      }),
      inbound.customerAliases,
    );
    return chat;
  }
}
