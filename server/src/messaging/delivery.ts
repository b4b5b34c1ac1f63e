import type { Types } from 'mongoose';
import type { Chat } from '../modules/chats/chat.model';
import { DeliveryStatus, MessageModel, type Message } from '../modules/chats/message.model';
import { logIntegrationError } from '../modules/integrations/errorLog';
import type { Integration } from '../modules/integrations/integration.model';
import type { Metrics } from '../observability/metrics';
import { Platform } from '../platforms/platform';
import { replyWindow } from '../platforms/replyWindow';
import { SendError, type PlatformSender } from '../platforms/sender';

/** Whether (and how) we may write to this chat's customer now. */
export const replyWindowOf = (chat: Chat, human: boolean) =>
  replyWindow(chat.platform, chat.lastCustomerMessageAt, new Date(), {
    // Only ads open the longer window; an m.me link (source SHORTLINK) does not.
    startedFromAd: Boolean(chat.referral?.adId || chat.referral?.source === 'ADS'),
    human,
  });

export interface DeliveryResult {
  status: DeliveryStatus;
  reason?: string;
}

/**
 * Sends one of our messages through the platform's Send API, honouring the reply window,
 * and records the outcome on the message (and, on failure, in the integration's log).
 */
export class Delivery {
  constructor(
    private readonly sender: PlatformSender,
    private readonly metrics?: Metrics,
  ) {}

  async deliver(
    chat: Chat,
    message: Message,
    integration: Integration | undefined,
    options: { human: boolean },
  ): Promise<DeliveryResult> {
    if (chat.platform === Platform.SIMULATOR) return this.mark(message._id, DeliveryStatus.SENT);
    if (!integration) {
      return this.mark(
        message._id,
        DeliveryStatus.FAILED,
        'The integration is not connected any more.',
      );
    }
    const window = replyWindowOf(chat, options.human);
    if (!window.open) return this.mark(message._id, DeliveryStatus.NOT_SENT, window.reason);
    try {
      const { platformMessageId } = await this.sender.sendText({
        platform: chat.platform,
        credentials: integration.credentials,
        to: chat.customerId,
        text: message.content,
        tag: window.tag,
      });
      return this.mark(message._id, DeliveryStatus.SENT, undefined, platformMessageId);
    } catch (error) {
      if (!(error instanceof SendError)) throw error;
      this.metrics?.sendFailures.inc({ platform: chat.platform });
      await logIntegrationError({ _id: integration._id }, error.message);
      return this.mark(message._id, DeliveryStatus.FAILED, error.message);
    }
  }

  private async mark(
    messageId: Types.ObjectId,
    status: DeliveryStatus,
    reason?: string,
    platformMessageId?: string,
  ): Promise<DeliveryResult> {
    await MessageModel.updateOne(
      { _id: messageId },
      {
        $set: {
          delivery: { status, reason, updatedAt: new Date() },
          ...(platformMessageId ? { platformMessageId } : {}),
        },
      },
    );
    return { status, reason };
  }
}
