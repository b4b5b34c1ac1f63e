import { useQuery, useSubscription } from '@apollo/client/react';
import { useEffect, useMemo } from 'react';
import { Link } from 'react-router-dom';
import {
  Badge,
  Button,
  EmptyState,
  InboxIcon,
  Input,
  Select,
  Skeleton,
  cx,
  useToast,
} from '../../components/ui';
import type { InboxChatFieldsFragment } from '../../gql/graphql';
import { useDebounced } from '../Campaigns/useDebounced';
import {
  ATTENTION_OPTIONS,
  MODE_OPTIONS,
  PLATFORM_OPTIONS,
  STATUS_OPTIONS,
  inboxOrder,
  matchesFilter,
  toChatFilter,
  type InboxFilters,
} from './chatFilters';
import { CHAT_STATUS_LABELS, PLATFORM_LABELS, initials, scoreTone, shortAgo } from './format';
import { InboxChatUpdatedDocument, InboxChatsDocument } from './operations';

const PAGE_SIZE = 30;

interface ChatListProps {
  filters: InboxFilters;
  onFiltersChange: (changes: Partial<InboxFilters>) => void;
  page: number;
  onPageChange: (page: number) => void;
  selectedId: string | null;
  /** Keeps the filters in the links, so opening a chat does not reset them. */
  linkSearch: string;
}

/** The chat list: filters, needs-attention first, kept live by `chatUpdated`. */
export function ChatList({
  filters,
  onFiltersChange,
  page,
  onPageChange,
  selectedId,
  linkSearch,
}: ChatListProps) {
  const toast = useToast();
  const search = useDebounced(filters.search.trim());
  const filter = useMemo(() => toChatFilter(filters, search), [filters, search]);
  const variables = { filter, page, limit: PAGE_SIZE };

  const { data, previousData, loading, error } = useQuery(InboxChatsDocument, {
    variables,
    fetchPolicy: 'cache-and-network',
  });
  useEffect(() => {
    if (error) toast.error(error);
  }, [error, toast]);

  useSubscription(InboxChatUpdatedDocument, {
    // The chat's fields update by themselves (normalized cache); only the list's
    // membership needs care: a new chat joins, one that stopped matching leaves.
    onData: ({ client, data: event }) => {
      const chat = event.data?.chatUpdated;
      if (!chat) return;
      client.cache.updateQuery({ query: InboxChatsDocument, variables }, (current) => {
        if (!current) return undefined;
        const listed = current.chats.items.some((item) => item.id === chat.id);
        const fits = matchesFilter(chat, filter);
        if (listed && !fits) {
          return {
            ...current,
            chats: {
              ...current.chats,
              total: Math.max(0, current.chats.total - 1),
              items: current.chats.items.filter((item) => item.id !== chat.id),
            },
          };
        }
        if (!listed && fits && page === 1) {
          return {
            ...current,
            chats: {
              ...current.chats,
              total: current.chats.total + 1,
              items: [chat, ...current.chats.items],
            },
          };
        }
        return undefined;
      });
    },
  });

  const list = (data ?? previousData)?.chats;
  const chats = useMemo(() => [...(list?.items ?? [])].sort(inboxOrder), [list]);
  const waiting = chats.filter((chat) => chat.needsAttention).length;
  const filtered = Boolean(
    filters.status || filters.platform || filters.mode || filters.attention || search,
  );

  return (
    <div className="flex h-full min-h-0 flex-col">
      <div className="grid gap-2 border-b border-slate-200/80 p-3">
        <Input
          label="Search chats"
          hideLabel
          type="search"
          placeholder="Search by customer name"
          value={filters.search}
          onChange={(e) => onFiltersChange({ search: e.target.value })}
        />
        <div className="grid grid-cols-2 gap-2">
          <Select
            label="Status"
            hideLabel
            className="py-1.5 pl-2.5 text-xs!"
            options={STATUS_OPTIONS}
            value={filters.status}
            onChange={(e) => onFiltersChange({ status: e.target.value as InboxFilters['status'] })}
          />
          <Select
            label="Channel"
            hideLabel
            className="py-1.5 pl-2.5 text-xs!"
            options={PLATFORM_OPTIONS}
            value={filters.platform}
            onChange={(e) =>
              onFiltersChange({ platform: e.target.value as InboxFilters['platform'] })
            }
          />
          <Select
            label="Who answers"
            hideLabel
            className="py-1.5 pl-2.5 text-xs!"
            options={MODE_OPTIONS}
            value={filters.mode}
            onChange={(e) => onFiltersChange({ mode: e.target.value as InboxFilters['mode'] })}
          />
          <Select
            label="Attention"
            hideLabel
            className="py-1.5 pl-2.5 text-xs!"
            options={ATTENTION_OPTIONS}
            value={filters.attention ? '1' : ''}
            onChange={(e) => onFiltersChange({ attention: e.target.value === '1' })}
          />
        </div>
        <p className="flex items-center justify-between text-xs text-slate-600" aria-live="polite">
          <span>
            {list ? `${list.total} ${list.total === 1 ? 'chat' : 'chats'}` : 'Loading chats…'}
          </span>
          {waiting > 0 && <Badge tone="danger">{waiting} need attention</Badge>}
        </p>
      </div>

      <div className="min-h-0 flex-1 overflow-y-auto" aria-busy={loading && !list}>
        {!list ? (
          <ul className="grid gap-1 p-2">
            {Array.from({ length: 6 }, (_, index) => (
              <li key={index} className="flex gap-3 p-2">
                <Skeleton className="h-10 w-10 rounded-full" />
                <div className="flex-1">
                  <Skeleton className="h-4 w-1/2" />
                  <Skeleton className="mt-2 h-3 w-4/5" />
                </div>
              </li>
            ))}
          </ul>
        ) : chats.length === 0 ? (
          filtered ? (
            <EmptyState
              title="No chats match"
              description="Change the filters or the search."
              action={
                <Button
                  variant="secondary"
                  size="sm"
                  onClick={() =>
                    onFiltersChange({
                      status: '',
                      platform: '',
                      mode: '',
                      attention: false,
                      search: '',
                    })
                  }
                >
                  Clear filters
                </Button>
              }
            />
          ) : (
            <EmptyState
              icon={<InboxIcon className="h-6 w-6" />}
              title="No conversations yet"
              description="Chats appear here live when customers write on a connected channel. Test a campaign in its simulator to see one now."
              action={
                <Link
                  to="/campaigns"
                  className="text-sm font-semibold text-indigo-700 hover:underline"
                >
                  Go to campaigns
                </Link>
              }
            />
          )
        ) : (
          <ul aria-label="Chats" className="flex flex-col gap-0.5 p-2">
            {chats.map((chat) => (
              <li key={chat.id}>
                <ChatRow
                  chat={chat}
                  selected={chat.id === selectedId}
                  to={`/inbox/${chat.id}${linkSearch}`}
                />
              </li>
            ))}
          </ul>
        )}
      </div>

      {list && list.pages > 1 && (
        <nav
          aria-label="Chat pages"
          className="flex items-center justify-between gap-2 border-t border-slate-200/80 p-2"
        >
          <Button
            variant="ghost"
            size="sm"
            disabled={page <= 1}
            onClick={() => onPageChange(page - 1)}
          >
            Newer
          </Button>
          <span className="text-xs text-slate-600">
            {page} / {list.pages}
          </span>
          <Button
            variant="ghost"
            size="sm"
            disabled={page >= list.pages}
            onClick={() => onPageChange(page + 1)}
          >
            Older
          </Button>
        </nav>
      )}
    </div>
  );
}

function ChatRow({
  chat,
  selected,
  to,
}: {
  chat: InboxChatFieldsFragment;
  selected: boolean;
  to: string;
}) {
  const last = chat.recent[chat.recent.length - 1];
  const name = chat.customerName || chat.customerId;
  return (
    <Link
      to={to}
      aria-current={selected ? 'page' : undefined}
      className={cx(
        'flex min-w-0 gap-3 rounded-xl p-2.5 transition-colors focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none',
        selected ? 'bg-white shadow-sm ring-1 ring-indigo-200' : 'hover:bg-white/70',
      )}
    >
      <span className="relative shrink-0">
        <span
          aria-hidden="true"
          className="grid h-10 w-10 place-items-center rounded-full bg-gradient-to-br from-indigo-100 to-fuchsia-100 text-sm font-bold text-indigo-800"
        >
          {initials(chat.customerName)}
        </span>
        {chat.needsAttention && (
          <span
            aria-hidden="true"
            className="absolute -top-0.5 -right-0.5 h-3 w-3 rounded-full bg-rose-500 ring-2 ring-white"
          />
        )}
      </span>
      <span className="min-w-0 flex-1">
        <span className="flex items-baseline justify-between gap-2">
          <span className="truncate text-sm font-semibold text-slate-900">{name}</span>
          <time
            className="shrink-0 text-xs text-slate-600"
            dateTime={chat.lastMessageAt ?? undefined}
          >
            {shortAgo(chat.lastMessageAt)}
          </time>
        </span>
        <span className="block truncate text-sm text-slate-700">
          {last
            ? `${last.sender === 'CUSTOMER' ? '' : last.sender === 'AI' ? 'AI: ' : 'You: '}${last.content}`
            : 'No messages'}
        </span>
        <span className="mt-1 flex flex-wrap items-center gap-1">
          {chat.needsAttention && <Badge tone="danger">Needs attention</Badge>}
          <Badge tone="neutral">{PLATFORM_LABELS[chat.platform]}</Badge>
          {chat.status !== 'ACTIVE' && (
            <Badge tone={chat.status === 'CONVERTED' ? 'success' : 'accent'}>
              {CHAT_STATUS_LABELS[chat.status]}
            </Badge>
          )}
          {chat.mode === 'HUMAN' && <Badge tone="warning">You</Badge>}
          <Badge tone={scoreTone(chat.leadScore)}>
            <span className="sr-only">Lead score</span> {chat.leadScore}
          </Badge>
        </span>
      </span>
    </Link>
  );
}
