import type { Types } from 'mongoose';
import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../../auth/context';
import { scopeOf } from '../../auth/ownership';
import { ObjectIdScalar } from '../../graphql/objectId.scalar';
import { Campaign } from '../campaigns/campaign.model';
import { CampaignTest } from './campaignTest.model';
import { CampaignTestService, type TestSummary } from './campaignTests.service';
import { CampaignTestInput, CampaignTestSummary } from './campaignTests.types';

/** Thin: the caller's scope plus the arguments go to CampaignTestService. */
@Resolver(() => Campaign)
export class CampaignTestResolver {
  constructor(private readonly tests: CampaignTestService) {}

  @FieldResolver(() => CampaignTestSummary, {
    description: 'How many of its tests passed last time',
  })
  testSummary(@Root() campaign: Campaign): Promise<TestSummary> {
    return this.tests.summary(campaign);
  }

  @Authorized()
  @Query(() => [CampaignTest], { description: "A campaign's test conversations, oldest first" })
  campaignTests(
    @Arg('campaignId', () => ObjectIdScalar) campaignId: Types.ObjectId,
    @Ctx() ctx: RequestContext,
  ): Promise<CampaignTest[]> {
    return this.tests.list(campaignId, scopeOf(ctx));
  }

  @Authorized()
  @Mutation(() => CampaignTest)
  createCampaignTest(
    @Arg('campaignId', () => ObjectIdScalar) campaignId: Types.ObjectId,
    @Arg('input', () => CampaignTestInput) input: CampaignTestInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CampaignTest> {
    return this.tests.create(campaignId, input, scopeOf(ctx));
  }

  @Authorized()
  @Mutation(() => CampaignTest, { description: 'Replaces the lines and expectations' })
  updateCampaignTest(
    @Arg('id', () => ObjectIdScalar) id: Types.ObjectId,
    @Arg('input', () => CampaignTestInput) input: CampaignTestInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CampaignTest> {
    return this.tests.update(id, input, scopeOf(ctx));
  }

  @Authorized()
  @Mutation(() => Boolean)
  deleteCampaignTest(
    @Arg('id', () => ObjectIdScalar) id: Types.ObjectId,
    @Ctx() ctx: RequestContext,
  ): Promise<boolean> {
    return this.tests.remove(id, scopeOf(ctx));
  }

  @Authorized()
  @Mutation(() => [CampaignTest], {
    description:
      'The starter set from the playbook: each question, each objection, sales, a person',
  })
  generateCampaignTests(
    @Arg('campaignId', () => ObjectIdScalar) campaignId: Types.ObjectId,
    @Ctx() ctx: RequestContext,
  ): Promise<CampaignTest[]> {
    return this.tests.generate(campaignId, scopeOf(ctx));
  }

  @Authorized()
  @Mutation(() => [CampaignTest], {
    description:
      'Plays every test through the real pipeline as simulator chats; each with its verdict',
  })
  runCampaignTests(
    @Arg('campaignId', () => ObjectIdScalar) campaignId: Types.ObjectId,
    @Ctx() ctx: RequestContext,
  ): Promise<CampaignTest[]> {
    return this.tests.run(campaignId, scopeOf(ctx));
  }
}
