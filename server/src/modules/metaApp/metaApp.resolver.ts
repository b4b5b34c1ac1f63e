import { Arg, Authorized, Mutation, Query, Resolver } from 'type-graphql';
import type { MetaAppService } from './metaApp.service';
import { MetaAppInput, MetaAppView } from './metaApp.types';

/** The operator's Meta app: admins only (FORBIDDEN for everyone else). */
@Resolver()
export class MetaAppResolver {
  constructor(private readonly service: MetaAppService) {}

  @Authorized('ADMIN')
  @Query(() => MetaAppView)
  metaApp(): MetaAppView {
    return this.service.view();
  }

  @Authorized('ADMIN')
  @Mutation(() => MetaAppView, {
    description: 'Values the environment sets cannot be changed here',
  })
  updateMetaApp(@Arg('input', () => MetaAppInput) input: MetaAppInput): Promise<MetaAppView> {
    return this.service.update(input);
  }

  @Authorized('ADMIN')
  @Mutation(() => MetaAppView, {
    description:
      "Subscribes the app to Meta's page, instagram and whatsapp_business_account webhooks",
  })
  subscribeMetaWebhooks(): Promise<MetaAppView> {
    return this.service.subscribeWebhooks();
  }
}
