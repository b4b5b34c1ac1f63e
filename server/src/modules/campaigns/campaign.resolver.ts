import { Types } from 'mongoose';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { RequestContext } from '../../auth/context';
import { ownScope, scopeOf } from '../../auth/ownership';
import { ObjectIdScalar } from '../../graphql/objectId.scalar';
import { PageArgs, type Page } from '../../graphql/pagination';
import { Product } from '../catalog/product.model';
import { Campaign, CampaignStatus } from './campaign.model';
import { CampaignService } from './campaign.service';
import { CampaignInput, CampaignPage, UpdateCampaignInput } from './campaign.types';

/** Thin: the caller's scope plus the arguments go to CampaignService. */
@Resolver(() => Campaign)
export class CampaignResolver {
  constructor(private readonly campaignService: CampaignService) {}

  @FieldResolver(() => [Product], {
    description: 'The catalog products it sells, main first (its own product when made before)',
  })
  products(@Root() campaign: Campaign): Promise<Product[]> {
    return this.campaignService.productsOf(campaign);
  }

  @FieldResolver(() => [String], {
    description:
      'What its playbook promises that no offer grants (a discount, free shipping, a link)',
  })
  offerWarnings(@Root() campaign: Campaign): Promise<string[]> {
    return this.campaignService.offerWarningsOf(campaign);
  }

  @Authorized()
  @Query(() => CampaignPage, { description: 'Your campaigns, newest first' })
  campaigns(
    @Arg('status', () => CampaignStatus, { nullable: true }) status: CampaignStatus | null,
    @Arg('search', () => String, {
      nullable: true,
      description: 'Case-insensitive text in the campaign or product name',
    })
    search: string | null,
    @Arg('userId', () => ObjectIdScalar, {
      nullable: true,
      description: "Admins only: this user's campaigns",
    })
    userId: Types.ObjectId | null,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Page<Campaign>> {
    return this.campaignService.list(scopeOf(ctx, userId), { status, search }, page);
  }

  @Authorized()
  @Query(() => Campaign, { nullable: true, description: 'NOT_FOUND unless it is yours' })
  campaign(
    @Arg('id', () => ObjectIdScalar) id: Types.ObjectId,
    @Ctx() ctx: RequestContext,
  ): Promise<Campaign> {
    return this.campaignService.get(id, scopeOf(ctx));
  }

  @Authorized()
  @Mutation(() => Campaign, { description: 'A new draft campaign of yours' })
  createCampaign(
    @Arg('input', () => CampaignInput) input: CampaignInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Campaign> {
    return this.campaignService.create(input, ownScope(ctx));
  }

  @Authorized()
  @Mutation(() => Campaign, { description: 'Changes only the fields given' })
  updateCampaign(
    @Arg('id', () => ObjectIdScalar) id: Types.ObjectId,
    @Arg('input', () => UpdateCampaignInput) input: UpdateCampaignInput,
    @Ctx() ctx: RequestContext,
  ): Promise<Campaign> {
    return this.campaignService.update(id, input, scopeOf(ctx));
  }

  @Authorized()
  @Mutation(() => Campaign, {
    description: 'DRAFT→ACTIVE, ACTIVE→PAUSED, PAUSED→ACTIVE, ACTIVE→COMPLETED',
  })
  setCampaignStatus(
    @Arg('id', () => ObjectIdScalar) id: Types.ObjectId,
    @Arg('status', () => CampaignStatus) status: CampaignStatus,
    @Ctx() ctx: RequestContext,
  ): Promise<Campaign> {
    return this.campaignService.setStatus(id, status, scopeOf(ctx));
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description: 'Refused while chats use the campaign, unless force archives them',
  })
  deleteCampaign(
    @Arg('id', () => ObjectIdScalar) id: Types.ObjectId,
    @Arg('force', () => Boolean, { nullable: true, defaultValue: false }) force: boolean | null,
    @Ctx() ctx: RequestContext,
  ): Promise<boolean> {
    return this.campaignService.remove(id, force ?? false, scopeOf(ctx));
  }
}
