import { CHAT_STATUS_LABELS } from '../../components/conversation/chatStatus';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import type { ChatFilter, ChatMode, ChatStatus, Platform } from '../../gql/graphql';
import { PLATFORM_LABELS } from '../../lib/format';

/** What the list's filters and order look at: the server's rules, applied to one chat. */
export const InboxFiltersChat = graphql(`
  fragment InboxFilters_chat on Chat {
    id
    status
    platform
    mode
    needsAttention
    customerName
    lastMessageAt
  }
`);

type FilteredChat = FragmentType<typeof InboxFiltersChat>;

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
export function matchesFilter(ref: FilteredChat, filter: ChatFilter): boolean {
  const chat = getFragmentData(InboxFiltersChat, ref);
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

/** How many of the chats wait for a person. */
export const waitingCount = (chats: readonly FilteredChat[]): number =>
  getFragmentData(InboxFiltersChat, chats).filter((chat) => chat.needsAttention).length;

const time = (iso: string | null | undefined) => (iso ? new Date(iso).getTime() : 0);

/** Chats waiting for a person first, then the most recent activity. */
export function inboxOrder(left: FilteredChat, right: FilteredChat): number {
  const a = getFragmentData(InboxFiltersChat, left);
  const b = getFragmentData(InboxFiltersChat, right);
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

/** No filter at all: what "Clear filters" sets. */
export const NO_FILTERS: InboxFilters = {
  status: '',
  platform: '',
  mode: '',
  attention: false,
  search: '',
};
