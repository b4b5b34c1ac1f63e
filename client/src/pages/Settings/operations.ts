import { graphql } from '../../gql';

export const SettingsProfileDocument = graphql(`
  query SettingsProfile {
    me {
      id
      email
      role
      createdAt
      businessInfo {
        businessName
        ownerName
        industry
        description
        phone
        website
      }
      globalAI {
        trained
        passageCount
        lastTrainedAt
      }
    }
  }
`);

export const UpdateBusinessInfoDocument = graphql(`
  mutation UpdateBusinessInfo($input: BusinessInfoInput!) {
    updateBusinessInfo(input: $input) {
      id
      businessInfo {
        businessName
        ownerName
        industry
        description
        phone
        website
      }
    }
  }
`);

export const ChangePasswordDocument = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input) {
      accessToken
      refreshToken
    }
  }
`);
