import { Authorized, Ctx, Field, ObjectType, Resolver, Root, Subscription } from 'type-graphql';
import { notFound } from '../../errors';
import type { StatsUpdatedEvent } from '../../realtime/pubsub';
import { canSee, pubsubOf, userTopic } from '../../realtime/subscriptionAccess';
import type { SubscriptionContext } from '../../realtime/subscription.types';

@ObjectType({ description: 'Your dashboard counters changed: refetch them' })
export class StatsUpdate {
  @Field({ description: 'When the server delivered the update' })
  at!: Date;

  @Field(() => String, { nullable: true, description: 'What changed, when known' })
  reason?: string | null;
}

/** The dashboard's live figures: a nudge to refetch, from the owner's own topic. */
@Resolver()
export class StatsSubscriptionResolver {
  @Authorized()
  @Subscription(() => StatsUpdate, {
    description: "Your dashboard counters changed (an admin's: anyone's)",
    subscribe: ({ context }: { context: SubscriptionContext }) =>
      pubsubOf(context).subscribe('statsUpdated', userTopic(context)),
  })
  statsUpdated(@Root() event: StatsUpdatedEvent, @Ctx() context: SubscriptionContext): StatsUpdate {
    if (!canSee(context, event.userId)) throw notFound('Update');
    return { at: new Date(), reason: event.reason ?? null };
  }
}
