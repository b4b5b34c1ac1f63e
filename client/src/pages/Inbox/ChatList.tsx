import { useEffect, useMemo } from 'react';
import { Badge, Button, useToast } from '../../components/ui';
import { useDebounced } from '../../lib/useDebounced';
import { ChatFilters } from './ChatFilters';
import { ChatRows } from './ChatRows';
import { NO_FILTERS, toChatFilter, waitingCount, type InboxFilters } from './inboxFilters';
import { useLiveChatList } from './useLiveChatList';

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
  const { list, chats, loading, error } = useLiveChatList(filter, page);
  useEffect(() => {
    if (error) toast.error(error);
  }, [error, toast]);

  const waiting = waitingCount(chats);
  const filtered = Boolean(
    filters.status || filters.platform || filters.mode || filters.attention || search,
  );

  return (
    <div className="flex h-full min-h-0 flex-col">
      <div className="grid gap-2 border-b border-slate-200/80 p-3">
        <ChatFilters filters={filters} onFiltersChange={onFiltersChange} />
        <p className="flex items-center justify-between text-xs text-slate-600" aria-live="polite">
          <span>
            {list ? `${list.total} ${list.total === 1 ? 'chat' : 'chats'}` : 'Loading chats…'}
          </span>
          {waiting > 0 && <Badge tone="danger">{waiting} need attention</Badge>}
        </p>
      </div>

      <div className="min-h-0 flex-1 overflow-y-auto" aria-busy={loading && !list}>
        <ChatRows
          chats={list && chats}
          filtered={filtered}
          onClearFilters={() => onFiltersChange(NO_FILTERS)}
          selectedId={selectedId}
          linkSearch={linkSearch}
        />
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
