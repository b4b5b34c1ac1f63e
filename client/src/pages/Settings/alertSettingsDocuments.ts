import { graphql } from '../../gql';

/** What the owner chose: the same selection read and saved, so the cache stays whole. */
export const AlertChoicesFragment = graphql(`
  fragment AlertChoices_preferences on AlertPreferences {
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
`);

export const AlertPreferencesDocument = graphql(`
  query AlertPreferences {
    alertPreferences {
      email
      emailAvailable
      pushPublicKey
      pushBrowsers
      ...AlertChoices_preferences
    }
  }
`);

export const UpdateAlertPreferencesDocument = graphql(`
  mutation UpdateAlertPreferences($input: AlertPreferencesInput!) {
    updateAlertPreferences(input: $input) {
      ...AlertChoices_preferences
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
