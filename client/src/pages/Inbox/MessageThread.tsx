import { useLayoutEffect, useRef, type ReactNode } from 'react';
import { Button, Skeleton, cx } from '../../components/ui';
import type { DeliveryStatus, InboxMessageFieldsFragment, Sender } from '../../gql/graphql';
import { formatTime } from './format';
import { SendAgain } from './SendAgain';

interface MessageThreadProps {
  messages: InboxMessageFieldsFragment[];
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

const SENDER_LABELS: Record<Sender, string> = {
  CUSTOMER: 'Customer',
  AI: 'AI',
  BUSINESS: 'You',
};

/** Near the bottom: a new message scrolls into view; further up, the reader keeps their place. */
const NEAR_BOTTOM_PX = 120;

export function MessageThread({
  messages,
  loading,
  hasMore,
  loadingOlder,
  onLoadOlder,
  label,
  footer,
  empty,
  className,
}: MessageThreadProps) {
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
            <Bubble key={message.id} message={message} />
          ))}
        </ol>
      )}
      {footer}
    </div>
  );
}

/** What the owner is told of a message of ours that has not simply gone out. */
const DELIVERY_NOTES: Partial<Record<DeliveryStatus, string>> = {
  FAILED: 'Not delivered',
  NOT_SENT: 'Not sent',
  UNCONFIRMED: 'Not confirmed',
  RETRYING: 'Retrying',
};

function Bubble({ message }: { message: InboxMessageFieldsFragment }) {
  const ours = message.sender !== 'CUSTOMER';
  const status = message.delivery?.status;
  const note = status && DELIVERY_NOTES[status];
  return (
    <li className={cx('flex', ours ? 'justify-end' : 'justify-start')}>
      <div className={cx('max-w-[85%] sm:max-w-[75%]', ours && 'text-right')}>
        <div
          className={cx(
            'inline-block rounded-2xl px-3.5 py-2 text-left text-sm break-words whitespace-pre-wrap shadow-sm',
            message.sender === 'CUSTOMER' &&
              'rounded-bl-md bg-white text-slate-900 ring-1 ring-slate-200',
            message.sender === 'AI' && 'rounded-br-md bg-indigo-600 text-white',
            message.sender === 'BUSINESS' && 'rounded-br-md bg-emerald-700 text-white',
          )}
        >
          {message.content}
        </div>
        <p className="mt-0.5 px-1 text-xs text-slate-600">
          <span className="font-medium">{SENDER_LABELS[message.sender]}</span> ·{' '}
          <time dateTime={message.createdAt}>{formatTime(message.createdAt)}</time>
          {note && (
            <span
              className={cx(
                'ml-1 font-medium',
                status === 'RETRYING' ? 'text-amber-800' : 'text-rose-700',
              )}
            >
              · {note}
              {message.delivery?.reason ? `: ${message.delivery.reason}` : ''}
            </span>
          )}
          {ours && (status === 'UNCONFIRMED' || status === 'FAILED') && (
            <SendAgain messageId={message.id} status={status} />
          )}
        </p>
      </div>
    </li>
  );
}

/** Three dots while the AI writes its answer. */
export function TypingBubble({ who }: { who: string }) {
  return (
    <div className="mt-2 flex justify-end" role="status">
      <span className="sr-only">{who} is typing…</span>
      <span
        aria-hidden="true"
        className="inline-flex gap-1 rounded-2xl rounded-br-md bg-indigo-100 px-3.5 py-3"
      >
        {[0, 150, 300].map((delay) => (
          <span
            key={delay}
            className="h-1.5 w-1.5 animate-bounce rounded-full bg-indigo-500"
            style={{ animationDelay: `${delay}ms` }}
          />
        ))}
      </span>
    </div>
  );
}
