import { Types } from 'mongoose';
import type { Logger } from '../logger';
import type { AnalyticsService } from '../modules/analytics/analytics.service';
import { ChatModel, type Chat } from '../modules/chats/chat.model';
import { replyWindowOf } from '../modules/chats/chatReplyWindow';
import type { LiveUpdates } from '../modules/chats/liveUpdates';
import type { DeliveryResult, OutgoingMessages } from '../modules/chats/outgoing';
import {
  markPendingAgain,
  markRetrying,
  recordReceipt,
  settleDelivery,
} from '../modules/chats/messageDelivery';
import { DeliveryStatus, MessageModel, Sender, type Message } from '../modules/chats/message.model';
import { connectedIntegration } from '../modules/integrations/connectedIntegration';
import { logIntegrationError } from '../modules/integrations/errorLog';
import type { Integration } from '../modules/integrations/integration.model';
import type { Metrics } from '../observability/metrics';
import type { AlertService } from '../modules/alerts/alerts.service';
import { undeliveredAlert } from './replyAlerts';
import { receiptOrder, UNDELIVERED, unsettled } from './deliveryStatuses';
import type { DeliveryStatus as Receipt } from '../platforms/inbound';
import { Platform } from '../platforms/platform';
import { SendError, type PlatformSender } from '../platforms/sender';
import { OutboxModel, OutboxState, type OutboxEntry } from './outbox.model';
import { attemptId, SendAttemptModel, SendOutcome } from './sendAttempt.model';
import { isDuplicateKey } from '../db/writeErrors';
import { createOne } from '../db/mergedWrites';

interface DeliverOptions {
  /** A person's reply: it may use Meta's human-agent window. */
  human: boolean;
  /** A retry or a resend, after the first attempt's answer was given. */
  later?: boolean;
}

export interface DeliveryOptions {
  /** A Send API call begun this long ago by a server that never finished it: not confirmed. */
  staleMs: number;
  /** The first wait before trying again a send Meta did not take; doubled each time. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Send API calls per message at most (each may retry a throttled call in place). */
  maxAttempts: number;
}

const NOT_CONFIRMED =
  'The server stopped while sending this message: it may not have reached the customer.';

/**
 * Sends our messages through the platform's Send API at most once each, and never drops
 * one silently. Before each call, the attempt is recorded durably (SendAttempt, whose
 * unique id lets attempt n of a message be made once on any server) and the message is
 * put in the outbox. Then:
 * - sent: done; refused: failed with Meta's reason; Meta surely did not take it
 *   (unreachable, throttled): retried with backoff by the sweep while the window is open;
 * - no answer to go by (a timeout, a dropped connection), or a server that stopped
 *   mid-call: "not confirmed". It is never sent again by itself; the owner sees it and
 *   can send it again, and a later WhatsApp status for it confirms it.
 */

export class Delivery implements OutgoingMessages {
  constructor(
    private readonly sender: PlatformSender,
    private readonly analytics: AnalyticsService,
    private readonly live: LiveUpdates,
    private readonly alerts: Pick<AlertService, 'raise'>,
    private readonly logger: Logger,
    private readonly options: DeliveryOptions,
    private readonly metrics?: Metrics,
  ) {}

  async deliver(
    chat: Chat,
    message: Message,
    integration: Integration | undefined,
    options: DeliverOptions,
  ): Promise<DeliveryResult> {
    /** `attempts` once a call was begun: the message counts it with its outcome. */
    const settle = (
      status: DeliveryStatus,
      reason?: string,
      platformMessageId?: string,
      attempts?: number,
    ) =>
      this.settle(message, status, reason, platformMessageId, {
        // The caller shows a first attempt's success itself; anything else is news.
        announce: options.later === true || status !== DeliveryStatus.SENT,
        attempts,
      });
    if (chat.platform === Platform.SIMULATOR) return settle(DeliveryStatus.SENT);
    if (!integration)
      return settle(DeliveryStatus.FAILED, 'The integration is not connected any more.');
    const window = replyWindowOf(chat, options.human);
    if (!window.open) return settle(DeliveryStatus.NOT_SENT, window.reason);

    const attempt = (message.delivery?.attempts ?? 0) + 1;
    const now = new Date();
    // The outbox entry first: should this server stop anywhere after it, the sweep finds it.
    await OutboxModel.updateOne(
      { _id: message._id },
      {
        $set: { chatId: chat._id, state: OutboxState.SENDING, human: options.human, since: now },
        $setOnInsert: { dueAt: now },
      },
      { upsert: true },
    );
    if (!(await this.begin(message._id, attempt, now))) return this.current(message._id);
    // The attempt record is what says a call is under way (resolveStale reads it); the
    // message counts the attempt with its outcome, one write fewer per reply.
    this.metrics?.sendAttempts.inc({ platform: chat.platform });
    try {
      const { platformMessageId } = await this.sender.sendText({
        platform: chat.platform,
        credentials: integration.credentials,
        // A WhatsApp chat keyed by the user id is sent to the number while there is one.
        to: chat.customerPhone ?? chat.customerId,
        text: message.content,
        tag: window.tag,
        reference: message._id.toHexString(),
      });
      await this.finish(message._id, attempt, SendOutcome.SENT);
      return settle(DeliveryStatus.SENT, undefined, platformMessageId, attempt);
    } catch (error) {
      if (!(error instanceof SendError)) throw error;
      return this.failed(
        chat,
        message,
        integration,
        attempt,
        error,
        options.human,
        (status, reason) => settle(status, reason, undefined, attempt),
      );
    }
  }

  /**
   * Retries the sends that are due and settles those a stopped server left mid-call. Run
   * by every server; the attempt records keep two sweeps from sending one message twice.
   */
  async sweep(now = new Date()): Promise<void> {
    const due = await OutboxModel.find({ state: OutboxState.DUE, dueAt: { $lte: now } })
      .limit(100)
      .lean();
    for (const entry of due) await this.retry(entry);
    const stale = await OutboxModel.find({
      state: OutboxState.SENDING,
      since: { $lt: new Date(now.getTime() - this.options.staleMs) },
    })
      .limit(100)
      .lean();
    for (const entry of stale) await this.resolveStale(entry);
  }

  /** The owner's "Send again" for a message that failed or is not confirmed. */
  async sendAgain(chat: Chat, message: Message): Promise<DeliveryResult> {
    await markPendingAgain(message._id);
    const integration =
      chat.platform === Platform.SIMULATOR
        ? undefined
        : ((await connectedIntegration(chat.userId, chat.platform)) ?? undefined);
    const result = await this.deliver(chat, message, integration, {
      human: message.sender === Sender.BUSINESS,
      later: true,
    });
    if (result.status === DeliveryStatus.SENT) await this.analytics.sentLater(chat, message);
    return result;
  }

  /**
   * WhatsApp's statuses[] for our messages: by the wamid, or by our own id echoed back
   * (`biz_opaque_callback_data`), which also confirms a send whose answer was lost.
   */
  async recordReceipts(receipts: Receipt[]): Promise<void> {
    for (const receipt of receipts) {
      const reason = receipt.errors
        .map((error) => error.message ?? error.title)
        .filter(Boolean)
        .join('; ');
      const byReference = receipt.reference && Types.ObjectId.isValid(receipt.reference);
      const before = await recordReceipt({
        platform: receipt.platform,
        messageId: byReference ? new Types.ObjectId(receipt.reference) : undefined,
        platformMessageId: receipt.platformMessageId,
        status: receipt.status as DeliveryStatus,
        from: receiptOrder[receipt.status],
        at: receipt.timestamp,
        reason: reason || undefined,
      });
      if (!before) continue;
      const wasUnsettled = unsettled.includes(before.delivery?.status ?? DeliveryStatus.PENDING);
      if (!wasUnsettled) continue;
      await OutboxModel.deleteOne({ _id: before._id });
      const chat = await ChatModel.findById(before.chatId).lean();
      if (chat) {
        if (receipt.status !== 'failed') await this.analytics.sentLater(chat, before);
        this.live.messageChanged(before);
      }
    }
  }

  /** Records attempt n before its call; false when it was begun already (elsewhere). */
  private async begin(messageId: Types.ObjectId, attempt: number, at: Date): Promise<boolean> {
    try {
      await createOne(SendAttemptModel, {
        _id: attemptId(messageId, attempt),
        messageId,
        attempt,
        startedAt: at,
      });
      return true;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      return false;
    }
  }

  private finish(
    messageId: Types.ObjectId,
    attempt: number,
    outcome: SendOutcome,
    error?: string,
  ): Promise<unknown> {
    return SendAttemptModel.updateOne(
      { _id: attemptId(messageId, attempt) },
      { $set: { outcome, finishedAt: new Date(), ...(error ? { error } : {}) } },
    );
  }

  private async failed(
    chat: Chat,
    message: Message,
    integration: Integration,
    attempt: number,
    error: SendError,
    human: boolean,
    settle: (status: DeliveryStatus, reason?: string) => Promise<DeliveryResult>,
  ): Promise<DeliveryResult> {
    this.metrics?.sendFailures.inc({ platform: chat.platform });
    await logIntegrationError({ _id: integration._id }, error.message);
    if (error.kind === 'refused') {
      await this.finish(message._id, attempt, SendOutcome.REFUSED, error.message);
      return settle(DeliveryStatus.FAILED, error.message);
    }
    if (error.kind === 'unknown') {
      await this.finish(message._id, attempt, SendOutcome.UNKNOWN, error.message);
      return settle(
        DeliveryStatus.UNCONFIRMED,
        `${error.message} It may have reached the customer: check before sending it again.`,
      );
    }
    await this.finish(message._id, attempt, SendOutcome.NOT_SENT, error.message);
    const wait = Math.min(
      this.options.retryMaxMs,
      Math.max(error.retryAfterMs ?? 0, this.options.retryBaseMs * 2 ** (attempt - 1)),
    );
    const dueAt = new Date(Date.now() + wait);
    if (attempt >= this.options.maxAttempts) {
      return settle(DeliveryStatus.FAILED, `${error.message} Gave up after ${attempt} attempts.`);
    }
    if (!replyWindowOf(chat, human, dueAt).open) {
      return settle(
        DeliveryStatus.FAILED,
        `${error.message} The reply window closes before it could be tried again.`,
      );
    }
    // The count first: a stop before the outbox says "due" leaves it "sending", and the
    // sweep then sees attempt n counted and schedules n + 1 (never n again).
    const reason = `${error.message} Trying again at ${dueAt.toISOString()}.`;
    await markRetrying(message._id, reason, dueAt, attempt);
    await OutboxModel.updateOne(
      { _id: message._id },
      { $set: { state: OutboxState.DUE, dueAt }, $unset: { since: '' } },
    );
    this.live.messageChanged(message);
    return { status: DeliveryStatus.RETRYING, reason };
  }

  private async retry(entry: OutboxEntry): Promise<void> {
    const message = await MessageModel.findById(entry._id).lean();
    const retrying = [DeliveryStatus.PENDING, DeliveryStatus.RETRYING];
    if (!message || !retrying.includes(message.delivery?.status ?? DeliveryStatus.PENDING)) {
      await OutboxModel.deleteOne({ _id: entry._id, state: OutboxState.DUE });
      return;
    }
    const chat = await ChatModel.findById(message.chatId).lean();
    if (!chat) {
      await OutboxModel.deleteOne({ _id: entry._id });
      return;
    }
    const integration = (await connectedIntegration(chat.userId, chat.platform)) ?? undefined;
    try {
      const result = await this.deliver(chat, message, integration, {
        human: entry.human,
        later: true,
      });
      if (result.status === DeliveryStatus.SENT) await this.analytics.sentLater(chat, message);
    } catch (error) {
      this.logger.error({ err: error, messageId: String(message._id) }, 'a retried send failed');
    }
  }

  /** An attempt some server began and never finished: find out what can be known. */
  private async resolveStale(entry: OutboxEntry): Promise<void> {
    const message = await MessageModel.findById(entry._id).lean();
    const status = message?.delivery?.status ?? DeliveryStatus.PENDING;
    if (!message || !unsettled.includes(status) || status === DeliveryStatus.UNCONFIRMED) {
      await OutboxModel.deleteOne({ _id: entry._id, state: OutboxState.SENDING });
      return;
    }
    let attempts: number | undefined;
    if (status !== DeliveryStatus.SENDING) {
      // The message never reached "sending": was its next attempt begun before the stop?
      const counted = message.delivery?.attempts ?? 0;
      const next = counted + 1;
      if (await SendAttemptModel.exists({ _id: attemptId(message._id, next) })) {
        attempts = next;
      } else {
        // The counted attempt may itself be the one a stop interrupted (counted, never
        // finished): then it is not confirmed either, and never made again.
        const interrupted =
          counted > 0 &&
          (await SendAttemptModel.exists({
            _id: attemptId(message._id, counted),
            outcome: { $exists: false },
          }));
        if (!interrupted) {
          await OutboxModel.updateOne(
            { _id: entry._id },
            { $set: { state: OutboxState.DUE, dueAt: new Date() }, $unset: { since: '' } },
          );
          return;
        }
      }
    }
    this.logger.warn({ messageId: String(message._id) }, 'a send was interrupted: not confirmed');
    // The attempt counted with the outcome in one write: a stop between the two would leave
    // a begun attempt uncounted, and the next sweep would take it for one never made.
    // Only over an unsettled status: the attempt may have finished since it was read.
    await this.settle(message, DeliveryStatus.UNCONFIRMED, NOT_CONFIRMED, undefined, {
      attempts,
      onlyFrom: unsettled,
    });
  }

  private async current(messageId: Types.ObjectId): Promise<DeliveryResult> {
    const message = await MessageModel.findById(messageId).select({ delivery: 1 }).lean();
    return {
      status: message?.delivery?.status ?? DeliveryStatus.PENDING,
      reason: message?.delivery?.reason,
    };
  }

  private async settle(
    message: Message,
    status: DeliveryStatus,
    reason?: string,
    platformMessageId?: string,
    {
      announce = true,
      attempts,
      onlyFrom,
    }: { announce?: boolean; attempts?: number; onlyFrom?: DeliveryStatus[] } = {},
  ): Promise<DeliveryResult> {
    const settled = await settleDelivery(message._id, status, {
      reason,
      platformMessageId,
      attempts,
      onlyFrom,
    });
    if (!settled) {
      // Settled meanwhile by the attempt itself: its outcome stands.
      await OutboxModel.deleteOne({ _id: message._id });
      return this.current(message._id);
    }
    await OutboxModel.deleteOne({ _id: message._id });
    if (announce) this.live.messageChanged(message);
    if (UNDELIVERED.includes(status) && message.sender === Sender.AI) {
      await this.alertUndelivered(message, reason);
    }
    return { status, reason };
  }

  /** An AI reply that did not or may not have reached the customer: the owner must know. */
  private async alertUndelivered(message: Message, reason: string | undefined): Promise<void> {
    const chat = await ChatModel.findById(message.chatId)
      .select({ customerName: 1, isTest: 1 })
      .lean()
      .catch(() => null);
    await this.alerts.raise(undeliveredAlert(message, chat, reason));
  }
}

export type { DeliveryResult };
