import { graphql } from '../../gql';

// Every operation selects the whole view through one fragment: MetaAppView is cached as a
// single object (cachePolicies.ts), so what a mutation answers is what the page shows.

export const MetaAppViewFields = graphql(`
  fragment MetaAppPage_view on MetaAppView {
    appId {
      variable
      value
      set
      source
    }
    appSecret {
      variable
      value
      set
      source
    }
    loginConfigId {
      variable
      value
      set
      source
    }
    whatsappConfigId {
      variable
      value
      set
      source
    }
    instagramAppId {
      variable
      value
      set
      source
    }
    instagramAppSecret {
      variable
      value
      set
      source
    }
    publicUrl {
      variable
      value
      set
      source
    }
    verifyToken {
      variable
      value
      set
      source
    }
    publicUrlProblem
    loginRedirectUrl
    deauthorizeUrl
    dataDeletionUrl
    subscribeProblem
    webhooks {
      object
      platform
      fields
      callbackUrl
      subscribedAt
      error
    }
  }
`);

export const MetaAppDocument = graphql(`
  query MetaApp {
    metaApp {
      ...MetaAppPage_view
    }
  }
`);

export const UpdateMetaAppDocument = graphql(`
  mutation UpdateMetaApp($input: MetaAppInput!) {
    updateMetaApp(input: $input) {
      ...MetaAppPage_view
    }
  }
`);

export const SubscribeMetaWebhooksDocument = graphql(`
  mutation SubscribeMetaWebhooks {
    subscribeMetaWebhooks {
      ...MetaAppPage_view
    }
  }
`);
