import type { BadgeTone } from '../ui';
import type { ChatStatus } from '../../gql/graphql';

export const CHAT_STATUS_LABELS: Record<ChatStatus, string> = {
  ACTIVE: 'Active',
  QUALIFIED: 'Qualified',
  CONVERTED: 'Converted',
  CLOSED: 'Closed',
  ARCHIVED: 'Archived',
};

export const CHAT_STATUS_TONES: Record<ChatStatus, BadgeTone> = {
  ACTIVE: 'info',
  QUALIFIED: 'accent',
  CONVERTED: 'success',
  CLOSED: 'neutral',
  ARCHIVED: 'neutral',
};

/** Lead temperature: the colour says how close the customer is to buying. */
export const scoreTone = (score: number): BadgeTone =>
  score >= 70 ? 'danger' : score >= 40 ? 'warning' : 'neutral';
