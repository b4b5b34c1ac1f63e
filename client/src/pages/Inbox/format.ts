import type { ChatStatus } from '../../gql/graphql';
import type { BadgeTone } from '../../components/ui';

// One way to show amounts and platforms across the dashboard.
export { formatMoney, PLATFORM_LABELS } from '../../format';

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

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "now", "5m", "3h", "2d", or a date: short enough for a list row. */
export function shortAgo(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '';
  const elapsed = Math.max(0, now - new Date(iso).getTime());
  if (elapsed < MINUTE) return 'now';
  if (elapsed < HOUR) return `${Math.floor(elapsed / MINUTE)}m`;
  if (elapsed < DAY) return `${Math.floor(elapsed / HOUR)}h`;
  if (elapsed < 7 * DAY) return `${Math.floor(elapsed / DAY)}d`;
  return new Date(iso).toLocaleDateString();
}

export const formatTime = (iso: string): string =>
  new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });

export const formatDateTime = (iso: string): string =>
  new Date(iso).toLocaleString(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });

export const initials = (name: string | null | undefined): string =>
  (name ?? '?')
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join('') || '?';
