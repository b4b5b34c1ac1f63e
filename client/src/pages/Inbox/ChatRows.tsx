import { Link } from 'react-router-dom';
import { Button, EmptyState, InboxIcon, Skeleton } from '../../components/ui';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { ChatRow } from './ChatRow';

export const ChatRowsChat = graphql(`
  fragment ChatRows_chat on Chat {
    id
    ...ChatRow_chat
  }
`);

interface ChatRowsProps {
  /** Undefined while the first page loads. */
  chats: readonly FragmentType<typeof ChatRowsChat>[] | undefined;
  /** Whether filters or a search narrow the list: an empty list then says so. */
  filtered: boolean;
  onClearFilters: () => void;
  selectedId: string | null;
  /** Keeps the filters in the links, so opening a chat does not reset them. */
  linkSearch: string;
}

/** The chats of the page, in inbox order, or why there are none. */
export function ChatRows({
  filtered,
  onClearFilters,
  selectedId,
  linkSearch,
  ...props
}: ChatRowsProps) {
  const chats = getFragmentData(ChatRowsChat, props.chats);
  if (!chats) {
    return (
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
    );
  }
  if (chats.length === 0) {
    return filtered ? (
      <EmptyState
        title="No chats match"
        description="Change the filters or the search."
        action={
          <Button variant="secondary" size="sm" onClick={onClearFilters}>
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
          <Link to="/campaigns" className="text-sm font-semibold text-indigo-700 hover:underline">
            Go to campaigns
          </Link>
        }
      />
    );
  }
  return (
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
  );
}
