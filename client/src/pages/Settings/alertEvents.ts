import type { AlertEvent } from '../../gql/graphql';

/** How the settings name each kind of alert. */
export const ALERT_EVENTS: Record<Exclude<AlertEvent, 'TEST'>, { label: string; hint: string }> = {
  HANDOFF: { label: 'The AI hands a chat to you', hint: 'It could not go on alone.' },
  PERSON_REQUESTED: { label: 'A customer asks for a person', hint: 'The AI hands the chat over.' },
  ATTENTION: {
    label: 'A chat is flagged for you',
    hint: 'A question nothing you taught answers, a voice note, a story mention.',
  },
  REPLY_NOT_SENT: {
    label: 'A reply was not sent',
    hint: 'Meta refused it, or did not confirm it reached the customer.',
  },
  INTEGRATION_ERROR: {
    label: 'A channel stops working',
    hint: 'An expired token, a Page disconnected.',
  },
  UNANSWERED_CHAT: {
    label: 'A new chat nobody answers',
    hint: 'Auto-reply is off, or it came outside business hours.',
  },
  SALE: { label: 'A sale', hint: 'The AI recorded an order.' },
};
