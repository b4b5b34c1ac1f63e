import { Types } from 'mongoose';
import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../auth/context';
import { ownScope, scopeOf } from '../../auth/ownership';
import { ObjectIdScalar } from '../../graphql/objectId.scalar';
import { Platform } from '../../platforms/platform';
import { Integration } from './integration.model';
import { IntegrationService, lastError } from './integration.service';
import { ConnectIntegrationInput, IntegrationSettingsInput } from './integration.types';
import { WebhookSetup } from './webhookSetup';

const forUser = { nullable: true, description: 'Admins only: act on this user' } as const;

@Resolver(() => Integration)
export class IntegrationResolver {
  constructor(private readonly integrationService: IntegrationService) {}

  @Authorized()
  @Query(() => [Integration], {
    description: 'Your connected channels; admins see everyone, or one user with userId',
  })
  integrations(
    @Arg('userId', () => ObjectIdScalar, forUser) userId: Types.ObjectId | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Integration[]> {
    return this.integrationService.list(scopeOf(ctx, userId));
  }

  @Authorized()
  @Query(() => WebhookSetup, { description: "What to paste into Meta's webhook settings" })
  webhookSetup(): WebhookSetup {
    return this.integrationService.webhookSetup();
  }

  @Authorized()
  @Mutation(() => Integration, {
    description:
      'Checks the token with Meta and connects the channel; when the check fails the ' +
      'integration is returned with status ERROR and the reason in lastError',
  })
  connectIntegration(
    @Arg('input') input: ConnectIntegrationInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Integration> {
    return this.integrationService.connect(ownScope(ctx), input);
  }

  @Authorized()
  @Mutation(() => Integration, { description: 'Forgets the access token; the settings stay' })
  disconnectIntegration(
    @Arg('platform', () => Platform) platform: Platform,
    @Arg('userId', () => ObjectIdScalar, forUser) userId: Types.ObjectId | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Integration> {
    return this.integrationService.disconnect(scopeOf(ctx, userId), platform);
  }

  @Authorized()
  @Mutation(() => Integration, { description: 'Changes only the settings given' })
  updateIntegrationSettings(
    @Arg('platform', () => Platform) platform: Platform,
    @Arg('input') input: IntegrationSettingsInput,
    @Arg('userId', () => ObjectIdScalar, forUser) userId: Types.ObjectId | null,
    @Ctx() ctx: RequestContext,
  ): Promise<Integration> {
    return this.integrationService.updateSettings(scopeOf(ctx, userId), platform, input);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Why the last connection check failed, while it is unresolved',
  })
  lastError(@Root() integration: Integration): string | null {
    return lastError(integration);
  }
}
