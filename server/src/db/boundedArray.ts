import type { Model } from 'mongoose';

/**
 * Keeps an array field to its newest `limit` entries (the newest are last). FerretDB 1.24
 * ignores `$slice` in `$push` (measured: 22 pushes kept 22), so the oldest entries are
 * popped while the array is too long; each pop is conditional, so concurrent trims never
 * cut below the limit. On MongoDB the `$slice` of the push already did it and this is one
 * no-op update.
 */
export async function keepNewest<T>(
  model: Model<T>,
  filter: object,
  field: string,
  limit: number,
): Promise<void> {
  const tooLong = { ...filter, [`${field}.${limit}`]: { $exists: true } };
  for (let round = 0; round < 100; round++) {
    const result = await model.updateOne(tooLong, { $pop: { [field]: -1 } } as never);
    if (result.modifiedCount === 0) return;
  }
}
