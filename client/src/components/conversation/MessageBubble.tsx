import { getFragmentData, graphql, type FragmentType } from '../../gql';
import type { DeliveryStatus, Sender } from '../../gql/graphql';
import { formatTime } from '../../lib/format';
import { cx } from '../ui';
import { MessageContent } from './MessageContent';
import { SendAgain } from './SendAgain';

export const MessageBubbleMessage = graphql(`
  fragment MessageBubble_message on Message {
    id
    sender
    content
    createdAt
    fromOutside
    reaction {
      emoji
    }
    delivery {
      status
      reason
    }
    ...MessageContent_message
  }
`);

const SENDER_LABELS: Record<Sender, string> = {
  CUSTOMER: 'Customer',
  AI: 'AI',
  BUSINESS: 'You',
};

/** What the owner is told of a message of ours that has not simply gone out. */
const DELIVERY_NOTES: Partial<Record<DeliveryStatus, string>> = {
  FAILED: 'Not delivered',
  NOT_SENT: 'Not sent',
  UNCONFIRMED: 'Not confirmed',
  RETRYING: 'Retrying',
};

/** One message: who sent it, when, and what became of it if it has not simply gone out. */
export function MessageBubble(props: { message: FragmentType<typeof MessageBubbleMessage> }) {
  const message = getFragmentData(MessageBubbleMessage, props.message);
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
          <MessageContent message={message} />
        </div>
        {message.reaction && (
          <span
            className="-mt-2 ml-2 inline-block rounded-full bg-white px-1.5 text-sm shadow ring-1 ring-slate-200"
            aria-label={`The customer reacted ${message.reaction.emoji}`}
          >
            {message.reaction.emoji}
          </span>
        )}
        <p className="mt-0.5 px-1 text-xs text-slate-600">
          <span className="font-medium">
            {message.fromOutside ? 'A person, outside Salesdesk' : SENDER_LABELS[message.sender]}
          </span>{' '}
          · <time dateTime={message.createdAt}>{formatTime(message.createdAt)}</time>
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
