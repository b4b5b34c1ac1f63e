import { Field, ObjectType } from 'type-graphql';
import type { RequestContext } from '../auth/context';
import type { PubSub } from './pubsub';

@ObjectType({ description: 'Your dashboard counters changed: refetch them' })
export class StatsUpdate {
  @Field({ description: 'When the server delivered the update' })
  at!: Date;

  @Field(() => String, { nullable: true, description: 'What changed, when known' })
  reason?: string | null;
}

/**
 * The context of a WebSocket operation: the HTTP one plus the app's pub/sub, which
 * TypeGraphQL does not hand a custom `subscribe` function. Over HTTP it is absent, and
 * Apollo serves no subscriptions there anyway.
 */
export interface SubscriptionContext extends RequestContext {
  pubsub?: PubSub;
}
