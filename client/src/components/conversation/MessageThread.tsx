import { useLayoutEffect, useRef, type ReactNode } from 'react';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { Button, Skeleton, cx } from '../ui';
import { MessageBubble } from './MessageBubble';

export const MessageThreadMessage = graphql(`
  fragment MessageThread_message on Message {
    id
    ...MessageBubble_message
  }
`);

interface MessageThreadProps {
  messages: readonly FragmentType<typeof MessageThreadMessage>[];
  loading: boolean;
  hasMore: boolean;
  loadingOlder: boolean;
  onLoadOlder: () => void;
  /** Who the bubbles on the left are: the customer in the inbox. */
  label: string;
  /** Shown after the messages (a message being sent, "typing…"). */
  footer?: ReactNode;
  empty?: ReactNode;
  className?: string;
}

/** Near the bottom: a new message scrolls into view; further up, the reader keeps their place. */
const NEAR_BOTTOM_PX = 120;

export function MessageThread({
  messages: messageRefs,
  loading,
  hasMore,
  loadingOlder,
  onLoadOlder,
  label,
  footer,
  empty,
  className,
}: MessageThreadProps) {
  const messages = getFragmentData(MessageThreadMessage, messageRefs);
  const scroller = useRef<HTMLDivElement>(null);
  const seen = useRef({ first: '', last: '', height: 0, nearBottom: true });

  useLayoutEffect(() => {
    const box = scroller.current;
    if (!box) return;
    const first = messages[0]?.id ?? '';
    const last = messages[messages.length - 1]?.id ?? '';
    const before = seen.current;
    if (first !== before.first && last === before.last && before.height > 0) {
      // Older messages were put on top: keep the same message under the reader's eyes.
      box.scrollTop += box.scrollHeight - before.height;
    } else if (before.nearBottom || before.last === '') {
      box.scrollTop = box.scrollHeight;
      before.nearBottom = true;
    }
    seen.current = { first, last, height: box.scrollHeight, nearBottom: before.nearBottom };
  }, [messages, footer]);

  const onScroll = () => {
    const box = scroller.current;
    if (!box) return;
    seen.current.nearBottom = box.scrollHeight - box.scrollTop - box.clientHeight < NEAR_BOTTOM_PX;
    seen.current.height = box.scrollHeight;
  };

  return (
    // The scroll box is the log: focusable, so keyboard users can scroll it too.
    <div
      ref={scroller}
      onScroll={onScroll}
      role="log"
      aria-label={label}
      aria-live="polite"
      tabIndex={0}
      className={cx(
        'min-h-0 overflow-y-auto px-3 py-4 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none focus-visible:ring-inset sm:px-5',
        className,
      )}
    >
      {hasMore && (
        <div className="mb-3 flex justify-center">
          <Button variant="secondary" size="sm" loading={loadingOlder} onClick={onLoadOlder}>
            Load older messages
          </Button>
        </div>
      )}
      {loading ? (
        <div aria-busy="true" className="grid gap-3">
          <Skeleton className="h-10 w-2/3 rounded-2xl" />
          <Skeleton className="ml-auto h-14 w-3/5 rounded-2xl" />
          <Skeleton className="h-10 w-1/2 rounded-2xl" />
        </div>
      ) : messages.length === 0 && !footer ? (
        empty
      ) : (
        <ol className="grid gap-2">
          {messages.map((message) => (
            <MessageBubble key={message.id} message={message} />
          ))}
        </ol>
      )}
      {footer}
    </div>
  );
}
