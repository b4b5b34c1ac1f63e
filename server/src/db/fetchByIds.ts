import type { Collection, Types } from 'mongoose';
import { databaseEngine } from './engine';

/**
 * Documents by `_id`. On MongoDB one `$in` query. On FerretDB 1.24 each its own lookup: an
 * equality on `_id` is the only filter its SQLite backend serves from an index (with the
 * one tools/ferretdb adds); `$in`, like any other filter, decodes every document of the
 * collection in Go. Order is not kept; missing ids are left out.
 */
export async function fetchByIds<T>(
  collection: Collection,
  ids: readonly Types.ObjectId[],
  projection?: Record<string, 1>,
): Promise<T[]> {
  if (ids.length === 0) return [];
  if (databaseEngine() === 'mongodb') {
    return (await collection.find({ _id: { $in: [...ids] } }, { projection }).toArray()) as T[];
  }
  const found = await Promise.all(ids.map((_id) => collection.findOne({ _id }, { projection })));
  return found.filter((document) => document !== null) as T[];
}
