import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../auth/context';
import { ownScope } from '../../auth/ownership';
import { AlertList } from './alert.model';
import { AlertService } from './alerts.service';
import { AlertPreferences, AlertPreferencesInput, PushSubscriptionInput } from './alerts.types';

/** Your own alerts and preferences: no argument names another user, admins included. */
@Resolver()
export class AlertResolver {
  constructor(private readonly service: AlertService) {}

  @Authorized()
  @Query(() => AlertList, { description: 'Your newest alerts and how many are unread' })
  alerts(
    @Arg('limit', () => Int, { defaultValue: 20, description: '1-50' }) limit: number,
    @Ctx() ctx: RequestContext,
  ): Promise<AlertList> {
    return this.service.list(ownScope(ctx).actorId, Math.min(Math.max(limit, 1), 50));
  }

  @Authorized()
  @Mutation(() => AlertList, { description: 'Marks your alerts read (the tab count goes to 0)' })
  async markAlertsRead(@Ctx() ctx: RequestContext): Promise<AlertList> {
    const userId = ownScope(ctx).actorId;
    await this.service.markRead(userId);
    return this.service.list(userId, 20);
  }

  @Authorized()
  @Query(() => AlertPreferences)
  alertPreferences(@Ctx() ctx: RequestContext): Promise<AlertPreferences> {
    return this.service.preferences(ownScope(ctx).actorId);
  }

  @Authorized()
  @Mutation(() => AlertPreferences)
  updateAlertPreferences(
    @Arg('input', () => AlertPreferencesInput) input: AlertPreferencesInput,
    @Ctx() ctx: RequestContext,
  ): Promise<AlertPreferences> {
    return this.service.updatePreferences(ownScope(ctx).actorId, input);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Turns push on for this browser' })
  subscribePush(
    @Arg('input', () => PushSubscriptionInput) input: PushSubscriptionInput,
    @Ctx() ctx: RequestContext,
  ): Promise<boolean> {
    return this.service.subscribePush(ownScope(ctx).actorId, input);
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description: 'Turns push off for this browser; NOT_FOUND unless yours',
  })
  unsubscribePush(
    @Arg('endpoint', () => String) endpoint: string,
    @Ctx() ctx: RequestContext,
  ): Promise<boolean> {
    return this.service.unsubscribePush(ownScope(ctx).actorId, endpoint.slice(0, 2048));
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'An alert on every channel, to check they reach you' })
  async sendTestAlert(@Ctx() ctx: RequestContext): Promise<boolean> {
    await this.service.sendTest(ownScope(ctx).actorId);
    return true;
  }
}
