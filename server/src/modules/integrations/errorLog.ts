import { keepNewest } from '../../db/boundedArray';
import { IntegrationModel, type IntegrationError } from './integration.model';

export const ERROR_LOG_LIMIT = 20;

/** Keeps an integration's error log to its newest ERROR_LOG_LIMIT entries. */
export const trimErrorLog = (filter: object): Promise<void> =>
  keepNewest(IntegrationModel, filter, 'errorLog', ERROR_LOG_LIMIT);

/** Records a failure (a refused token, a failed send) for the dashboard to show. */
export async function logIntegrationError(filter: object, error: string): Promise<void> {
  const entry: IntegrationError = { error, timestamp: new Date(), resolved: false };
  await IntegrationModel.updateOne(filter, {
    $push: { errorLog: { $each: [entry], $slice: -ERROR_LOG_LIMIT } },
  });
  await trimErrorLog(filter);
}
