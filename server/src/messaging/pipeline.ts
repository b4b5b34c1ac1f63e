import { Types } from 'mongoose';
import type { Logger } from '../logger';
import type { Metrics } from '../observability/metrics';
import { pipelineStage } from '../observability/pipelineStages';
import type { AnalyticsService } from '../modules/analytics/analytics.service';
import type { Chat } from '../modules/chats/chat.model';
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
    private readonly metrics?: Metrics,
  ) {}

  async handle(
    inbound: InboundMessage,
    options: { target?: IngestTarget; replyId?: Types.ObjectId } = {},
  ): Promise<Handled> {
    const ingested = await pipelineStage(this.metrics, 'ingest', () =>
      this.ingestService.ingest(inbound, options.target),
    );
    if (ingested.isNew) this.publishMessage(ingested.chat, ingested.message);

    const decision = await pipelineStage(this.metrics, 'reply', () =>
      this.replies.decide(ingested, options.replyId ?? new Types.ObjectId()),
    );
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
    const delivery = await pipelineStage(this.metrics, 'deliver', () => {
      this.publishMessage(decision.chat, decision.message);
      return this.delivery.deliver(decision.chat, decision.message, ingested.integration, {
        human: false,
      });
    });
    await pipelineStage(this.metrics, 'record', async () => {
      await this.count(decision, ingested.message, delivery);
      this.publishChat(decision.chat);
      this.pubsub.publish('statsUpdated', String(decision.chat.userId), {
        userId: String(decision.chat.userId),
      });
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

  /** Analytics for one reply: counted once, when its delivery was first attempted. */
  private async count(
    decision: Decision & { kind: 'reply' },
    customerMessage: Message,
    delivery: DeliveryResult,
  ): Promise<void> {
    await this.analytics.replied({
      chat: decision.chat,
      previous: decision.previous,
      output: decision.output,
      reply: decision.message,
      customerMessage,
      sent: delivery.status === DeliveryStatus.SENT,
    });
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
