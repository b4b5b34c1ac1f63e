import { Length, Max, Min } from 'class-validator';
import { Types } from 'mongoose';
import { ArgsType, Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ObjectIdScalar } from '../../graphql/objectId.scalar';
import { Paginated } from '../../graphql/pagination';
import { Platform } from '../../platforms/platform';
import { Chat, LeadScoreReason } from '../chats/chat.model';
import { ReportPeriod } from './analytics.types';
import { ATTRIBUTION, FUNNEL } from './metricDefinitions';

export enum FunnelStage {
  CONVERSATIONS = 'CONVERSATIONS',
  ENGAGED = 'ENGAGED',
  QUALIFIED = 'QUALIFIED',
  CONVERTED = 'CONVERTED',
}
registerEnumType(FunnelStage, {
  name: 'FunnelStage',
  valuesConfig: Object.fromEntries(
    Object.entries(FUNNEL).map(([stage, { definition }]) => [stage, { description: definition }]),
  ),
});

@ObjectType()
export class FunnelStep {
  @Field(() => FunnelStage) stage!: FunnelStage;
  @Field(() => Int) count!: number;
  @Field(() => Float, { description: 'count / the previous stage’s count (0 when it is 0)' })
  rateFromPrevious!: number;
  @Field(() => Float, { description: 'count / conversations (0 when there were none)' })
  rateFromStart!: number;
}

@ObjectType()
export class CampaignFunnel {
  @Field(() => ObjectIdScalar, { nullable: true, description: 'null: chats no campaign claimed' })
  campaignId!: Types.ObjectId | null;
  @Field(() => String, { nullable: true, description: 'null when deleted or none' })
  campaignName!: string | null;
  @Field(() => [FunnelStep]) steps!: FunnelStep[];
}

@ObjectType()
export class PlatformFunnel {
  @Field(() => Platform) platform!: Platform;
  @Field(() => [FunnelStep]) steps!: FunnelStep[];
}

@ObjectType({ description: 'Conversations started in the period, stage by stage' })
export class Funnel extends ReportPeriod {
  @Field(() => [FunnelStep]) steps!: FunnelStep[];
  @Field(() => [CampaignFunnel], { description: 'Most conversations first' })
  byCampaign!: CampaignFunnel[];
  @Field(() => [PlatformFunnel], { description: 'Most conversations first' })
  byPlatform!: PlatformFunnel[];
}

@ObjectType()
export class AttributionFigures {
  @Field(() => Int, { description: ATTRIBUTION.chats }) chats!: number;
  @Field(() => Int, { description: ATTRIBUTION.conversions }) conversions!: number;
  @Field(() => Float, { description: ATTRIBUTION.revenue }) revenue!: number;
  @Field(() => Float, { description: ATTRIBUTION.avgOrderValue }) avgOrderValue!: number;
}

@ObjectType()
export class CampaignAttribution extends AttributionFigures {
  @Field(() => ObjectIdScalar, { nullable: true }) campaignId!: Types.ObjectId | null;
  @Field(() => String, { nullable: true }) campaignName!: string | null;
}

@ObjectType()
export class PlatformAttribution extends AttributionFigures {
  @Field(() => Platform) platform!: Platform;
}

@ObjectType({ description: 'The ad (or referral source) conversations came from' })
export class AdAttribution extends AttributionFigures {
  @Field(() => String, { nullable: true }) adId!: string | null;
  @Field(() => String, { nullable: true, description: 'ADS, SHORTLINK, ... as Meta sends it' })
  source!: string | null;
  @Field(() => String, { nullable: true }) headline!: string | null;
  @Field(() => Platform, { nullable: true }) platform!: Platform | null;
}

@ObjectType({
  description: 'Which campaign, platform and ad brought which money; most revenue first',
})
export class RevenueAttribution extends ReportPeriod {
  @Field(() => AttributionFigures) total!: AttributionFigures;
  @Field(() => [CampaignAttribution]) byCampaign!: CampaignAttribution[];
  @Field(() => [PlatformAttribution]) byPlatform!: PlatformAttribution[];
  @Field(() => [AdAttribution]) byAd!: AdAttribution[];
}

@ObjectType({ description: 'A chat ranked by lead score, with what moved the score most' })
export class Lead {
  @Field(() => Chat) chat!: Chat;
  @Field(() => [LeadScoreReason], {
    description: 'Up to 3 reasons, largest change first, newest first among equals',
  })
  topReasons!: LeadScoreReason[];
}

@ObjectType()
export class LeadPage extends Paginated(Lead) {}

@ArgsType()
export class AdjustLeadScoreArgs {
  @Field(() => ObjectIdScalar)
  chatId!: Types.ObjectId;

  @Field(() => Int, { description: '0-100' })
  @Min(0)
  @Max(100)
  score!: number;

  @Field({ description: 'Why: kept as the reason "owner: <note>"' })
  @Length(1, 200)
  note!: string;
}
