import { Resolver } from 'type-graphql';

/** messageAdded, chatUpdated, statsUpdated (being written). */
@Resolver()
export class SubscriptionResolver {}
