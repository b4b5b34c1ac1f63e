import { Types } from 'mongoose';
import type { Logger } from '../logger';
import type { AnalyticsService, Counter } from '../modules/analytics/analytics.service';
import { ChatStatus, type Chat } from '../modules/chats/chat.model';
import { DeliveryStatus, type Message } from '../modules/chats/message.model';
import type { InboundMessage } from '../platforms/inbound';
import type { PubSub } from '../realtime/pubsub';
import type { Delivery, DeliveryResult } from './delivery';
import type { IngestService, IngestTarget } from './ingest.service';
import type { Decision, ReplyService } from './reply.service';

export interface Handled {
  chat: Chat;
  customerMessage: Message;
  reply?: Message;
  delivery?: DeliveryResult;
  /** Why no reply was made (human mode, auto-reply off, outside hours). */
  silentReason?: string;
}

/**
 * Inbound event -> chat -> AI -> reply -> analytics -> publish. The worker, the
 * ingestMessage mutation and the simulator all run a message through `handle`.
 */
export class MessagePipeline {
  constructor(
    private readonly ingestService: IngestService,
    private readonly replies: ReplyService,
    private readonly delivery: Delivery,
    private readonly analytics: AnalyticsService,
    private readonly pubsub: PubSub,
    private readonly logger: Logger,
  ) {}

  async handle(
    inbound: InboundMessage,
    options: { target?: IngestTarget; replyId?: Types.ObjectId } = {},
  ): Promise<Handled> {
    const ingested = await this.ingestService.ingest(inbound, options.target);
    if (ingested.isNew) this.publishMessage(ingested.chat, ingested.message);

    const decision = await this.replies.decide(ingested, options.replyId ?? new Types.ObjectId());
    if (decision.kind === 'silent') {
      this.publishChat(decision.chat);
      return {
        chat: decision.chat,
        customerMessage: ingested.message,
        silentReason: decision.reason,
      };
    }
    if (decision.message.delivery?.status !== DeliveryStatus.PENDING) {
      // Already delivered by an earlier attempt: nothing more to do or count.
      return { chat: decision.chat, customerMessage: ingested.message, reply: decision.message };
    }
    this.publishMessage(decision.chat, decision.message);
    const delivery = await this.delivery.deliver(
      decision.chat,
      decision.message,
      ingested.integration,
      {
        human: false,
      },
    );
    await this.count(
      decision,
      ingested.message,
      delivery,
      ingested.integration?.settings?.businessHours?.timezone,
    );
    this.publishChat(decision.chat);
    this.pubsub.publish('statsUpdated', String(decision.chat.userId), {
      userId: String(decision.chat.userId),
    });
    this.logger.debug(
      { chatId: String(decision.chat._id), delivery: delivery.status },
      'replied to a customer message',
    );
    return {
      chat: decision.chat,
      customerMessage: ingested.message,
      reply: decision.message,
      delivery,
    };
  }

  private async count(
    decision: Decision & { kind: 'reply' },
    customerMessage: Message,
    delivery: DeliveryResult,
    timeZone: string | undefined,
  ): Promise<void> {
    const { chat, previous, output, message } = decision;
    const counters: Partial<Record<Counter, number>> = { aiReplies: 1 };
    const hourly: Record<string, number> = {};
    const stats: Record<string, number> = {};
    if (delivery.status === DeliveryStatus.SENT) {
      counters.messagesSent = 1;
      counters.responseTimeSumMs = Math.max(
        0,
        message.createdAt.getTime() - customerMessage.createdAt.getTime(),
      );
      counters.responseTimeCount = 1;
      hourly.messages = 1;
      stats.messagesSent = 1;
    }
    if (chat.status === ChatStatus.QUALIFIED && previous.status === ChatStatus.ACTIVE)
      counters.qualifiedLeads = 1;
    if (chat.conversion.converted && !previous.conversion.converted) {
      counters.conversions = 1;
      counters.revenue = chat.conversion.orderValue ?? 0;
      hourly.conversions = 1;
      stats.conversions = 1;
      stats.revenue = chat.conversion.orderValue ?? 0;
    }
    if (output?.handoff) counters.aiHandoffs = 1;
    await this.analytics.record(
      {
        userId: chat.userId,
        campaignId: chat.campaignId,
        platform: chat.platform,
        at: message.createdAt,
        timeZone,
      },
      counters,
      hourly,
      stats,
    );
  }

  private publishMessage(chat: Chat, message: Message): void {
    this.pubsub.publish('messageAdded', String(chat._id), {
      chatId: String(chat._id),
      userId: String(chat.userId),
      messageId: String(message._id),
    });
  }

  private publishChat(chat: Chat): void {
    this.pubsub.publish('chatUpdated', String(chat.userId), {
      chatId: String(chat._id),
      userId: String(chat.userId),
    });
  }
}
