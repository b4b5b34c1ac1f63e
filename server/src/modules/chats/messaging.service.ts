import { Types } from 'mongoose';
import { ownerFilter, type Scope } from '../../auth/ownership';
import { badInput, notFound } from '../../errors';
import type { IngestService } from '../../messaging/ingest.service';
import type { Handled, MessagePipeline } from '../../messaging/pipeline';
import type { InboundMessage } from '../../platforms/inbound';
import { Platform } from '../../platforms/platform';
import { CampaignModel } from '../campaigns/campaign.model';

export interface SimulatedMessage {
  campaignId: Types.ObjectId;
  customerName: string;
  text: string;
}

/** The GraphQL ways in to the pipeline: a platform-neutral message, or the simulator. */
export class MessagingService {
  constructor(
    private readonly pipeline: MessagePipeline,
    private readonly ingest: IngestService,
  ) {}

  /** For the integration's owner (or an admin): the same path a webhook event takes. */
  async ingestMessage(scope: Scope, message: InboundMessage): Promise<Handled> {
    if (message.platform === Platform.SIMULATOR) {
      throw badInput('Use simulateCustomerMessage to test a campaign.', {
        fields: [{ path: 'platform', messages: ['SIMULATOR messages come from the simulator'] }],
      });
    }
    const integration = await this.ingest.integrationFor(message.platform, message.recipientId);
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
    });
  }
}
