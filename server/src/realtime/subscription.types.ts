import type { RequestContext } from '../auth/context';
import type { PubSub } from './pubsub';

/**
 * The context of a WebSocket operation: the HTTP one plus the app's pub/sub, which
 * TypeGraphQL does not hand a custom `subscribe` function. Over HTTP it is absent, and
 * Apollo serves no subscriptions there anyway.
 */
export interface SubscriptionContext extends RequestContext {
  pubsub?: PubSub;
}
