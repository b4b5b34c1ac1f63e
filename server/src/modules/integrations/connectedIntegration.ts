import type { Types } from 'mongoose';
import type { Platform } from '../../platforms/platform';
import { IntegrationModel, IntegrationStatus, type Integration } from './integration.model';

/** The owner's connected integration for a platform, credentials included (for senders). */
export function connectedIntegration(
  userId: Types.ObjectId,
  platform: Platform,
): Promise<Integration | null> {
  return IntegrationModel.findOne({ userId, platform, status: IntegrationStatus.CONNECTED })
    .select('+credentials')
    .lean();
}
