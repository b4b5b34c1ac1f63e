import { Types } from 'mongoose';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { RequestContext } from '../../auth/context';
import { scopeOf } from '../../auth/ownership';
import { ObjectIdScalar } from '../../graphql/objectId.scalar';
import { PageArgs } from '../../graphql/pagination';
import { Chat, ChatMode, ChatStatus, CustomerProfile } from './chat.model';
import { ChatService } from './chat.service';
import { ReplyWindowState, replyWindowState } from './chatReplyWindow';
import { ChatFilter, ChatPage, MessagePage, MessagesArgs, SendMessageArgs } from './chat.types';
import { Message } from './message.model';

@Resolver(() => Chat)
export class ChatResolver {
  constructor(private readonly chatService: ChatService) {}

  @Authorized()
  @Query(() => ChatPage, { description: 'Newest activity first' })
  chats(
    @Arg('filter', () => ChatFilter, { nullable: true }) filter: ChatFilter | null,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<ChatPage> {
    return this.chatService.list(scopeOf(ctx, filter?.userId), filter ?? {}, page);
  }

  @Authorized()
  @Query(() => Chat)
  chat(
    @Arg('id', () => ObjectIdScalar) id: Types.ObjectId,
    @Ctx() ctx: RequestContext,
  ): Promise<Chat> {
    return this.chatService.get(scopeOf(ctx), id);
  }

  @Authorized()
  @Query(() => MessagePage)
  messages(
    @Args() { chatId, before, limit }: MessagesArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<MessagePage> {
    return this.chatService.messages(scopeOf(ctx), chatId, before, limit);
  }

  @Authorized()
  @Mutation(() => Message, {
    description: 'A reply from the business; the chat becomes human-handled',
  })
  sendMessage(
    @Args() { chatId, text }: SendMessageArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Message> {
    return this.chatService.sendBusinessMessage(scopeOf(ctx), chatId, text);
  }

  @Authorized()
  @Mutation(() => Message, {
    description:
      'Sends again one of your messages that failed or is not confirmed (it may then arrive twice)',
  })
  resendMessage(
    @Arg('messageId', () => ObjectIdScalar) messageId: Types.ObjectId,
    @Ctx() ctx: RequestContext,
  ): Promise<Message> {
    return this.chatService.sendAgain(scopeOf(ctx), messageId);
  }

  @Authorized()
  @Mutation(() => Chat, {
    description: 'HUMAN: the AI stays silent until hand-back; AI: it answers again',
  })
  setChatMode(
    @Arg('chatId', () => ObjectIdScalar) chatId: Types.ObjectId,
    @Arg('mode', () => ChatMode) mode: ChatMode,
    @Ctx() ctx: RequestContext,
  ): Promise<Chat> {
    return this.chatService.setMode(scopeOf(ctx), chatId, mode);
  }

  @Authorized()
  @Mutation(() => Chat)
  setChatStatus(
    @Arg('chatId', () => ObjectIdScalar) chatId: Types.ObjectId,
    @Arg('status', () => ChatStatus) status: ChatStatus,
    @Ctx() ctx: RequestContext,
  ): Promise<Chat> {
    return this.chatService.setStatus(scopeOf(ctx), chatId, status);
  }

  @FieldResolver(() => ReplyWindowState)
  replyWindow(@Root() chat: Chat): ReplyWindowState {
    return replyWindowState(chat);
  }

  /** Stored documents drop an empty profile (mongoose minimizes `{}`): it reads as one. */
  @FieldResolver(() => CustomerProfile)
  customerProfile(@Root() chat: Chat): CustomerProfile {
    return chat.customerProfile ?? {};
  }
}
