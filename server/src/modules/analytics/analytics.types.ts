import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DASHBOARD, METRICS } from './metricDefinitions';

export enum AnalyticsPreset {
  LAST_7_DAYS = 'LAST_7_DAYS',
  LAST_30_DAYS = 'LAST_30_DAYS',
  LAST_90_DAYS = 'LAST_90_DAYS',
}
registerEnumType(AnalyticsPreset, {
  name: 'AnalyticsPreset',
  description: "The last N business days, today's included",
});

@InputType({
  description:
    'Either `from` and `to` (the business days containing them, both included) or a `preset`; ' +
    'at most 366 days',
})
export class AnalyticsRange {
  @Field({ nullable: true })
  from?: Date;

  @Field({ nullable: true })
  to?: Date;

  @Field(() => AnalyticsPreset, { nullable: true })
  preset?: AnalyticsPreset;
}

const count = (name: keyof typeof METRICS) =>
  Field(() => Int, { description: METRICS[name].definition });
const amount = (name: keyof typeof METRICS) =>
  Field(() => Float, { description: METRICS[name].definition });

@ObjectType({
  description: 'Every seed metric, derived from the day counters (one definition each)',
})
export class AnalyticsMetrics {
  @count('messagesSent') messagesSent!: number;
  @count('messagesReceived') messagesReceived!: number;
  @amount('responseRate') responseRate!: number;
  @amount('avgResponseTime') avgResponseTime!: number;
  @count('conversationsStarted') conversationsStarted!: number;
  @count('activeConversations') activeConversations!: number;
  @count('conversationsCompleted') conversationsCompleted!: number;
  @count('leadsGenerated') leadsGenerated!: number;
  @count('qualifiedLeads') qualifiedLeads!: number;
  @count('conversions') conversions!: number;
  @amount('conversionRate') conversionRate!: number;
  @amount('revenue') revenue!: number;
  @amount('avgOrderValue') avgOrderValue!: number;
  @amount('engagementRate') engagementRate!: number;
  @amount('bounceRate') bounceRate!: number;
  @amount('aiAccuracy') aiAccuracy!: number;
  @amount('aiHandoffRate') aiHandoffRate!: number;
}

@ObjectType()
export class AnalyticsDay extends AnalyticsMetrics {
  @Field({ description: 'The business day, YYYY-MM-DD in its time zone' })
  date!: string;
}

@ObjectType({ description: 'One hour of the business day (its time zone), summed over the range' })
export class HourlyActivity {
  @Field(() => Int, { description: '0-23' }) hour!: number;
  @Field(() => Int, { description: 'Customer messages received plus our replies sent' })
  messages!: number;
  @Field(() => Int, { description: 'Conversations started' }) conversations!: number;
  @Field(() => Int, { description: 'Sales agreed' }) conversions!: number;
}

@ObjectType({ description: 'The business days a report covers' })
export class ReportPeriod {
  @Field({ description: 'First day, YYYY-MM-DD' }) from!: string;
  @Field({ description: 'Last day, YYYY-MM-DD' }) to!: string;
  @Field({ description: 'The IANA time zone the days are in' }) timezone!: string;
}

@ObjectType()
export class AnalyticsReport extends ReportPeriod {
  @Field(() => [AnalyticsDay], {
    description: 'Every day of the range, oldest first; empty days are zeros',
  })
  days!: AnalyticsDay[];

  @Field(() => AnalyticsMetrics, { description: 'The whole range, from the summed counters' })
  totals!: AnalyticsMetrics;

  @Field(() => [HourlyActivity], { description: '24 buckets, hour 0 first' })
  hourly!: HourlyActivity[];
}

@ObjectType({ description: 'A count today and on the previous business day' })
export class CountChange {
  @Field(() => Int) today!: number;
  @Field(() => Int) previous!: number;
  @Field(() => Int, { description: 'today - previous' }) change!: number;
}

@ObjectType({ description: 'An amount today and on the previous business day' })
export class AmountChange {
  @Field(() => Float) today!: number;
  @Field(() => Float) previous!: number;
  @Field(() => Float, { description: 'today - previous' }) change!: number;
}

@ObjectType()
export class DashboardCampaigns {
  @Field(() => CountChange, { description: DASHBOARD.campaignsTotal }) total!: CountChange;
  @Field(() => CountChange, { description: DASHBOARD.campaignsActive }) active!: CountChange;
  @Field(() => Int, { description: DASHBOARD.campaignsRunning }) running!: number;
}

@ObjectType()
export class DashboardChats {
  @Field(() => CountChange, { description: DASHBOARD.chatsTotal }) total!: CountChange;
  @Field(() => CountChange, { description: DASHBOARD.chatsActive }) active!: CountChange;
  @Field(() => CountChange, { description: DASHBOARD.chatsNeedingAttention })
  needingAttention!: CountChange;
}

@ObjectType({ description: "Today's figures beside the previous business day's" })
export class DashboardStats {
  @Field({ description: "Today's business day, YYYY-MM-DD" }) date!: string;
  @Field({ description: 'The previous business day, YYYY-MM-DD' }) previousDate!: string;
  @Field() timezone!: string;
  @Field(() => DashboardCampaigns) campaigns!: DashboardCampaigns;
  @Field(() => DashboardChats) chats!: DashboardChats;
  @Field(() => CountChange, { description: METRICS.conversions.definition })
  conversions!: CountChange;
  @Field(() => AmountChange, { description: METRICS.revenue.definition })
  revenue!: AmountChange;
  @Field(() => AmountChange, { description: METRICS.responseRate.definition })
  responseRate!: AmountChange;
  @Field(() => AmountChange, { description: METRICS.avgResponseTime.definition })
  avgFirstResponseTime!: AmountChange;
}
