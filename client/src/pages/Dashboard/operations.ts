import { graphql } from '../../gql';

export const DashboardStatsDocument = graphql(`
  query DashboardStats {
    dashboardStats {
      date
      previousDate
      timezone
      chats {
        total {
          today
          previous
          change
        }
        active {
          today
          previous
          change
        }
        needingAttention {
          today
          previous
          change
        }
      }
      campaigns {
        running
        total {
          today
          previous
          change
        }
        active {
          today
          previous
          change
        }
      }
      conversions {
        today
        previous
        change
      }
      revenue {
        today
        previous
        change
      }
      responseRate {
        today
        previous
        change
      }
      avgFirstResponseTime {
        today
        previous
        change
      }
    }
  }
`);

export const DashboardTrendDocument = graphql(`
  query DashboardTrend {
    analytics(range: { preset: LAST_30_DAYS }) {
      from
      to
      timezone
      days {
        date
        messagesReceived
        messagesSent
        revenue
        conversions
      }
    }
    funnel(range: { preset: LAST_30_DAYS }) {
      steps {
        stage
        count
        rateFromPrevious
        rateFromStart
      }
    }
  }
`);

export const HotLeadsDocument = graphql(`
  query HotLeads($minScore: Int!, $limit: Int!) {
    leads(minScore: $minScore, limit: $limit) {
      total
      items {
        chat {
          id
          customerName
          customerId
          platform
          status
          leadScore
          isTest
          lastMessageAt
        }
        topReasons {
          signal
          delta
          at
        }
      }
    }
  }
`);

export const DashboardStatsUpdatedDocument = graphql(`
  subscription DashboardStatsUpdated {
    statsUpdated {
      at
      reason
    }
  }
`);
