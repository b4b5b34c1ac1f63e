import { rawWriteTo } from './rawWrites';
import { mongo, Types } from 'mongoose';
import type { DbmsCollection } from './collections';
import type { RawDocument } from './documentView';
import { ownerOf } from './documentView';
import { TRASH_DAYS, TrashBatchModel, TrashItemModel, type TrashKind } from './trash.model';

const { EJSON } = mongo.BSON;

/** Documents moved per round trip: bounded by count and by size (16 MB per document). */
const CHUNK_DOCUMENTS = 500;
const CHUNK_BYTES = 8 * 1024 * 1024;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface OpenBatch {
  id: Types.ObjectId;
  expiresAt: Date;
  /** Documents moved so far, per collection, in the order first seen. */
  counts: Map<string, number>;
}

export interface BatchStart {
  kind: TrashKind;
  userId: Types.ObjectId | null;
  actorId: Types.ObjectId;
  rootCollection?: string;
  rootId?: Types.ObjectId;
  preview?: string;
}

/**
 * Opens a trash batch. It is written before anything is deleted, so a deletion cut short
 * (crash, lost connection) stays restorable as far as it got.
 */
export async function openBatch(start: BatchStart): Promise<OpenBatch> {
  const deletedAt = new Date();
  const expiresAt = new Date(deletedAt.getTime() + TRASH_DAYS * DAY_MS);
  const batch = await TrashBatchModel.create({ ...start, deletedAt, expiresAt, counts: [] });
  return { id: batch._id, expiresAt, counts: new Map() };
}

/** Records the batch's final figures; a batch that moved nothing is removed. */
export async function closeBatch(batch: OpenBatch, preview?: string): Promise<number> {
  const total = [...batch.counts.values()].reduce((sum, count) => sum + count, 0);
  if (total === 0) {
    await TrashBatchModel.deleteOne({ _id: batch.id });
    return 0;
  }
  await TrashBatchModel.updateOne(
    { _id: batch.id },
    {
      $set: {
        counts: countsOf(batch),
        ...(preview === undefined ? {} : { preview }),
      },
    },
  );
  return total;
}

export const countsOf = (batch: OpenBatch) =>
  [...batch.counts].map(([collectionName, count]) => ({ collectionName, count }));

/**
 * Moves the documents of `entry` matching `filter` into the batch: streamed from a
 * cursor in chunks, each chunk copied to the trash before it is deleted, so memory stays
 * bounded and nothing is deleted without its copy. Resolves to how many were deleted.
 */
export async function moveToTrash(
  batch: OpenBatch,
  entry: DbmsCollection,
  filter: Record<string, unknown>,
): Promise<number> {
  let moved = 0;
  let chunk: RawDocument[] = [];
  let texts: string[] = [];
  let bytes = 0;
  const flush = async () => {
    if (chunk.length === 0) return;
    await TrashItemModel.collection.insertMany(
      chunk.map((document, index) => ({
        _id: new Types.ObjectId(),
        batchId: batch.id,
        userId: ownerOf(entry, document),
        collectionName: entry.name,
        document: texts[index]!,
        expiresAt: batch.expiresAt,
      })),
      { ordered: true },
    );
    const ids = chunk.map((document) => document._id);
    // $and, not a spread: the filter may itself be on _id.
    const { deletedCount } = await entry.model.collection
      .deleteMany({ $and: [filter, { _id: { $in: ids } }] })
      .finally(() => rawWriteTo(entry.name));
    moved += deletedCount;
    chunk = [];
    texts = [];
    bytes = 0;
  };
  const cursor = entry.model.collection.find<RawDocument>(filter).batchSize(CHUNK_DOCUMENTS);
  try {
    for await (const document of cursor) {
      const text = EJSON.stringify(document, { relaxed: false });
      chunk.push(document);
      texts.push(text);
      bytes += text.length;
      if (chunk.length >= CHUNK_DOCUMENTS || bytes >= CHUNK_BYTES) await flush();
    }
    await flush();
  } finally {
    await cursor.close();
    if (moved > 0) batch.counts.set(entry.name, (batch.counts.get(entry.name) ?? 0) + moved);
  }
  return moved;
}

const PRUNE_READS_EVERY_MS = 60_000;
let lastPrune = 0;

/**
 * Deletes expired trash. FerretDB has no TTL indexes, so this runs on every trash write
 * and, at most once a minute, on reads (each prune scans the trash on FerretDB); readers
 * also filter on expiresAt, so nothing expired is ever shown or restored.
 */
export async function pruneTrash(reason: 'write' | 'read'): Promise<void> {
  const now = Date.now();
  if (reason === 'read' && now - lastPrune < PRUNE_READS_EVERY_MS) return;
  lastPrune = now;
  const expired = { expiresAt: { $lte: new Date(now) } };
  await TrashBatchModel.deleteMany(expired);
  await TrashItemModel.deleteMany(expired);
}
