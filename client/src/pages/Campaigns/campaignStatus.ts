import type { BadgeTone } from '../../components/ui';
import type { CampaignStatus, TargetPlatform } from '../../gql/graphql';

export const CAMPAIGN_STATUS_LABELS: Record<CampaignStatus, string> = {
  DRAFT: 'Draft',
  ACTIVE: 'Active',
  PAUSED: 'Paused',
  COMPLETED: 'Completed',
};

export const CAMPAIGN_STATUS_TONES: Record<CampaignStatus, BadgeTone> = {
  DRAFT: 'neutral',
  ACTIVE: 'success',
  PAUSED: 'warning',
  COMPLETED: 'info',
};

export const TARGET_PLATFORM_LABELS: Record<TargetPlatform, string> = {
  ALL: 'All channels',
  FACEBOOK: 'Messenger',
  INSTAGRAM: 'Instagram',
  WHATSAPP: 'WhatsApp',
};

export interface StatusAction {
  to: CampaignStatus;
  label: string;
  /** Asked before doing it: the change cannot be undone. */
  confirm?: string;
}

/**
 * The moves the server allows (CAMPAIGN_TRANSITIONS in campaign.service.ts:
 * DRAFT→ACTIVE, ACTIVE→PAUSED, PAUSED→ACTIVE, ACTIVE→COMPLETED), as buttons.
 */
export const STATUS_ACTIONS: Record<CampaignStatus, StatusAction[]> = {
  DRAFT: [{ to: 'ACTIVE', label: 'Activate' }],
  ACTIVE: [
    { to: 'PAUSED', label: 'Pause' },
    {
      to: 'COMPLETED',
      label: 'Complete',
      confirm:
        'A completed campaign stops for good: it cannot be activated again. Its chats and numbers stay.',
    },
  ],
  PAUSED: [{ to: 'ACTIVE', label: 'Resume' }],
  COMPLETED: [],
};
