import { graphql } from '../../gql';

export const AlertPreferencesDocument = graphql(`
  query AlertPreferences {
    alertPreferences {
      email
      emailAvailable
      pushPublicKey
      pushBrowsers
      events {
        event
        inApp
        email
        push
      }
      quietHours {
        enabled
        start
        end
      }
      dailySummary {
        enabled
        hour
      }
    }
  }
`);

export const UpdateAlertPreferencesDocument = graphql(`
  mutation UpdateAlertPreferences($input: AlertPreferencesInput!) {
    updateAlertPreferences(input: $input) {
      events {
        event
        inApp
        email
        push
      }
      quietHours {
        enabled
        start
        end
      }
      dailySummary {
        enabled
        hour
      }
    }
  }
`);

export const SubscribePushDocument = graphql(`
  mutation SubscribePush($input: PushSubscriptionInput!) {
    subscribePush(input: $input)
  }
`);

export const UnsubscribePushDocument = graphql(`
  mutation UnsubscribePush($endpoint: String!) {
    unsubscribePush(endpoint: $endpoint)
  }
`);

export const SendTestAlertDocument = graphql(`
  mutation SendTestAlert {
    sendTestAlert
  }
`);
