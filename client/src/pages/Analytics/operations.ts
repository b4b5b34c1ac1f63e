import { graphql } from '../../gql';

export const AnalyticsReportDocument = graphql(`
  query AnalyticsReport($range: AnalyticsRange!, $campaignId: ObjectId, $platform: Platform) {
    analytics(range: $range, campaignId: $campaignId, platform: $platform) {
      from
      to
      timezone
      totals {
        messagesReceived
        messagesSent
        conversationsStarted
        activeConversations
        conversationsCompleted
        leadsGenerated
        qualifiedLeads
        conversions
        revenue
        avgOrderValue
        avgResponseTime
        responseRate
        engagementRate
        bounceRate
        conversionRate
        aiAccuracy
        aiHandoffRate
      }
      days {
        date
        messagesReceived
        messagesSent
        conversationsStarted
        activeConversations
        conversationsCompleted
        leadsGenerated
        qualifiedLeads
        conversions
        revenue
        avgOrderValue
        avgResponseTime
        responseRate
        engagementRate
        bounceRate
        conversionRate
        aiAccuracy
        aiHandoffRate
      }
      hourly {
        hour
        messages
        conversations
        conversions
      }
    }
    funnel(range: $range, campaignId: $campaignId, platform: $platform) {
      steps {
        stage
        count
        rateFromPrevious
        rateFromStart
      }
      byPlatform {
        platform
        steps {
          stage
          count
          rateFromStart
        }
      }
    }
  }
`);

export const RevenueAttributionDocument = graphql(`
  query RevenueAttribution($range: AnalyticsRange!) {
    revenueAttribution(range: $range) {
      from
      to
      total {
        chats
        conversions
        revenue
        avgOrderValue
      }
      byCampaign {
        campaignId
        campaignName
        chats
        conversions
        revenue
        avgOrderValue
      }
      byPlatform {
        platform
        chats
        conversions
        revenue
        avgOrderValue
      }
      byAd {
        adId
        headline
        source
        platform
        chats
        conversions
        revenue
        avgOrderValue
      }
    }
  }
`);

export const AnalyticsCampaignOptionsDocument = graphql(`
  query AnalyticsCampaignOptions {
    campaigns(limit: 100) {
      items {
        id
        name
        status
      }
    }
  }
`);
