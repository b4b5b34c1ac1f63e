import type { Types } from 'mongoose';
import type { PubSub } from '../../realtime/pubsub';
import type { Chat } from './chat.model';
import type { Message } from './message.model';

/**
 * Every live-update event of chats, messages and the dashboard's figures is built here,
 * once: the pipeline, the inbox's actions, hand-backs and lead scores all say what
 * changed, and this says it to the subscribers (over Redis with REDIS_URL).
 */
export class LiveUpdates {
  constructor(private readonly pubsub: PubSub) {}

  /** A message was added to a chat, or its delivery changed (same id: the client updates it). */
  messageChanged(message: Pick<Message, '_id' | 'chatId' | 'userId'>): void {
    this.pubsub.publish('messageAdded', String(message.chatId), {
      chatId: String(message.chatId),
      userId: String(message.userId),
      messageId: String(message._id),
    });
  }

  /** A chat changed: new, status, lead score, mode or last message. */
  chatChanged(chat: Pick<Chat, '_id' | 'userId'>): void {
    this.pubsub.publish('chatUpdated', String(chat.userId), {
      chatId: String(chat._id),
      userId: String(chat.userId),
    });
  }

  /** Something that moves the owner's dashboard figures happened. */
  statsChanged(userId: Types.ObjectId | string, reason?: string): void {
    this.pubsub.publish('statsUpdated', String(userId), {
      userId: String(userId),
      ...(reason ? { reason } : {}),
    });
  }
}
