import type {
  ChatFilter,
  ChatMode,
  ChatStatus,
  InboxChatFieldsFragment,
  Platform,
} from '../../gql/graphql';
import { CHAT_STATUS_LABELS, PLATFORM_LABELS } from './format';

/** The inbox filters as the URL keeps them (`?status=QUALIFIED&platform=WHATSAPP&q=ann`). */
export interface InboxFilters {
  status: ChatStatus | '';
  platform: Platform | '';
  mode: ChatMode | '';
  /** Only the chats waiting for a person. */
  attention: boolean;
  search: string;
}

const STATUSES = Object.keys(CHAT_STATUS_LABELS) as ChatStatus[];
const PLATFORMS = Object.keys(PLATFORM_LABELS) as Platform[];
const MODES: ChatMode[] = ['AI', 'HUMAN'];

const pick = <T extends string>(value: string | null, allowed: readonly T[]): T | '' =>
  allowed.includes(value as T) ? (value as T) : '';

export function filtersFromParams(params: URLSearchParams): InboxFilters {
  return {
    status: pick(params.get('status'), STATUSES),
    platform: pick(params.get('platform'), PLATFORMS),
    mode: pick(params.get('mode'), MODES),
    attention: params.get('attention') === '1',
    search: params.get('q') ?? '',
  };
}

export function toChatFilter(filters: InboxFilters, search: string): ChatFilter {
  return {
    ...(filters.status && { status: filters.status }),
    ...(filters.platform && { platform: filters.platform }),
    ...(filters.mode && { mode: filters.mode }),
    ...(filters.attention && { needsAttention: true }),
    ...(search && { search }),
  };
}

/** Whether a chat belongs in the list the filter asks for: the server's rules, on one chat. */
export function matchesFilter(chat: InboxChatFieldsFragment, filter: ChatFilter): boolean {
  if (filter.status && chat.status !== filter.status) return false;
  if (filter.platform && chat.platform !== filter.platform) return false;
  if (filter.mode && chat.mode !== filter.mode) return false;
  if (filter.needsAttention && !chat.needsAttention) return false;
  if (filter.search) {
    const name = (chat.customerName ?? '').toLowerCase();
    if (!name.includes(filter.search.trim().toLowerCase())) return false;
  }
  return true;
}

const time = (iso: string | null | undefined) => (iso ? new Date(iso).getTime() : 0);

/** Chats waiting for a person first, then the most recent activity. */
export function inboxOrder(a: InboxChatFieldsFragment, b: InboxChatFieldsFragment): number {
  if (a.needsAttention !== b.needsAttention) return a.needsAttention ? -1 : 1;
  return time(b.lastMessageAt) - time(a.lastMessageAt) || (a.id < b.id ? 1 : -1);
}

export const STATUS_OPTIONS = [
  { value: '', label: 'Any status' },
  ...STATUSES.map((value) => ({ value, label: CHAT_STATUS_LABELS[value] })),
];
export const PLATFORM_OPTIONS = [
  { value: '', label: 'Channels' },
  ...PLATFORMS.map((value) => ({ value, label: PLATFORM_LABELS[value] })),
];
export const MODE_OPTIONS = [
  { value: '', label: 'AI and you' },
  { value: 'AI', label: 'AI answering' },
  { value: 'HUMAN', label: 'You answering' },
];
export const ATTENTION_OPTIONS = [
  { value: '', label: 'All chats' },
  { value: '1', label: 'Needs attention' },
];
