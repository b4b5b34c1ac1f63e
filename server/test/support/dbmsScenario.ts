import { mongo } from 'mongoose';
import { connectedBusiness, type ConnectedBusiness } from './connectedBusiness';
import { startGraphApiFixture, type GraphApiFixture } from './graphApiFixture';
import { MessageModel } from '../../src/modules/chats/message.model';
import {
  APP_SECRET,
  customerEvent,
  messagingEnvelope,
  messagingPayload,
  mid,
  postWebhook,
} from './metaPayloads';
import { newCustomerId } from './businessApp';
import { startTestApp, type AuthResult, type GraphQLResponse, type TestApp } from './testApp';

/** A test app that takes signed webhooks and sends to a local Graph API, inbox polled fast. */
export async function startDbmsApp(
  env: Record<string, string> = {},
): Promise<{ graph: GraphApiFixture; t: TestApp }> {
  const graph = await startGraphApiFixture();
  const t = await startTestApp({
    env: { GRAPH_API_URL: graph.url, META_APP_SECRET: APP_SECRET, ...env },
    configure: (config) => {
      config.pipeline.queue.pollMs = 50;
      config.pipeline.media.sweepMs = 50;
    },
  });
  return { graph, t };
}

// ---- GraphQL documents ----------------------------------------------------------------

const DOCUMENT_FIELDS = 'id collection ownerId json preview createdAt';
const TRASH_RESULT = 'trashId deleted counts { collection count } expiresAt';

export const DBMS_STATS = /* GraphQL */ `
  query ($userId: ObjectId) {
    dbmsStats(userId: $userId) {
      collections {
        name
        label
        system
        count
        searchable
        storageSize
        avgObjSize
        totalIndexSize
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
        indexes
        indexSize
      }
    }
  }
`;
export const DBMS_DOCUMENTS = /* GraphQL */ `
  query (
    $collection: String!
    $search: String
    $page: Int
    $limit: Int
    $sort: DbmsSort
    $userId: ObjectId
  ) {
    dbmsDocuments(
      collection: $collection
      search: $search
      page: $page
      limit: $limit
      sort: $sort
      userId: $userId
    ) {
      items { ${DOCUMENT_FIELDS} }
      total
      page
      pages
    }
  }
`;
export const DBMS_DOCUMENT = /* GraphQL */ `
  query ($collection: String!, $id: ObjectId!, $userId: ObjectId) {
    dbmsDocument(collection: $collection, id: $id, userId: $userId) { ${DOCUMENT_FIELDS} }
  }
`;
export const DBMS_DELETE = /* GraphQL */ `
  mutation ($collection: String!, $id: ObjectId!) {
    dbmsDeleteDocument(collection: $collection, id: $id) { ${TRASH_RESULT} }
  }
`;
export const DBMS_RESTORE = /* GraphQL */ `
  mutation ($trashId: ObjectId!) {
    dbmsRestoreDocument(trashId: $trashId) {
      trashId
      restored
      skipped
      counts {
        collection
        restored
        skipped
      }
    }
  }
`;
export const DBMS_TRASH = /* GraphQL */ `
  query ($page: Int, $limit: Int, $userId: ObjectId) {
    dbmsTrash(page: $page, limit: $limit, userId: $userId) {
      items {
        id
        kind
        userId
        actorId
        rootCollection
        rootId
        preview
        counts {
          collection
          count
        }
        total
        deletedAt
        expiresAt
      }
      total
    }
  }
`;
export const DBMS_CLEAR_ALL = /* GraphQL */ `
  mutation ($confirm: String!, $userId: ObjectId) {
    dbmsClearAll(confirm: $confirm, userId: $userId) { ${TRASH_RESULT} }
  }
`;
export const DBMS_HEALTH = /* GraphQL */ `
  query {
    dbmsHealth {
      state
      pingMs
      details {
        database
        host
        engine
        version
        collections
        slowQueryMs
        pool {
          maxPoolSize
          open
          idle
          inUse
          waiting
          totalCheckouts
          checkoutFailures
          connectionsCreated
          connectionsClosed
        }
        slowOperations {
          collection
          command
          durationMs
          failed
          at
        }
      }
    }
  }
`;
export const DBMS_AUDIT = /* GraphQL */ `
  query ($page: Int, $limit: Int, $userId: ObjectId) {
    dbmsAuditLog(page: $page, limit: $limit, userId: $userId) {
      items {
        id
        actorId
        userId
        action
        collections
        count
        details
        createdAt
      }
      total
    }
  }
`;

// ---- Result shapes --------------------------------------------------------------------

export interface DocumentItem {
  id: string;
  collection: string;
  ownerId: string | null;
  json: string;
  preview: string;
  createdAt: string;
}
export interface DocumentPage {
  items: DocumentItem[];
  total: number;
  page: number;
  pages: number;
}
export interface CollectionStats {
  name: string;
  label: string;
  system: boolean;
  count: number;
  searchable: string[];
  storageSize: number | null;
  avgObjSize: number | null;
  totalIndexSize: number | null;
  indexes: { name: string; keys: string; unique: boolean }[] | null;
}
export interface TrashResult {
  trashId: string | null;
  deleted: number;
  counts: { collection: string; count: number }[];
  expiresAt: string | null;
}
export interface RestoreResult {
  trashId: string;
  restored: number;
  skipped: number;
  counts: { collection: string; restored: number; skipped: number }[];
}
export interface TrashEntry {
  id: string;
  kind: 'DELETE' | 'CLEAR_ALL';
  userId: string | null;
  actorId: string;
  rootCollection: string | null;
  rootId: string | null;
  preview: string;
  counts: { collection: string; count: number }[];
  total: number;
  deletedAt: string;
  expiresAt: string;
}
export interface AuditItem {
  id: string;
  actorId: string;
  userId: string | null;
  action: string;
  collections: string[];
  count: number;
  details: Record<string, unknown>;
  createdAt: string;
}

export const codeOf = (response: GraphQLResponse<unknown>): string | undefined =>
  response.errors?.[0]?.extensions?.code;

/** The data of a response, or a thrown error carrying its GraphQL errors. */
export function dataOf<T>(response: GraphQLResponse<T>): T {
  if (!response.data) throw new Error(JSON.stringify(response.errors));
  return response.data;
}

/** A document's JSON parsed back into BSON values (ObjectIds, dates). */
export const parsed = (item: DocumentItem): Record<string, unknown> =>
  mongo.BSON.EJSON.parse(item.json, { relaxed: false }) as Record<string, unknown>;

/** Typed calls of the DBMS API as one user. */
export function dbmsAs(t: TestApp, user: AuthResult) {
  const as = { token: user.accessToken };
  return {
    stats: (userId?: string) =>
      t.gql<{ dbmsStats: { collections: CollectionStats[]; database: unknown } }>(
        DBMS_STATS,
        { userId },
        as,
      ),
    documents: (variables: {
      collection: string;
      search?: string;
      page?: number;
      limit?: number;
      sort?: 'NEWEST' | 'OLDEST';
      userId?: string;
    }) => t.gql<{ dbmsDocuments: DocumentPage }>(DBMS_DOCUMENTS, variables, as),
    document: (collection: string, id: string, userId?: string) =>
      t.gql<{ dbmsDocument: DocumentItem }>(DBMS_DOCUMENT, { collection, id, userId }, as),
    remove: (collection: string, id: string) =>
      t.gql<{ dbmsDeleteDocument: TrashResult }>(DBMS_DELETE, { collection, id }, as),
    restore: (trashId: string) =>
      t.gql<{ dbmsRestoreDocument: RestoreResult }>(DBMS_RESTORE, { trashId }, as),
    trash: (variables: { page?: number; limit?: number; userId?: string } = {}) =>
      t.gql<{ dbmsTrash: { items: TrashEntry[]; total: number } }>(DBMS_TRASH, variables, as),
    clearAll: (confirm: string, userId?: string) =>
      t.gql<{ dbmsClearAll: TrashResult }>(DBMS_CLEAR_ALL, { confirm, userId }, as),
    health: () => t.gql<{ dbmsHealth: Record<string, unknown> }>(DBMS_HEALTH, {}, as),
    audit: (variables: { page?: number; limit?: number; userId?: string } = {}) =>
      t.gql<{ dbmsAuditLog: { items: AuditItem[]; total: number } }>(DBMS_AUDIT, variables, as),
  };
}

// ---- Seeding through the real API ------------------------------------------------------

export interface Tenant extends ConnectedBusiness {
  /** The Messenger customer who wrote in from an ad (chat, messages, adstats, inbound event). */
  customerId: string;
  /** The photo that customer sent, as the media sweep kept it (mediafiles). */
  photo: { mediaFileId: string; body: Buffer };
}

/**
 * A business with data in every collection, all made through the product: sign-up
 * (users, refreshtokens), onboarding (knowledgepassages), a campaign, three connected
 * integrations, a Messenger customer arriving from an ad through the signed webhook
 * (inboundevents, chats, messages, analytics, adstats) who then sends a photo
 * (mediafiles), and a simulator chat.
 */
export async function seedTenant(t: TestApp, graph: GraphApiFixture): Promise<Tenant> {
  const business = await connectedBusiness(t, graph);
  const customerId = newCustomerId();
  const referral = {
    source: 'ADS',
    type: 'OPEN_THREAD',
    ad_id: `ad${customerId}`,
    ads_context_data: { ad_title: 'Tote sale' },
  };
  const body = messagingPayload('page', business.pageId, [
    { customerId, text: 'Hi, I saw your ad for the tote', referral },
  ]);
  const response = await postWebhook(t.url, 'facebook', body);
  if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
  await t.app.webhookQueue.idle(15_000);
  const photo = await sendPhoto(t, graph, business.pageId, customerId);
  const simulated = await t.gql(
    `mutation($input: SimulateCustomerMessageInput!) {
      simulateCustomerMessage(input: $input) { chat { id } }
    }`,
    { input: { campaignId: business.campaignId, customerName: 'Sim Tester', text: 'Hello' } },
    { token: business.owner.accessToken },
  );
  dataOf(simulated);
  const test = await t.gql(
    `mutation($id: ObjectId!, $input: CampaignTestInput!) {
      createCampaignTest(campaignId: $id, input: $input) { id }
    }`,
    { id: business.campaignId, input: { name: 'A sale', lines: ["I'll take one"] } },
    { token: business.owner.accessToken },
  );
  dataOf(test);
  return { ...business, customerId, photo };
}

/** A photo from the customer, on Meta's CDN, once the media sweep has kept it. */
async function sendPhoto(
  t: TestApp,
  graph: GraphApiFixture,
  pageId: string,
  customerId: string,
): Promise<Tenant['photo']> {
  const key = `photo-${customerId}`;
  const body = Buffer.from(`not really a JPEG from ${customerId}`);
  graph.state.media[key] = { mimeType: 'image/jpeg', body };
  const messageId = mid();
  const attachments = [{ type: 'image', payload: { url: `${graph.url}/cdn/${key}` } }];
  const response = await postWebhook(
    t.url,
    'facebook',
    messagingEnvelope('page', pageId, [
      customerEvent(pageId, customerId, { message: { mid: messageId, attachments } }),
    ]),
  );
  if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
  await t.app.webhookQueue.idle(15_000);
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const message = await MessageModel.findOne({ platformMessageId: messageId }).lean();
    const [attachment] = (message?.metadata?.attachments ?? []) as { mediaFileId?: string }[];
    if (attachment?.mediaFileId) return { mediaFileId: attachment.mediaFileId, body };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the photo was not kept');
}
