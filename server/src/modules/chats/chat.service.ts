import type { Types } from 'mongoose';
import { inScope, ownerFilter, type Scope } from '../../auth/ownership';
import { containsText } from '../../db/search';
import { badInput, notFound } from '../../errors';
import { pageOf, skipFor, type Page, type PageArgs } from '../../graphql/pagination';
import { Platform } from '../../platforms/platform';
import type { AnalyticsService } from '../analytics/analytics.service';
import { connectedIntegration } from '../integrations/connectedIntegration';
import { ChatMode, ChatModel, type ChatStatus, type Chat } from './chat.model';
import { replyWindowOf } from './chatReplyWindow';
import type { ChatFilter } from './chat.types';
import { handbackAt } from './handback';
import { InboxIndex } from './inboxIndex';
import type { LiveUpdates } from './liveUpdates';
import { DeliveryStatus, MessageModel, Sender, type Message } from './message.model';
import { newestMessages } from './messagePages';
import type { OutgoingMessages } from './outgoing';
import { addOurMessage, giveBackToAi, setStatus, takeOver } from './timeline';

/** The inbox: reading chats, and the owner acting on them (status, mode, replies). */
export class ChatService {
  constructor(
    private readonly outgoing: OutgoingMessages,
    private readonly analytics: AnalyticsService,
    private readonly live: LiveUpdates,
    private readonly defaultHandbackMinutes: number,
    private readonly inbox = new InboxIndex(),
  ) {}

  async list(scope: Scope, filter: ChatFilter, page: PageArgs): Promise<Page<Chat>> {
    if (scope.userId && this.inbox.active) {
      const { items, total } = await this.inbox.page(
        scope.userId,
        filter,
        skipFor(page),
        page.limit,
      );
      return pageOf(items, total, page);
    }
    const query: Record<string, unknown> = { ...ownerFilter(scope) };
    for (const field of ['status', 'platform', 'campaignId', 'mode', 'needsAttention'] as const) {
      if (filter[field] !== undefined && filter[field] !== null) query[field] = filter[field];
    }
    if (filter.includeTests === false) query.isTest = false;
    if (filter.search?.trim()) query.customerName = containsText(filter.search);
    const [items, total] = await Promise.all([
      ChatModel.find(query)
        .sort({ lastMessageAt: -1, _id: -1 })
        .skip(skipFor(page))
        .limit(page.limit)
        .lean(),
      ChatModel.countDocuments(query),
    ]);
    return pageOf(items, total, page);
  }

  async get(scope: Scope, chatId: Types.ObjectId): Promise<Chat> {
    const chat = await ChatModel.findById(chatId).lean();
    if (!chat || !inScope(scope, chat)) throw notFound('Chat');
    return chat;
  }

  /** A page of messages older than `before`, returned oldest first. */
  async messages(
    scope: Scope,
    chatId: Types.ObjectId,
    before: Date | undefined,
    limit: number,
  ): Promise<{ items: Message[]; hasMore: boolean }> {
    const chat = await this.get(scope, chatId);
    const newestFirst = await newestMessages(chat, before, limit);
    return { items: newestFirst.slice(0, limit).reverse(), hasMore: newestFirst.length > limit };
  }

  async setStatus(scope: Scope, chatId: Types.ObjectId, status: ChatStatus): Promise<Chat> {
    const chat = await this.get(scope, chatId);
    const updated = await setStatus(chat, status);
    this.live.chatChanged(updated);
    if (await this.analytics.statusSet(chat, updated)) this.live.statsChanged(chat.userId);
    return updated;
  }

  async setMode(scope: Scope, chatId: Types.ObjectId, mode: ChatMode): Promise<Chat> {
    const chat = await this.get(scope, chatId);
    let updated: Chat;
    if (mode === ChatMode.HUMAN) {
      await this.analytics.takeover(chat);
      const until = handbackAt(await this.handbackMinutes(chat));
      updated = await takeOver(chat, until, { replied: false });
    } else {
      updated = await giveBackToAi(chat);
    }
    this.live.chatChanged(updated);
    return updated;
  }

  /**
   * A reply typed by the owner: sent like the AI's (within the platform's window, with
   * the HUMAN_AGENT tag where Meta allows it), and the chat becomes theirs.
   */
  async sendBusinessMessage(scope: Scope, chatId: Types.ObjectId, text: string): Promise<Message> {
    const chat = await this.get(scope, chatId);
    const integration =
      chat.platform === Platform.SIMULATOR
        ? undefined
        : await connectedIntegration(chat.userId, chat.platform);
    if (chat.platform !== Platform.SIMULATOR) {
      if (!integration) throw badInput(`Your ${chat.platform} integration is not connected.`);
      const window = replyWindowOf(chat, true);
      if (!window.open) throw badInput(window.reason, { reason: 'REPLY_WINDOW_CLOSED' });
    }
    await this.analytics.takeover(chat);
    const until = handbackAt(await this.handbackMinutes(chat));
    const { message } = await addOurMessage(chat, { sender: Sender.BUSINESS, content: text });
    const taken = await takeOver(chat, until, { replied: true });
    this.live.chatChanged(taken);
    const result = await this.outgoing.deliver(taken, message, integration ?? undefined, {
      human: true,
    });
    await this.analytics.businessReply(taken, message, result.status === DeliveryStatus.SENT);
    this.live.messageChanged(message);
    this.live.statsChanged(chat.userId);
    return (await MessageModel.findById(message._id).lean()) ?? message;
  }

  /**
   * "Send again" for one of our messages that failed or is not confirmed: the owner has
   * checked it did not arrive (or accepts it may arrive twice). A new attempt, at most once.
   */
  async sendAgain(scope: Scope, messageId: Types.ObjectId): Promise<Message> {
    const message = await MessageModel.findById(messageId).lean();
    if (!message || !inScope(scope, message)) throw notFound('Message');
    const again = [DeliveryStatus.UNCONFIRMED, DeliveryStatus.FAILED, DeliveryStatus.NOT_SENT];
    if (message.sender === Sender.CUSTOMER || !again.includes(message.delivery!.status)) {
      throw badInput('Only a message of yours that failed or is not confirmed can be sent again.', {
        reason: 'NOT_RESENDABLE',
      });
    }
    const chat = await this.get(scope, message.chatId);
    await this.outgoing.sendAgain(chat, message);
    return (await MessageModel.findById(message._id).lean()) ?? message;
  }

  private async handbackMinutes(chat: Chat): Promise<number> {
    if (chat.platform === Platform.SIMULATOR) return this.defaultHandbackMinutes;
    const integration = await connectedIntegration(chat.userId, chat.platform);
    return integration?.settings?.handbackMinutes ?? this.defaultHandbackMinutes;
  }
}
