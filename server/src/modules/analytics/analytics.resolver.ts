import { Types } from 'mongoose';
import { Arg, Args, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../auth/context';
import { scopeOf } from '../../auth/ownership';
import { ObjectIdScalar } from '../../graphql/objectId.scalar';
import { PageArgs } from '../../graphql/pagination';
import { Platform } from '../../platforms/platform';
import { Chat, ChatStatus } from '../chats/chat.model';
import { AnalyticsRange, AnalyticsReport, DashboardStats } from './analytics.types';
import { AnalyticsReadService } from './analyticsRead.service';
import { AdjustLeadScoreArgs, Funnel, LeadPage, RevenueAttribution } from './insights.types';
import { LeadService } from '../chats/lead.service';

const ownerArg = () =>
  Arg('userId', () => ObjectIdScalar, {
    nullable: true,
    description: "Admins only: this user's numbers (default: every user's, in UTC days)",
  });
const campaignArg = () => Arg('campaignId', () => ObjectIdScalar, { nullable: true });
const platformArg = () =>
  Arg('platform', () => Platform, {
    nullable: true,
    description: 'One platform; SIMULATOR shows the test chats, left out otherwise',
  });

const includeTestsArg = () =>
  Arg('includeTests', () => Boolean, {
    defaultValue: false,
    description: "Count the simulator's test chats beside the real ones",
  });

/** Thin: the caller's scope and the arguments go to the analytics and lead services. */
@Resolver()
export class AnalyticsResolver {
  constructor(
    private readonly analyticsReadService: AnalyticsReadService,
    private readonly leadService: LeadService,
  ) {}

  @Authorized()
  @Query(() => DashboardStats, { description: "Today's figures beside yesterday's" })
  dashboardStats(
    @ownerArg() userId: Types.ObjectId | null,
    @includeTestsArg() includeTests: boolean,
    @Ctx() ctx: RequestContext,
  ): Promise<DashboardStats> {
    return this.analyticsReadService.dashboard(scopeOf(ctx, userId), { includeTests });
  }

  @Authorized()
  @Query(() => AnalyticsReport, {
    description: 'Daily series of every metric, and the hourly profile',
  })
  analytics(
    @Arg('range', () => AnalyticsRange) range: AnalyticsRange,
    @campaignArg() campaignId: Types.ObjectId | null,
    @platformArg() platform: Platform | null,
    @ownerArg() userId: Types.ObjectId | null,
    @includeTestsArg() includeTests: boolean,
    @Ctx() ctx: RequestContext,
  ): Promise<AnalyticsReport> {
    const filter = { campaignId, platform, includeTests };
    return this.analyticsReadService.report(scopeOf(ctx, userId), range, filter);
  }

  @Authorized()
  @Query(() => Funnel, { description: 'Conversations -> engaged -> qualified -> converted' })
  funnel(
    @Arg('range', () => AnalyticsRange) range: AnalyticsRange,
    @campaignArg() campaignId: Types.ObjectId | null,
    @platformArg() platform: Platform | null,
    @ownerArg() userId: Types.ObjectId | null,
    @includeTestsArg() includeTests: boolean,
    @Ctx() ctx: RequestContext,
  ): Promise<Funnel> {
    const filter = { campaignId, platform, includeTests };
    return this.analyticsReadService.funnel(scopeOf(ctx, userId), range, filter);
  }

  @Authorized()
  @Query(() => RevenueAttribution)
  revenueAttribution(
    @Arg('range', () => AnalyticsRange) range: AnalyticsRange,
    @ownerArg() userId: Types.ObjectId | null,
    @includeTestsArg() includeTests: boolean,
    @Ctx() ctx: RequestContext,
  ): Promise<RevenueAttribution> {
    return this.analyticsReadService.revenueAttribution(scopeOf(ctx, userId), range, {
      includeTests,
    });
  }

  @Authorized()
  @Query(() => LeadPage, {
    description: 'Chats by lead score, most recently active first among equals',
  })
  leads(
    @Arg('minScore', () => Int, { nullable: true }) minScore: number | null,
    @Arg('status', () => ChatStatus, { nullable: true }) status: ChatStatus | null,
    @platformArg() platform: Platform | null,
    @ownerArg() userId: Types.ObjectId | null,
    @includeTestsArg() includeTests: boolean,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<LeadPage> {
    return this.leadService.list(
      scopeOf(ctx, userId),
      { minScore, status, platform, includeTests },
      page,
    );
  }

  @Authorized()
  @Mutation(() => Chat, { description: 'Sets the lead score; the note is kept as its reason' })
  adjustLeadScore(
    @Args() { chatId, score, note }: AdjustLeadScoreArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Chat> {
    return this.leadService.adjust(scopeOf(ctx), chatId, score, note);
  }
}
