import { createHash } from 'node:crypto';
import { Types } from 'mongoose';

/**
 * An ObjectId derived from a natural key, for documents that are looked up by that key.
 * FerretDB's SQLite backend serves only an `_id` equality from an index; every other
 * filter reads the whole collection. Keying such documents by a hash of their natural key
 * turns the lookup into that one indexed read on both engines, and makes "one document
 * per key" an `_id` uniqueness that inserts enforce atomically.
 */
export function derivedId(
  kind: string,
  ...parts: readonly (string | Types.ObjectId)[]
): Types.ObjectId {
  const hash = createHash('sha256').update(kind);
  // A separator no part can contain keeps ("a:b","c") and ("a","b:c") apart.
  for (const part of parts) hash.update('\u0000').update(String(part));
  return new Types.ObjectId(hash.digest().subarray(0, 12));
}
