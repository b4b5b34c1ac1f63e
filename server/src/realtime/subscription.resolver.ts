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
import { isAdmin } from '../auth/authChecker';
import { notFound, unauthenticated } from '../errors';
import { ObjectIdScalar } from '../graphql/objectId.scalar';
import { Chat, ChatModel } from '../modules/chats/chat.model';
import { Message, MessageModel } from '../modules/chats/message.model';
import {
  ALL_USERS,
  type ChatUpdatedEvent,
  type MessageAddedEvent,
  type PubSub,
  type StatsUpdatedEvent,
} from './pubsub';
import { StatsUpdate, type SubscriptionContext } from './subscription.types';

type SubscribeData<Args = Record<string, never>> = SubscribeResolverData<
  unknown,
  Args,
  SubscriptionContext
>;

/**
 * Live updates, each from the one topic of the subscriber's chat or user: an event costs
 * work only for its own subscribers, never a filter run for every subscriber of every
 * user. Who may listen is checked once, when subscribing; each event is still checked
 * against the caller, so a misrouted event could never show another user's data.
 */
@Resolver()
export class SubscriptionResolver {
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

  @Authorized()
  @Subscription(() => StatsUpdate, {
    description: "Your dashboard counters changed (an admin's: anyone's)",
    subscribe: ({ context }: SubscribeData) =>
      pubsubOf(context).subscribe('statsUpdated', userTopic(context)),
  })
  statsUpdated(@Root() event: StatsUpdatedEvent, @Ctx() context: SubscriptionContext): StatsUpdate {
    if (!canSee(context, event.userId)) throw notFound('Update');
    return { at: new Date(), reason: event.reason ?? null };
  }
}

/** Only the chat's owner (or an admin) may listen; anyone else is told it does not exist. */
async function subscribeToChat({ args, context }: SubscribeData<{ chatId: Types.ObjectId }>) {
  const userId = userOf(context);
  const owner = isAdmin(context) ? {} : { userId: new Types.ObjectId(userId) };
  if (!(await ChatModel.exists({ _id: args.chatId, ...owner }))) throw notFound('Chat');
  return pubsubOf(context).subscribe('messageAdded', String(args.chatId));
}

/** Admins listen under ALL_USERS, where every user's events are also published. */
const userTopic = (context: SubscriptionContext): string =>
  isAdmin(context) ? ALL_USERS : userOf(context);

const userOf = (context: SubscriptionContext): string => {
  if (!context.user) throw unauthenticated();
  return context.user.id;
};

const canSee = (context: SubscriptionContext, ownerId: Types.ObjectId | string): boolean =>
  isAdmin(context) || String(ownerId) === context.user?.id;

function pubsubOf(context: SubscriptionContext): PubSub {
  if (!context.pubsub) throw new Error('Subscriptions are served over WebSocket only.');
  return context.pubsub;
}

const loaded = new WeakMap<object, Promise<unknown>>();

/**
 * One event object reaches every subscriber of its topic (in memory, and once parsed
 * from Redis): its document is read once for all of them, not once per subscriber.
 * `load` must return a real promise: a mongoose query cannot be awaited twice.
 */
function loadOnce<T>(event: object, load: () => Promise<T>): Promise<T> {
  let pending = loaded.get(event) as Promise<T> | undefined;
  if (!pending) {
    pending = load();
    loaded.set(event, pending);
  }
  return pending;
}
