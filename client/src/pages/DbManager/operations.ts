import { graphql } from '../../gql';

export const DbmsStatsOverviewDocument = graphql(`
  query DbmsStatsOverview($userId: ObjectId) {
    dbmsStats(userId: $userId) {
      collections {
        name
        count
        searchable
        storageSize
        totalIndexSize
        avgObjSize
        indexes {
          name
          keys
          unique
        }
      }
      database {
        name
        collections
        objects
        dataSize
        storageSize
        indexSize
        indexes
      }
    }
    dbmsTrash(page: 1, limit: 1, userId: $userId) {
      total
    }
  }
`);

export const DbmsDocumentListDocument = graphql(`
  query DbmsDocumentList(
    $collection: String!
    $search: String
    $sort: DbmsSort!
    $page: Int!
    $limit: Int!
    $userId: ObjectId
  ) {
    dbmsDocuments(
      collection: $collection
      search: $search
      sort: $sort
      page: $page
      limit: $limit
      userId: $userId
    ) {
      total
      page
      pages
      items {
        id
        collection
        preview
        createdAt
        ownerId
      }
    }
  }
`);

export const DbmsDocumentViewDocument = graphql(`
  query DbmsDocumentView($collection: String!, $id: ObjectId!, $userId: ObjectId) {
    dbmsDocument(collection: $collection, id: $id, userId: $userId) {
      id
      collection
      createdAt
      ownerId
      json
    }
  }
`);

export const DbmsDeleteDocumentDocument = graphql(`
  mutation DbmsDeleteDocument($collection: String!, $id: ObjectId!) {
    dbmsDeleteDocument(collection: $collection, id: $id) {
      deleted
      trashId
      expiresAt
      counts {
        collection
        count
      }
    }
  }
`);

export const DbmsRestoreDocumentDocument = graphql(`
  mutation DbmsRestoreDocument($trashId: ObjectId!) {
    dbmsRestoreDocument(trashId: $trashId) {
      trashId
      restored
      skipped
    }
  }
`);

export const DbmsTrashListDocument = graphql(`
  query DbmsTrashList($page: Int!, $limit: Int!, $userId: ObjectId) {
    dbmsTrash(page: $page, limit: $limit, userId: $userId) {
      total
      page
      pages
      items {
        id
        kind
        preview
        rootCollection
        total
        deletedAt
        expiresAt
        counts {
          collection
          count
        }
      }
    }
  }
`);

export const DbmsHealthPanelDocument = graphql(`
  query DbmsHealthPanel {
    dbmsHealth {
      state
      pingMs
      details {
        engine
        version
        database
        host
        collections
        slowQueryMs
        pool {
          open
          inUse
          idle
          waiting
          maxPoolSize
          totalCheckouts
          checkoutFailures
        }
        slowOperations {
          at
          collection
          command
          durationMs
          failed
        }
      }
    }
  }
`);

/** Admins pick whose data to look at from the users collection (everyone's by default). */
export const DbmsUserChoicesDocument = graphql(`
  query DbmsUserChoices {
    dbmsDocuments(collection: "users", limit: 100, page: 1, sort: OLDEST) {
      total
      items {
        id
        preview
      }
    }
  }
`);
