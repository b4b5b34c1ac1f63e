import { createHash } from 'node:crypto';
import { Types } from 'mongoose';

/**
 * The `_id` of a counter document, derived from its key (96 bits of SHA-256). Writes then
 * address the document by `_id` alone: the one filter FerretDB 1.24's SQLite backend
 * pushes down to SQL (anything else is decoded and matched in Go, document by document),
 * and on MongoDB the cheapest lookup there is. The unique key indexes stay as the
 * contract; a document written before ids were derived is still found by its key.
 */
export function derivedId(
  ...parts: (string | Types.ObjectId | null | undefined)[]
): Types.ObjectId {
  const key = parts.map((part) => (part === null || part === undefined ? '-' : String(part)));
  return new Types.ObjectId(createHash('sha256').update(key.join('|')).digest().subarray(0, 12));
}
