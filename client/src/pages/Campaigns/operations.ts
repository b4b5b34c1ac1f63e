import { graphql } from '../../gql';

export const CampaignDetailFieldsFragment = graphql(`
  fragment CampaignDetailFields on Campaign {
    id
    name
    status
    targetPlatform
    outreachMessage
    createdAt
    updatedAt
    product {
      name
      description
      price
      images
      features
    }
    chatFlow {
      greeting
      qualificationQuestions
      objectionHandling {
        objection
        response
      }
      closingMessage
    }
    targetAudience {
      persona
      demographics {
        ageRange
        location
        interests
      }
    }
    stats {
      messagesSent
      responses
      conversions
      revenue
    }
  }
`);

export const CampaignListDocument = graphql(`
  query CampaignList($status: CampaignStatus, $search: String, $page: Int!, $limit: Int!) {
    campaigns(status: $status, search: $search, page: $page, limit: $limit) {
      total
      page
      pages
      items {
        id
        name
        status
        targetPlatform
        createdAt
        product {
          name
          price
          images
        }
        stats {
          messagesSent
          responses
          conversions
          revenue
        }
      }
    }
  }
`);

export const CampaignDetailDocument = graphql(`
  query CampaignDetail($id: ObjectId!) {
    campaign(id: $id) {
      ...CampaignDetailFields
    }
  }
`);

export const CreateCampaignDocument = graphql(`
  mutation CreateCampaign($input: CampaignInput!) {
    createCampaign(input: $input) {
      ...CampaignDetailFields
    }
  }
`);

export const UpdateCampaignDocument = graphql(`
  mutation UpdateCampaign($id: ObjectId!, $input: UpdateCampaignInput!) {
    updateCampaign(id: $id, input: $input) {
      ...CampaignDetailFields
    }
  }
`);

export const SetCampaignStatusDocument = graphql(`
  mutation SetCampaignStatus($id: ObjectId!, $status: CampaignStatus!) {
    setCampaignStatus(id: $id, status: $status) {
      id
      status
      updatedAt
    }
  }
`);

export const DeleteCampaignDocument = graphql(`
  mutation DeleteCampaign($id: ObjectId!, $force: Boolean) {
    deleteCampaign(id: $id, force: $force)
  }
`);

export const SimulateCustomerMessageDocument = graphql(`
  mutation SimulateCustomerMessage($input: SimulateCustomerMessageInput!) {
    simulateCustomerMessage(input: $input) {
      silentReason
      deliveryStatus
      chat {
        ...InboxChatFields
      }
      customerMessage {
        ...InboxMessageFields
      }
      reply {
        ...InboxMessageFields
      }
    }
  }
`);

export const SimulatorChatsDocument = graphql(`
  query SimulatorChats($campaignId: ObjectId!) {
    chats(filter: { campaignId: $campaignId, platform: SIMULATOR }, page: 1, limit: 10) {
      items {
        id
        customerName
        lastMessageAt
      }
    }
  }
`);
