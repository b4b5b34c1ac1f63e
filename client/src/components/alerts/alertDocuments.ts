import { graphql } from '../../gql';

export const AlertsDocument = graphql(`
  query Alerts {
    alerts(limit: 20) {
      unread
      items {
        ...AlertItem_alert
      }
    }
  }
`);

export const AlertRaisedDocument = graphql(`
  subscription AlertRaised {
    alertRaised {
      id
      title
      body
      link
    }
  }
`);

export const MarkAlertsReadDocument = graphql(`
  mutation MarkAlertsRead {
    markAlertsRead {
      unread
    }
  }
`);
