import type { Model } from 'mongoose';
import type { Scope } from '../../auth/ownership';
import { badInput } from '../../errors';
import { AdStatsModel } from '../analytics/adStats.model';
import { AnalyticsModel } from '../analytics/analytics.model';
import { dayDocumentsWritten } from '../analytics/analyticsSlices';
import { CampaignModel } from '../campaigns/campaign.model';
import { ProductModel } from '../catalog/product.model';
import { CampaignTestModel } from '../campaignTests/campaignTest.model';
import { ChatModel } from '../chats/chat.model';
import { MessageModel } from '../chats/message.model';
import { MediaFileModel } from '../media/mediaFile.model';
import { IntegrationModel } from '../integrations/integration.model';
import { KnowledgePassageModel } from '../knowledge/passage.model';
import { RefreshTokenModel } from '../users/refreshToken.model';
import { UserModel } from '../users/user.model';
import { InboundEventModel } from '../../modules/webhookQueue/inboundEvent.model';

export const REDACTED = '[redacted]';

/** What the database manager knows of one collection. */
export interface DbmsCollection {
  name: string;
  /** What owners call it: "Chats", "Campaign tests". */
  label: string;
  /**
   * The server's own bookkeeping (accounts, sessions, webhook events, search passages, ad
   * counters): admins browse it; owners see their business data only (backups carry both).
   */
  system: boolean;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  model: Model<any>;
  /** The field naming the owner; `_id` for `users`, where an owner sees their own profile. */
  ownerField: 'userId' | '_id';
  /** String fields (dotted paths) that `search` matches. */
  searchable: readonly string[];
  /** Dotted paths shown as "[redacted]" to everyone, admins included. */
  redacted: readonly string[];
  /** Top-level binary fields the manager shows by their size; exports carry them whole. */
  binary?: readonly string[];
  /**
   * Tells the collection's own module that the manager wrote documents into it (restore,
   * import), for the state it derives from them.
   */
  afterWrite?: (documents: readonly Record<string, unknown>[]) => Promise<void>;
}

const collection = (
  [name, label, system]: [name: string, label: string, system?: 'system'],
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  model: Model<any>,
  searchable: readonly string[],
  redacted: readonly string[] = [],
  ownerField: DbmsCollection['ownerField'] = 'userId',
  afterWrite?: DbmsCollection['afterWrite'],
): DbmsCollection => ({
  name,
  label,
  system: system === 'system',
  model,
  ownerField,
  searchable,
  redacted,
  afterWrite,
});

/** Every collection the manager shows, in the order it lists them. */
export const DBMS_COLLECTIONS: readonly DbmsCollection[] = [
  collection(
    ['users', 'Accounts', 'system'],
    UserModel,
    ['email', 'name', 'businessInfo.businessName'],
    ['password'],
    '_id',
  ),
  collection(['campaigns', 'Campaigns'], CampaignModel, [
    'name',
    'product.name',
    'product.description',
  ]),
  collection(['products', 'Products'], ProductModel, ['name', 'description']),
  collection(['campaigntests', 'Campaign tests'], CampaignTestModel, ['name']),
  collection(['chats', 'Chats'], ChatModel, [
    'customerName',
    'customerId',
    'aiContext.conversationSummary',
  ]),
  collection(['messages', 'Messages'], MessageModel, ['content', 'platformMessageId']),
  collection(
    ['analytics', 'Analytics'],
    AnalyticsModel,
    ['platform'],
    [],
    'userId',
    dayDocumentsWritten,
  ),
  collection(
    ['adstats', 'Ad statistics', 'system'],
    AdStatsModel,
    ['adId', 'source', 'headline'],
    [],
    'userId',
    dayDocumentsWritten,
  ),
  collection(
    ['integrations', 'Integrations'],
    IntegrationModel,
    ['platform', 'platformData.pageName'],
    ['credentials'],
  ),
  collection(['inboundevents', 'Webhook events', 'system'], InboundEventModel, [
    'platformMessageId',
    'chatKey',
    'status',
  ]),
  collection(['knowledgepassages', 'Knowledge passages', 'system'], KnowledgePassageModel, [
    'text',
  ]),
  {
    ...collection(['mediafiles', 'Media'], MediaFileModel, ['fileName', 'mimeType']),
    binary: ['data'],
  },
  collection(
    ['refreshtokens', 'Sessions', 'system'],
    RefreshTokenModel,
    ['familyId'],
    ['tokenHash', 'parentHash'],
  ),
];

const byName = new Map(DBMS_COLLECTIONS.map((entry) => [entry.name, entry]));

export const DBMS_COLLECTION_NAMES = DBMS_COLLECTIONS.map((entry) => entry.name);

const unknownCollection = (name: string, allowed: readonly string[]) =>
  badInput(`Unknown collection "${name}". Allowed: ${allowed.join(', ')}.`, { allowed });

/** The named collection, or BAD_USER_INPUT listing the ones there are. */
export function dbmsCollection(name: string): DbmsCollection {
  const entry = byName.get(name);
  if (!entry) throw unknownCollection(name, DBMS_COLLECTION_NAMES);
  return entry;
}

/** The collections the manager shows `scope`: an owner's business data; for admins, all. */
export const visibleCollections = (scope: Scope): readonly DbmsCollection[] =>
  scope.isAdmin ? DBMS_COLLECTIONS : DBMS_COLLECTIONS.filter((entry) => !entry.system);

/**
 * The named collection if `scope` browses it; otherwise BAD_USER_INPUT with the ones it
 * may (an owner naming a system collection learns the names of theirs).
 */
export function visibleCollection(scope: Scope, name: string): DbmsCollection {
  const visible = visibleCollections(scope);
  const entry = visible.find((item) => item.name === name);
  if (!entry)
    throw unknownCollection(
      name,
      visible.map((item) => item.name),
    );
  return entry;
}

/** The documents of `entry` the scope may see: its owner's, or everyone's for an admin. */
export function ownedFilter(entry: DbmsCollection, scope: Scope): Record<string, unknown> {
  return scope.userId ? { [entry.ownerField]: scope.userId } : {};
}

/**
 * A copy of `document` with every redacted path that is present replaced by "[redacted]".
 * Only the objects along a redacted path are copied: a deep clone (structuredClone) would
 * turn BSON values such as ObjectIds into plain objects.
 */
export function redact<T extends Record<string, unknown>>(entry: DbmsCollection, document: T): T {
  if (entry.redacted.length === 0) return document;
  const copy: Record<string, unknown> = { ...document };
  for (const path of entry.redacted) {
    const parts = path.split('.');
    let node: Record<string, unknown> | undefined = copy;
    for (const part of parts.slice(0, -1)) {
      const next: unknown = node[part];
      if (!next || typeof next !== 'object' || Array.isArray(next)) {
        node = undefined;
        break;
      }
      const child = { ...(next as Record<string, unknown>) };
      node[part] = child;
      node = child;
    }
    const last = parts[parts.length - 1]!;
    if (node && node[last] !== undefined) node[last] = REDACTED;
  }
  return copy as T;
}
