import { Authorized, Ctx, Resolver, Root, Subscription } from 'type-graphql';
import { notFound } from '../../errors';
import type { AlertRaisedEvent } from '../../realtime/pubsub';
import { pubsubOf, userOf } from '../../realtime/subscriptionAccess';
import type { SubscriptionContext } from '../../realtime/subscription.types';
import { Alert } from './alert.model';
import { alertOfEvent } from './alerts.service';

/** Your alerts as they are raised (admins too get only their own). */
@Resolver()
export class AlertSubscriptionResolver {
  @Authorized()
  @Subscription(() => Alert, {
    description: 'Your alerts as they happen: a toast, a sound, the tab count',
    subscribe: ({ context }: { context: SubscriptionContext }) =>
      pubsubOf(context).subscribe('alertRaised', userOf(context)),
  })
  alertRaised(@Root() event: AlertRaisedEvent, @Ctx() context: SubscriptionContext): Alert {
    if (event.userId !== userOf(context)) throw notFound('Alert');
    return alertOfEvent(event);
  }
}
