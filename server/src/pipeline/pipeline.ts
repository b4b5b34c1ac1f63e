import { Types } from 'mongoose';
import type { Logger } from '../logger';
import type { Metrics } from '../observability/metrics';
import { pipelineStage } from '../observability/pipelineStages';
import type { AnalyticsService } from '../modules/analytics/analytics.service';
import { PendingCounts } from '../modules/analytics/pendingCounts';
import type { Handled, InboundPipeline } from '../modules/chats/customerMessages.service';
import type { Integration } from '../modules/integrations/integration.model';
import type { Platform } from '../platforms/platform';
import type { LiveUpdates } from '../modules/chats/liveUpdates';
import { messageOf } from '../modules/webhookQueue/webhookQueue';
import type { InboundEvent } from '../modules/webhookQueue/inboundEvent.model';
import { DeliveryStatus, type Message } from '../modules/chats/message.model';
import { MessageKind, type InboundMessage } from '../platforms/inbound';
import type { Delivery, DeliveryResult } from './delivery';
import type { IngestService, IngestTarget } from './ingest';
import type { Decision, ReplyService } from './reply';
import type { ThreadActions } from './threadActions';
import type { AlertService } from '../modules/alerts/alerts.service';
import { alertsOf, type Outcome } from './replyAlerts';

interface HandleOptions {
  target?: IngestTarget;
  /** No alerts for the owner: a campaign test playing its chats. */
  quiet?: boolean;
  /** Reserved for the reply; `replyMayExist` when an earlier attempt may have written it. */
  replyId?: Types.ObjectId;
  replyMayExist?: boolean;
}

/**
 * Inbound event -> chat -> AI -> reply -> analytics -> publish. The worker, the
 * ingestMessage mutation and the simulator all run a message through `handle`.
 */
export class MessagePipeline implements InboundPipeline {
  private readonly unsupportedSeen = new Set<string>();

  constructor(
    private readonly ingestService: IngestService,
    private readonly replies: ReplyService,
    private readonly delivery: Delivery,
    private readonly analytics: AnalyticsService,
    private readonly live: LiveUpdates,
    private readonly alerts: Pick<AlertService, 'raise'>,
    private readonly logger: Logger,
    private readonly metrics?: Metrics,
  ) {}

  integrationFor(platform: Platform, accountId: string): Promise<Integration | null> {
    return this.ingestService.integrationFor(platform, accountId);
  }

  async handle(inbound: InboundMessage, options: HandleOptions = {}): Promise<Handled> {
    // The message's counters and its reply's, written once when it is handled; also when
    // a step fails, so a retry (which finds the message stored) loses none of them.
    const pending = new PendingCounts();
    try {
      return await this.run(inbound, options, pending);
    } finally {
      // A campaign test's chats are rehearsals: they stay out of the numbers, test chats included.
      if (!options.quiet) await this.writeCounts(pending);
    }
  }

  private async writeCounts(pending: PendingCounts): Promise<void> {
    await pending
      .write()
      .catch((error: unknown) =>
        this.logger.error({ err: error }, 'the analytics of a message could not be written'),
      );
  }

  private async run(
    inbound: InboundMessage,
    options: HandleOptions,
    pending: PendingCounts,
  ): Promise<Handled> {
    const ingested = await pipelineStage(this.metrics, 'ingest', () =>
      this.ingestService.ingest(inbound, options.target, pending),
    );
    if (ingested.isNew) this.live.messageChanged(ingested.message);
    if (ingested.isNew && ingested.message.kind === MessageKind.UNSUPPORTED) {
      this.noteUnsupported(ingested.message);
    }

    const decision = await pipelineStage(this.metrics, 'reply', () =>
      this.replies.decide(ingested, {
        replyId: options.replyId ?? new Types.ObjectId(),
        mayExist: options.replyId !== undefined && options.replyMayExist !== false,
      }),
    );
    if (decision.kind === 'silent') {
      this.live.chatChanged(decision.chat);
      await this.alert(options, {
        before: ingested.chat,
        after: decision.chat,
        unanswered: decision.unanswered,
      });
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
      this.live.messageChanged(decision.message);
      return this.delivery.deliver(decision.chat, decision.message, ingested.integration, {
        human: false,
      });
    });
    await pipelineStage(this.metrics, 'record', async () => {
      await this.count(decision, ingested.message, delivery, pending);
      this.live.chatChanged(decision.chat);
      this.live.statsChanged(decision.chat.userId);
    });
    // After the send: the customer's reply never waits for the owner's alerts.
    await this.alert(options, {
      before: decision.previous,
      after: decision.chat,
      unanswered: decision.unanswered,
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

  private async alert(options: HandleOptions, outcome: Outcome): Promise<void> {
    if (options.quiet) return;
    for (const alert of alertsOf(outcome)) await this.alerts.raise(alert);
  }

  /** A kind of content no parser knows: said once per kind and process, for whoever adds it. */
  private noteUnsupported(message: Message): void {
    const rawType =
      message.parts?.find((part) => part.type === 'unsupported')?.rawType ?? 'unknown';
    const key = `${message.platform}:${rawType}`;
    if (this.unsupportedSeen.has(key)) return;
    this.unsupportedSeen.add(key);
    this.logger.warn(
      { platform: message.platform, rawType },
      'a message kind Salesdesk does not read',
    );
  }

  /** Analytics for one reply: counted once, when its delivery was first attempted. */
  private async count(
    decision: Decision & { kind: 'reply' },
    customerMessage: Message,
    delivery: DeliveryResult,
    pending: PendingCounts,
  ): Promise<void> {
    await this.analytics.replied(
      {
        chat: decision.chat,
        previous: decision.previous,
        output: decision.output,
        reply: decision.message,
        customerMessage,
        sent: delivery.status === DeliveryStatus.SENT,
      },
      pending,
    );
  }
}

/**
 * What the webhook queue's worker does with an event: a customer message goes through the
 * pipeline under its reserved reply id; an action on the thread is applied (threadActions.ts).
 */
export const handleInboundEvent =
  (pipeline: MessagePipeline, actions: ThreadActions) =>
  async (event: InboundEvent & { fresh?: boolean }) => {
    const inbound = messageOf(event.payload);
    if (inbound.action)
      return { userId: await actions.apply({ ...inbound, action: inbound.action }) };
    const handled = await pipeline.handle(inbound, {
      replyId: event.replyId,
      replyMayExist: !event.fresh,
    });
    return { userId: handled.chat.userId };
  };
