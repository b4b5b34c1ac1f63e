import { Types } from 'mongoose';
import { containsText } from '../../db/search';
import type { Scope } from '../../auth/ownership';
import { ownedFilter, type DbmsCollection } from './collections';

const OBJECT_ID = /^[0-9a-f]{24}$/i;

/**
 * The filter for a search box: the text, regex-escaped, in any searchable field
 * (case-insensitive), or the document with that exact _id. The input is only ever a
 * string inside `$regex`, so text like `{"$gt": ""}` or `.*` matches itself.
 */
/**
 * One document by id among those the scope may see. In `users` the owner filter is itself
 * on `_id`: spreading both into one object would let the id overwrite the owner check.
 */
export function ownedById(
  entry: DbmsCollection,
  scope: Scope,
  id: Types.ObjectId,
): Record<string, unknown> {
  const owned = ownedFilter(entry, scope);
  return '_id' in owned ? { $and: [owned, { _id: id }] } : { ...owned, _id: id };
}

export function searchFilter(
  entry: DbmsCollection,
  search: string | null | undefined,
): Record<string, unknown> {
  const text = search?.trim();
  if (!text) return {};
  const clauses: Record<string, unknown>[] = entry.searchable.map((path) => ({
    [path]: containsText(text),
  }));
  if (OBJECT_ID.test(text)) clauses.push({ _id: new Types.ObjectId(text) });
  return { $or: clauses };
}
