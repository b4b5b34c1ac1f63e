import { graphql } from '../../gql';

export const OnboardingProfileDocument = graphql(`
  query OnboardingProfile {
    me {
      id
      onboardingCompleted
      businessInfo {
        businessName
        ownerName
        industry
        description
        phone
        website
        documents {
          name
          url
          text
          uploadedAt
        }
      }
      globalAI {
        trained
        ownerText
        passageCount
        lastTrainedAt
      }
    }
  }
`);

export const CompleteOnboardingDocument = graphql(`
  mutation CompleteOnboarding($input: BusinessInfoInput!) {
    completeOnboarding(input: $input) {
      id
      onboardingCompleted
      businessInfo {
        businessName
        ownerName
        industry
        description
        phone
        website
        documents {
          name
          url
          text
          uploadedAt
        }
      }
    }
  }
`);

export const TrainKnowledgeBaseDocument = graphql(`
  mutation TrainKnowledgeBase($text: String) {
    trainKnowledgeBase(text: $text) {
      id
      globalAI {
        trained
        ownerText
        passageCount
        lastTrainedAt
      }
    }
  }
`);
