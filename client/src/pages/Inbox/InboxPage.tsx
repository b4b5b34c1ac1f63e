import { Link, useParams } from 'react-router-dom';
import { useUrlParams } from '../../useUrlParams';
import { EmptyState, MessageIcon, cx } from '../../components/ui';
import { ChatList } from './ChatList';
import { filtersFromParams, type InboxFilters } from './inboxFilters';
import { Conversation } from './Conversation';

const PARAM_OF: Record<keyof InboxFilters, string> = {
  status: 'status',
  platform: 'platform',
  mode: 'mode',
  attention: 'attention',
  search: 'q',
};

/**
 * /inbox and /inbox/:chatId. From 768 px the list and the conversation sit side by side;
 * below, each is its own view (the list, or the open chat with a way back).
 */
export function InboxPage() {
  const { chatId = null } = useParams<{ chatId: string }>();
  const [params, setParam] = useUrlParams();
  const filters = filtersFromParams(params);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const linkSearch = params.toString() ? `?${params.toString()}` : '';

  const onFiltersChange = (changes: Partial<InboxFilters>) =>
    setParam({
      ...Object.fromEntries(
        Object.entries(changes).map(([key, value]) => [
          PARAM_OF[key as keyof InboxFilters],
          value === true ? '1' : value || '',
        ]),
      ),
      page: '',
    });

  return (
    <>
      <h1
        className={cx(
          'mb-3 text-2xl font-bold tracking-tight text-slate-900',
          chatId && 'sr-only md:not-sr-only',
        )}
      >
        Inbox
      </h1>
      <div className="flex h-[calc(100dvh-8rem)] min-h-[26rem] overflow-hidden rounded-2xl border border-white/70 bg-white/75 shadow-lg shadow-slate-900/5 backdrop-blur-xl md:h-[calc(100dvh-10.5rem)] lg:h-[calc(100dvh-11.5rem)]">
        <div
          className={cx(
            'w-full min-w-0 border-slate-200/80 md:block md:w-72 md:shrink-0 md:border-r lg:w-80 xl:w-72',
            chatId ? 'hidden' : 'block',
          )}
        >
          <ChatList
            filters={filters}
            onFiltersChange={onFiltersChange}
            page={page}
            onPageChange={(next) => setParam({ page: next > 1 ? String(next) : '' })}
            selectedId={chatId}
            linkSearch={linkSearch}
          />
        </div>
        <div className={cx('min-w-0 flex-1', chatId ? 'block' : 'hidden md:block')}>
          {chatId ? (
            <Conversation key={chatId} chatId={chatId} backTo={`/inbox${linkSearch}`} />
          ) : (
            <div className="grid h-full place-items-center">
              <EmptyState
                icon={<MessageIcon className="h-6 w-6" />}
                title="Pick a conversation"
                description="Chats that need you are at the top of the list. Open one to read it, take it over or reply."
                action={
                  <Link
                    to="/campaigns"
                    className="text-sm font-semibold text-indigo-700 hover:underline"
                  >
                    Test a campaign in the simulator
                  </Link>
                }
              />
            </div>
          )}
        </div>
      </div>
    </>
  );
}
