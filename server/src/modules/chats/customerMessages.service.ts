import { Types } from 'mongoose';
import { ownerFilter, type Scope } from '../../auth/ownership';
import { badInput, notFound } from '../../errors';
import type { InboundMessage } from '../../platforms/inbound';
import { Platform } from '../../platforms/platform';
import { CampaignModel } from '../campaigns/campaign.model';
import type { Integration } from '../integrations/integration.model';
import type { Chat } from './chat.model';
import type { DeliveryResult } from './outgoing';
import type { Message } from './message.model';

export interface SimulatedMessage {
  campaignId: Types.ObjectId;
  customerName: string;
  text: string;
  /** A campaign test playing it: the owner is not alerted of it. */
  quiet?: boolean;
}

/** What became of one customer message in the pipeline. */
export interface Handled {
  chat: Chat;
  customerMessage: Message;
  reply?: Message;
  delivery?: DeliveryResult;
  /** Why no reply was made (human mode, auto-reply off, outside hours). */
  silentReason?: string;
}

/**
 * The message pipeline as chats see it (pipeline/pipeline.ts), handed in by the container
 * so that chats never import it.
 */
export interface InboundPipeline {
  handle(
    message: InboundMessage,
    options?: {
      target?: { userId: Types.ObjectId; campaignId?: Types.ObjectId };
      quiet?: boolean;
    },
  ): Promise<Handled>;
  integrationFor(platform: Platform, accountId: string): Promise<Integration | null>;
}

/** The GraphQL ways in to the pipeline for a customer message: ingestMessage, or the simulator. */
export class CustomerMessagesService {
  constructor(private readonly pipeline: InboundPipeline) {}

  /** For the integration's owner (or an admin): the same path a webhook event takes. */
  async ingestMessage(scope: Scope, message: InboundMessage): Promise<Handled> {
    if (message.platform === Platform.SIMULATOR) {
      throw badInput('Use simulateCustomerMessage to test a campaign.', {
        fields: [{ path: 'platform', messages: ['SIMULATOR messages come from the simulator'] }],
      });
    }
    const integration = await this.pipeline.integrationFor(message.platform, message.recipientId);
    if (!integration || (scope.userId && !integration.userId.equals(scope.userId))) {
      throw notFound('Connected integration');
    }
    return this.pipeline.handle(message);
  }

  /**
   * A customer message typed by the owner to test a campaign. The customer's name keys
   * the test chat, so the same name continues a conversation and a new name starts one.
   */
  async simulate(scope: Scope, input: SimulatedMessage): Promise<Handled> {
    const campaign = await CampaignModel.findOne({ _id: input.campaignId, ...ownerFilter(scope) })
      .select({ userId: 1 })
      .lean();
    if (!campaign) throw notFound('Campaign');
    const name = input.customerName.trim();
    const message: InboundMessage = {
      platform: Platform.SIMULATOR,
      recipientId: 'simulator',
      customerId: `sim:${name.toLowerCase().replace(/\s+/g, '-')}`,
      customerName: name,
      text: input.text,
      attachments: [],
      platformMessageId: `sim:${new Types.ObjectId().toHexString()}`,
      timestamp: new Date(),
    };
    return this.pipeline.handle(message, {
      target: { userId: campaign.userId, campaignId: campaign._id },
      quiet: input.quiet === true,
    });
  }
}
