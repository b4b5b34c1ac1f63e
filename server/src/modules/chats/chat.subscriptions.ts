import { Types } from 'mongoose';
import {
  Arg,
  Authorized,
  Ctx,
  Resolver,
  Root,
  Subscription,
  type SubscribeResolverData,
} from 'type-graphql';
import { isAdmin } from '../../auth/authChecker';
import { notFound } from '../../errors';
import { ObjectIdScalar } from '../../graphql/objectId.scalar';
import type { ChatUpdatedEvent, MessageAddedEvent } from '../../realtime/pubsub';
import { canSee, loadOnce, pubsubOf, userOf, userTopic } from '../../realtime/subscriptionAccess';
import type { SubscriptionContext } from '../../realtime/subscription.types';
import { Chat, ChatModel } from './chat.model';
import { Message, MessageModel } from './message.model';

type SubscribeData<Args = Record<string, never>> = SubscribeResolverData<
  unknown,
  Args,
  SubscriptionContext
>;

/**
 * Live chats and messages, each from the one topic of the subscriber's chat or user: an
 * event costs work only for its own subscribers, never a filter run for every subscriber
 * of every user. Who may listen is checked once, when subscribing; each event is still
 * checked against the caller, so a misrouted event could never show another user's data.
 */
@Resolver()
export class ChatSubscriptionResolver {
  @Authorized()
  @Subscription(() => Message, {
    description: "A chat's new messages (customer, AI and business) as they are saved",
    subscribe: subscribeToChat,
  })
  async messageAdded(
    @Root() event: MessageAddedEvent,
    @Arg('chatId', () => ObjectIdScalar) _chatId: Types.ObjectId,
    @Ctx() context: SubscriptionContext,
  ): Promise<Message> {
    const message = await loadOnce(event, () =>
      MessageModel.findById(event.messageId).lean().exec(),
    );
    if (!message || !canSee(context, message.userId)) throw notFound('Message');
    return message;
  }

  @Authorized()
  @Subscription(() => Chat, {
    description: "Your chats as they change (an admin's: everyone's)",
    subscribe: ({ context }: SubscribeData) =>
      pubsubOf(context).subscribe('chatUpdated', userTopic(context)),
  })
  async chatUpdated(
    @Root() event: ChatUpdatedEvent,
    @Ctx() context: SubscriptionContext,
  ): Promise<Chat> {
    const chat = await loadOnce(event, () => ChatModel.findById(event.chatId).lean().exec());
    if (!chat || !canSee(context, chat.userId)) throw notFound('Chat');
    return chat;
  }
}

/** Only the chat's owner (or an admin) may listen; anyone else is told it does not exist. */
async function subscribeToChat({ args, context }: SubscribeData<{ chatId: Types.ObjectId }>) {
  const userId = userOf(context);
  const owner = isAdmin(context) ? {} : { userId: new Types.ObjectId(userId) };
  const chat = await ChatModel.findById(args.chatId, { userId: 1 }).lean();
  if (!chat || (owner.userId && !chat.userId.equals(owner.userId))) throw notFound('Chat');
  return pubsubOf(context).subscribe('messageAdded', String(args.chatId));
}
