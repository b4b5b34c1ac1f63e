import { isObjectIdOrHexString, Types } from 'mongoose';
import { dbmsCollection } from './collections';

interface Reference {
  path: string;
  collection: 'chats' | 'campaigns' | 'messages';
  /** A dangling reference is refused too: a message must belong to a chat of its owner. */
  mustExist: boolean;
}

/**
 * The ids that point into another owned collection. The app lists a chat's messages by
 * `chatId` alone once the chat is found to be the caller's, so a message imported by B with
 * A's `chatId` would show up in A's inbox: a scoped import refuses references to documents
 * of other users, with the words it uses for ids that exist nowhere. Campaign ids of
 * deleted campaigns stay in history, so those may dangle; one naming another user's
 * campaign is dropped (it must not count or play A's campaign), and answered like a
 * dangling one, so the import never tells whether that campaign exists.
 */
const REFERENCES: Record<string, readonly Reference[]> = {
  messages: [{ path: 'chatId', collection: 'chats', mustExist: true }],
  chats: [{ path: 'campaignId', collection: 'campaigns', mustExist: false }],
  analytics: [{ path: 'campaignId', collection: 'campaigns', mustExist: false }],
  mediafiles: [
    { path: 'messageId', collection: 'messages', mustExist: true },
    { path: 'chatId', collection: 'chats', mustExist: false },
  ],
};

type Ownership = 'mine' | 'other' | 'missing';

/** Past this many remembered ids a collection's cache starts over: lookups are cheap. */
const MAX_REMEMBERED = 200_000;

/** Checks a scoped import's references, caching what it learns for the rest of the import. */
export class OwnedReferences {
  private readonly known = new Map<string, Map<string, Ownership>>();
  /** Documents of the import re-keyed because their `_id` is another user's: old -> new. */
  private readonly renamed = new Map<string, Types.ObjectId>();

  constructor(private readonly userId: Types.ObjectId) {}

  /** Notes that the import's `from` document of `collection` is written as `to`. */
  rename(collection: string, from: Types.ObjectId, to: Types.ObjectId): void {
    this.renamed.set(`${collection}:${from.toHexString()}`, to);
    this.remember(collection, to);
  }

  /** Points the document's references at the new ids of re-keyed documents. */
  follow(collection: string, document: Record<string, unknown>): void {
    for (const reference of REFERENCES[collection] ?? []) {
      const value = document[reference.path];
      if (!isObjectIdOrHexString(value)) continue;
      const key = `${reference.collection}:${new Types.ObjectId(String(value)).toHexString()}`;
      const to = this.renamed.get(key);
      if (to) document[reference.path] = to;
    }
  }

  /** Notes a document of `collection` that the import wrote (or, dry, would write) as ours. */
  remember(collection: string, id: Types.ObjectId): void {
    if (collection === 'chats' || collection === 'campaigns' || collection === 'messages') {
      this.set(collection, id, 'mine');
    }
  }

  /** The `collection:id` keys `document` refers to. */
  keysOf(collection: string, document: Record<string, unknown>): string[] {
    return (REFERENCES[collection] ?? []).flatMap((reference) => {
      const value = document[reference.path];
      return isObjectIdOrHexString(value)
        ? [`${reference.collection}:${new Types.ObjectId(String(value)).toHexString()}`]
        : [];
    });
  }

  /** Why `document` may not be imported into `collection` by this user, or undefined. */
  async refusal(
    collection: string,
    document: Record<string, unknown>,
  ): Promise<string | undefined> {
    for (const reference of REFERENCES[collection] ?? []) {
      const value = document[reference.path];
      if (value === undefined || value === null) continue;
      if (!isObjectIdOrHexString(value)) continue; // the model's validation reports it
      const ownership = await this.ownership(
        reference.collection,
        new Types.ObjectId(String(value)),
      );
      if (ownership === 'mine' || (ownership === 'missing' && !reference.mustExist)) continue;
      if (reference.mustExist) {
        return `${reference.path} does not name one of your ${reference.collection}.`;
      }
      document[reference.path] = null;
    }
    return undefined;
  }

  private async ownership(collection: string, id: Types.ObjectId): Promise<Ownership> {
    const cached = this.known.get(collection)?.get(id.toHexString());
    if (cached) return cached;
    const stored = await dbmsCollection(collection).model.collection.findOne(
      { _id: id },
      { projection: { userId: 1 } },
    );
    const ownership: Ownership = !stored
      ? 'missing'
      : this.userId.equals(stored.userId as Types.ObjectId)
        ? 'mine'
        : 'other';
    this.set(collection, id, ownership);
    return ownership;
  }

  private set(collection: string, id: Types.ObjectId, ownership: Ownership): void {
    let ids = this.known.get(collection);
    if (!ids || ids.size >= MAX_REMEMBERED) {
      ids = new Map();
      this.known.set(collection, ids);
    }
    ids.set(id.toHexString(), ownership);
  }
}
