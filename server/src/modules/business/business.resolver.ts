import { Arg, Args, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../auth/context';
import { ownScope } from '../../auth/ownership';
import { User } from '../users/user.model';
import { BusinessService } from './business.service';
import { BusinessInfoInput, FoundPassage, KnowledgeSearchArgs } from './business.types';

/** The signed-in owner's own business profile: there is no acting for others here. */
@Resolver()
export class BusinessResolver {
  constructor(private readonly businessService: BusinessService) {}

  @Authorized()
  @Mutation(() => User, { description: 'Saves the business info and marks onboarding done' })
  completeOnboarding(
    @Arg('input') input: BusinessInfoInput,
    @Ctx() ctx: RequestContext,
  ): Promise<User> {
    return this.businessService.completeOnboarding(ownScope(ctx).actorId, input);
  }

  @Authorized()
  @Mutation(() => User, { description: 'Changes only the fields given' })
  updateBusinessInfo(
    @Arg('input') input: BusinessInfoInput,
    @Ctx() ctx: RequestContext,
  ): Promise<User> {
    return this.businessService.updateBusinessInfo(ownScope(ctx).actorId, input);
  }

  @Authorized()
  @Mutation(() => User, {
    description:
      'Rebuilds the knowledge base; `text` replaces the pasted notes, omitted keeps them',
  })
  trainKnowledgeBase(
    @Arg('text', () => String, { nullable: true }) text: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<User> {
    return this.businessService.trainKnowledgeBase(ownScope(ctx).actorId, text ?? undefined);
  }

  @Authorized()
  @Query(() => [FoundPassage], { description: 'What the AI would read to answer this question' })
  searchKnowledgeBase(
    @Args() { query, limit }: KnowledgeSearchArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<FoundPassage[]> {
    return this.businessService.searchKnowledgeBase(ownScope(ctx).actorId, query, limit);
  }
}
