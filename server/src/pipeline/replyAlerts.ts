import { formatMoney, toMinor } from '../modules/business/money';
import { AlertEvent } from '../modules/alerts/alert.model';
import type { RaiseAlert } from '../modules/alerts/alerts.service';
import { ChatMode, type Chat } from '../modules/chats/chat.model';
import type { Message } from '../modules/chats/message.model';
import { Platform, PLATFORM_NAMES } from '../platforms/platform';

/** What a customer message and the decision on it tell the owner: none, or a few alerts. */
export interface Outcome {
  /** The chat with the customer's message, before the decision. */
  before: Chat;
  after: Chat;
  /** Nobody answered: auto-reply off, or the away message outside business hours. */
  unanswered?: 'auto-reply off' | 'outside hours';
}

const PERSON_ASKED = /asked for a (person|human)/i;

const nameOf = (chat: Chat) => chat.customerName?.trim() || 'A customer';

function where(chat: Chat): string {
  return chat.platform === Platform.SIMULATOR
    ? 'in the simulator'
    : `on ${PLATFORM_NAMES[chat.platform]}`;
}

function lastWords(chat: Chat): string {
  const last = [...chat.recent].reverse().find((entry) => entry.sender === 'customer');
  const text = last?.content.trim() ?? '';
  return text ? ` They wrote: "${text.length > 160 ? `${text.slice(0, 157)}...` : text}"` : '';
}

export function alertsOf({ before, after, unanswered }: Outcome): RaiseAlert[] {
  const common = {
    userId: after.userId,
    chatId: after._id,
    test: after.isTest || after.platform === Platform.SIMULATOR,
  };
  const name = nameOf(after);
  const alerts: RaiseAlert[] = [];
  const handedOver = after.mode === ChatMode.HUMAN && before.mode !== ChatMode.HUMAN;
  if (handedOver) {
    const asked = PERSON_ASKED.test(after.attentionReason ?? '');
    alerts.push({
      ...common,
      event: asked ? AlertEvent.PERSON_REQUESTED : AlertEvent.HANDOFF,
      title: asked ? `${name} asked for a person` : `${name} needs a person`,
      body: `The AI handed the chat ${where(after)} to you: ${after.attentionReason ?? 'a person should answer'}.${lastWords(after)}`,
    });
  } else if (after.needsAttention && !before.needsAttention) {
    alerts.push({
      ...common,
      event: AlertEvent.ATTENTION,
      title: `${name}'s chat needs you`,
      body: `${after.attentionReason ?? 'The AI flagged the chat for you.'}${lastWords(after)}`,
    });
  }
  if (unanswered && before.messageCount <= 1) {
    alerts.push({
      ...common,
      event: AlertEvent.UNANSWERED_CHAT,
      title: `New chat from ${name}`,
      body:
        unanswered === 'auto-reply off'
          ? `Auto-reply is off ${where(after)}: nobody has answered yet.${lastWords(after)}`
          : `It came outside business hours ${where(after)}; the away message was sent.${lastWords(after)}`,
    });
  }
  const sale = after.conversion;
  if (sale?.converted && !before.conversion?.converted) {
    const amount =
      sale.orderValue !== undefined && sale.currency
        ? formatMoney(toMinor(sale.orderValue, sale.currency), sale.currency)
        : undefined;
    alerts.push({
      ...common,
      event: AlertEvent.SALE,
      title: amount ? `Sale: ${amount} from ${name}` : `Sale from ${name}`,
      body: `${name} bought ${where(after)}${sale.orderDetails ? `: ${sale.orderDetails}` : ''}.`,
    });
  }
  return alerts;
}

/** An AI reply that did not, or may not, reach the customer (Delivery settles it so). */
export function undeliveredAlert(
  message: Pick<Message, 'userId' | 'chatId'>,
  chat: Pick<Chat, 'customerName' | 'isTest'> | null,
  reason: string | undefined,
): RaiseAlert {
  return {
    userId: message.userId,
    chatId: message.chatId,
    event: AlertEvent.REPLY_NOT_SENT,
    title: `A reply to ${chat?.customerName?.trim() || 'a customer'} was not sent`,
    body: reason ?? 'The reply did not reach the customer.',
    test: chat?.isTest === true,
  };
}
