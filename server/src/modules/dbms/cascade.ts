import { dbmsCollection, type DbmsCollection } from './collections';
import { ownerOf, type RawDocument } from './documentView';

/** Documents that go (and come back) with another one. */
export interface CascadeStep {
  entry: DbmsCollection;
  filter: Record<string, unknown>;
}

/**
 * What deleting `document` also deletes: a chat takes its messages (nothing in the
 * domain keeps messages of a missing chat) and their media, a message its media; a user (admins only) takes their refresh
 * tokens, so their sessions end. A campaign goes alone: chats keep their campaignId and
 * already treat a missing campaign as none (see CampaignService.remove). The owner
 * filter keeps a cascade inside the owner's data.
 */
export function cascadeOf(entry: DbmsCollection, document: RawDocument): CascadeStep[] {
  const owner = ownerOf(entry, document);
  switch (entry.name) {
    case 'chats':
      return [
        { entry: dbmsCollection('messages'), filter: { chatId: document._id, userId: owner } },
        { entry: dbmsCollection('mediafiles'), filter: { chatId: document._id, userId: owner } },
      ];
    case 'messages':
      return [
        {
          entry: dbmsCollection('mediafiles'),
          filter: { messageId: document._id, userId: owner },
        },
      ];
    case 'users':
      return [{ entry: dbmsCollection('refreshtokens'), filter: { userId: document._id } }];
    default:
      return [];
  }
}

/**
 * What `dbmsClearAll` empties for its user. Not `users` (the account stays),
 * `refreshtokens` (the caller stays signed in) or `knowledgepassages`: those are derived
 * from the profile, which stays, and are rebuilt from it; clearing them alone would leave
 * the AI without the business's knowledge.
 */
export const CLEAR_ALL_COLLECTIONS = [
  'campaigns',
  'chats',
  'messages',
  'analytics',
  'adstats',
  'integrations',
  'inboundevents',
  'mediafiles',
] as const;
