import type { Model, MongooseUpdateQueryOptions, Types, UpdateQuery } from 'mongoose';

/**
 * Updates the document `_id` (when `where` also matches) and reads it back, or null when
 * nothing matched. Not findOneAndUpdate: FerretDB refuses findAndModify with a projection,
 * which mongoose adds on models with `select: false` fields (a user's password, an
 * integration's credentials). The read is a second operation: fine for a profile or
 * settings, not for a decision (use a unique index or a conditional update for those).
 */
export async function updateThenRead<T>(
  model: Model<T>,
  id: Types.ObjectId,
  where: Record<string, unknown>,
  update: UpdateQuery<T>,
  options: MongooseUpdateQueryOptions = {},
): Promise<T | null> {
  const result = await model.updateOne({ _id: id, ...where }, update, options);
  if (result.matchedCount === 0) return null;
  return (await model.findById(id).lean()) as T | null;
}
