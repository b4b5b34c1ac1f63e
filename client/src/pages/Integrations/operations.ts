import { graphql } from '../../gql';

export const IntegrationFieldsFragment = graphql(`
  fragment IntegrationFields on Integration {
    id
    platform
    status
    lastError
    lastSync
    connectedAt
    updatedAt
    webhookVerified
    platformData {
      pageName
      pageUsername
      category
      followersCount
      profilePicture
    }
    settings {
      autoReply
      handbackMinutes
      notifications {
        email
        push
      }
      businessHours {
        enabled
        timezone
        schedule {
          day
          open
          close
        }
      }
    }
    errorLog {
      error
      resolved
      timestamp
    }
  }
`);

export const IntegrationsListDocument = graphql(`
  query IntegrationsList {
    integrations {
      ...IntegrationFields
    }
  }
`);

export const ConnectIntegrationDocument = graphql(`
  mutation ConnectIntegration($input: ConnectIntegrationInput!) {
    connectIntegration(input: $input) {
      ...IntegrationFields
    }
  }
`);

export const DisconnectIntegrationDocument = graphql(`
  mutation DisconnectIntegration($platform: Platform!) {
    disconnectIntegration(platform: $platform) {
      ...IntegrationFields
    }
  }
`);

export const UpdateIntegrationSettingsDocument = graphql(`
  mutation UpdateIntegrationSettings($platform: Platform!, $input: IntegrationSettingsInput!) {
    updateIntegrationSettings(platform: $platform, input: $input) {
      ...IntegrationFields
    }
  }
`);

export const WebhookSetupDocument = graphql(`
  query WebhookSetup {
    webhookSetup {
      verifyToken
      signatureConfigured
    }
  }
`);
