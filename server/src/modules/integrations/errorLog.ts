import { IntegrationModel, type IntegrationError } from './integration.model';

export const ERROR_LOG_LIMIT = 20;

/**
 * Keeps an integration's error log to its newest ERROR_LOG_LIMIT entries. FerretDB 1.24
 * ignores `$slice` in `$push` (measured: 22 pushes kept 22), so the oldest entries are
 * popped while the log is too long; each pop is conditional, so concurrent trims never
 * cut below the limit. On MongoDB the `$slice` already did it and this is one no-op.
 */
export async function trimErrorLog(filter: object): Promise<void> {
  const tooLong = { ...filter, [`errorLog.${ERROR_LOG_LIMIT}`]: { $exists: true } };
  for (let round = 0; round < 100; round++) {
    const result = await IntegrationModel.updateOne(tooLong, { $pop: { errorLog: -1 } });
    if (result.modifiedCount === 0) return;
  }
}

/** Records a failure (a refused token, a failed send) for the dashboard to show. */
export async function logIntegrationError(filter: object, error: string): Promise<void> {
  const entry: IntegrationError = { error, timestamp: new Date(), resolved: false };
  await IntegrationModel.updateOne(filter, {
    $push: { errorLog: { $each: [entry], $slice: -ERROR_LOG_LIMIT } },
  });
  await trimErrorLog(filter);
}
