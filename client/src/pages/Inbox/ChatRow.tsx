import { Link } from 'react-router-dom';
import { CHAT_STATUS_LABELS, scoreTone } from '../../components/conversation/chatStatus';
import { Badge, cx } from '../../components/ui';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { initials, PLATFORM_LABELS, shortAgo } from '../../lib/format';

export const ChatRowChat = graphql(`
  fragment ChatRow_chat on Chat {
    customerName
    customerId
    needsAttention
    lastMessageAt
    platform
    status
    mode
    leadScore
    recent {
      sender
      content
    }
  }
`);

/** One chat in the list: who, when, the last line, and the badges that sort the inbox. */
export function ChatRow({
  selected,
  to,
  ...props
}: {
  chat: FragmentType<typeof ChatRowChat>;
  selected: boolean;
  to: string;
}) {
  const chat = getFragmentData(ChatRowChat, props.chat);
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
