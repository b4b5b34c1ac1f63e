import { rawWriteTo } from './rawWrites';
import { messagesWrittenRaw } from '../chats/messagePages';
import { mongo, type Types } from 'mongoose';
import { dbmsCollection } from './collections';
import type { RawDocument } from './documentView';
import { TrashItemModel, type TrashItem } from './trash.model';
import { insertedDespiteDuplicates } from '../../db/writeErrors';

const { EJSON } = mongo.BSON;

const CHUNK_DOCUMENTS = 500;

export interface TrashRestoreCounts {
  restored: number;
  skipped: number;
}

/**
 * Re-inserts a batch's documents, streamed in chunks. A document whose _id (or another
 * unique key, e.g. a chat the same customer started again) exists again is skipped and
 * left as it is now. Idempotent: a restore cut short can simply be run again.
 */
export async function restoreTrashItems(filter: {
  batchId: Types.ObjectId;
  userId?: Types.ObjectId;
}): Promise<Map<string, TrashRestoreCounts>> {
  const counts = new Map<string, TrashRestoreCounts>();
  let chunk: Pick<TrashItem, 'collectionName' | 'document'>[] = [];
  const flush = async () => {
    const byCollection = new Map<string, RawDocument[]>();
    for (const item of chunk) {
      const documents = byCollection.get(item.collectionName) ?? [];
      documents.push(EJSON.parse(item.document, { relaxed: false }) as RawDocument);
      byCollection.set(item.collectionName, documents);
    }
    for (const [name, documents] of byCollection) {
      const restored = await insertSkippingDuplicates(name, documents);
      await dbmsCollection(name).afterWrite?.(documents);
      const current = counts.get(name) ?? { restored: 0, skipped: 0 };
      current.restored += restored;
      current.skipped += documents.length - restored;
      counts.set(name, current);
    }
    chunk = [];
  };
  const cursor = TrashItemModel.collection
    .find<Pick<TrashItem, 'collectionName' | 'document'>>(filter, {
      projection: { collectionName: 1, document: 1 },
    })
    .batchSize(CHUNK_DOCUMENTS);
  try {
    for await (const item of cursor) {
      chunk.push(item);
      if (chunk.length >= CHUNK_DOCUMENTS) await flush();
    }
    await flush();
  } finally {
    await cursor.close();
  }
  return counts;
}

/** Inserts what is not there yet; resolves to how many were inserted. */
async function insertSkippingDuplicates(name: string, documents: RawDocument[]): Promise<number> {
  const { model } = dbmsCollection(name);
  if (name === 'messages') await messagesWrittenRaw(documents);
  try {
    const result = await model.collection
      .insertMany(documents, { ordered: false })
      .finally(() => rawWriteTo(name));
    return result.insertedCount;
  } catch (error) {
    const inserted = insertedDespiteDuplicates(error, documents.length);
    if (inserted === undefined) throw error;
    return inserted;
  }
}
