import type { Integration } from '../integrations/integration.model';
import type { Chat } from './chat.model';
import type { DeliveryStatus, Message } from './message.model';

export interface DeliveryResult {
  status: DeliveryStatus;
  reason?: string;
}

/**
 * How our messages reach the customer: the pipeline's at-most-once delivery
 * (pipeline/delivery.ts), handed in by the container so that chats never import it.
 */
export interface OutgoingMessages {
  deliver(
    chat: Chat,
    message: Message,
    integration: Integration | undefined,
    options: { human: boolean },
  ): Promise<DeliveryResult>;
  sendAgain(chat: Chat, message: Message): Promise<DeliveryResult>;
}
