/** MongoDB's (and FerretDB's) code for a write a unique index refused. */
const DUPLICATE_KEY = 11000;

export const isDuplicateKey = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  (error as { code?: unknown }).code === DUPLICATE_KEY;

/** One refused document of an unordered insertMany, by its index in the batch. */
export interface WriteFailure {
  index: number;
  code?: number;
  message: string;
  duplicate: boolean;
}

/**
 * The refused documents of an unordered insertMany, however the error carries them: the
 * driver gives `writeErrors` as an array or (FerretDB, one error) as an object, mongoose
 * wraps each as `{ err: {...} }`, and a lone duplicate may come as the error itself.
 * Empty when the error is not about the documents (a lost connection): rethrow it.
 */
export function writeFailuresOf(error: unknown): WriteFailure[] {
  const raw = (error as { writeErrors?: unknown } | null)?.writeErrors;
  const entries = raw === undefined ? (isDuplicateKey(error) ? [error] : []) : [raw].flat();
  return (entries as Record<string, unknown>[]).map((entry) => {
    const inner = (entry.err ?? entry) as { index?: number; code?: number; errmsg?: string };
    const code = inner.code ?? (entry.code as number | undefined);
    return {
      index: inner.index ?? (entry.index as number | undefined) ?? -1,
      code,
      message: inner.errmsg ?? 'The database refused this document.',
      duplicate: code === DUPLICATE_KEY,
    };
  });
}

/** How many documents an unordered insertMany inserted, when it failed on duplicates alone. */
export function insertedDespiteDuplicates(error: unknown, attempted: number): number | undefined {
  const failures = writeFailuresOf(error);
  if (failures.length === 0 || !failures.every((failure) => failure.duplicate)) return undefined;
  return attempted - failures.length;
}
