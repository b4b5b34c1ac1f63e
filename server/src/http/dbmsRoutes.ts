import { Router, type Request, type Response } from 'express';
import { isObjectIdOrHexString, Types } from 'mongoose';
import { bearerToken, buildContext } from '../auth/context';
import { signInRequired } from '../auth/authChecker';
import { scopeOf, type Scope } from '../auth/ownership';
import type { Sessions } from '../auth/sessions';
import { AppError, badInput } from '../errors';
import { httpStatusFor } from '../graphql/formatError';
import type { Logger } from '../logger';
import {
  exportCollections,
  exportFileName,
  exportFormat,
  exportRecords,
} from '../modules/dbms/exportStream';
import type { ImportMode } from '../modules/dbms/importReport';
import { importRecords, ImportStoppedError } from '../modules/dbms/importStream';
import { readRecords, RecordTooLargeError } from '../modules/dbms/recordReader';
import { RecordWriter, StreamClosedError } from '../modules/dbms/recordWriter';

interface DbmsRouteOptions {
  jwtSecret: string;
  sessions: Sessions;
  logger: Logger;
  /** Largest import body; a bigger one is refused with 413. */
  maxImportBytes?: number;
}

export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

class BodyTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The import is larger than ${Math.round(maxBytes / 1024 / 1024)} MB: split it.`);
    this.name = 'BodyTooLargeError';
  }
}

/**
 * The database manager's streamed routes, with the same bearer token as GraphQL:
 * `GET /api/dbms/export` downloads documents as NDJSON or JSON, `POST /api/dbms/import`
 * takes that format back and answers a report. Errors are JSON in the webhooks' shape:
 * `{ errors: [{ message, extensions: { code } }] }`.
 */
export function dbmsRoutes(options: DbmsRouteOptions): Router {
  const router = Router();
  const maxImportBytes = options.maxImportBytes ?? MAX_IMPORT_BYTES;

  router.get('/api/dbms/export', async (req: Request, res: Response) => {
    let scope: Scope;
    let collections: ReturnType<typeof exportCollections>;
    let format: ReturnType<typeof exportFormat>;
    try {
      scope = await requestScope(req, res, options);
      collections = exportCollections(listParam(req, 'collections'));
      format = exportFormat(stringParam(req, 'format'));
    } catch (error) {
      return sendError(res, error, options.logger);
    }
    res.status(200);
    res.setHeader(
      'Content-Type',
      format === 'json' ? 'application/json; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
    );
    res.setHeader('Content-Disposition', `attachment; filename="${exportFileName(format)}"`);
    res.setHeader('Cache-Control', 'no-store');
    try {
      await exportRecords(scope, collections, format, new RecordWriter(res, format));
    } catch (error) {
      if (error instanceof StreamClosedError) return; // the client went away
      if (!res.headersSent) {
        res.removeHeader('Content-Disposition');
        return sendError(res, error, options.logger);
      }
      // Midway the status is sent: cut the transfer so the client sees it is incomplete.
      options.logger.error({ err: error }, 'export failed midway');
      res.destroy(error as Error);
    }
  });

  router.post('/api/dbms/import', async (req: Request, res: Response) => {
    let scope: Scope;
    let dryRun: boolean;
    let mode: ImportMode;
    try {
      scope = await requestScope(req, res, options);
      dryRun = booleanParam(req, 'dryRun');
      mode = modeParam(req);
      if (Number(req.get('content-length')) > maxImportBytes) {
        throw new BodyTooLargeError(maxImportBytes);
      }
    } catch (error) {
      return sendError(res, error, options.logger);
    }
    try {
      const records = readRecords(limited(req, maxImportBytes));
      res.json(await importRecords(scope, records, { dryRun, mode }));
    } catch (error) {
      if (!(error instanceof ImportStoppedError)) return sendError(res, error, options.logger);
      const { cause, report } = error;
      const tooLarge = cause instanceof BodyTooLargeError || cause instanceof RecordTooLargeError;
      if (!tooLarge) options.logger.warn({ err: cause }, 'import input stopped');
      // The rest of the body is not read: close the connection rather than drain it.
      res.setHeader('Connection', 'close');
      res.status(tooLarge ? 413 : 400).json({
        errors: [
          {
            message: `${error.message} The records before it were imported: see the report.`,
            extensions: { code: 'BAD_USER_INPUT', report },
          },
        ],
      });
    }
  });

  return router;
}

/** The caller's scope from the bearer token, narrowed to `?userId=` (admins only). */
async function requestScope(
  req: Request,
  res: Response,
  options: Pick<DbmsRouteOptions, 'jwtSecret' | 'sessions'>,
): Promise<Scope> {
  const context = await buildContext({
    token: bearerToken(req.get('authorization')),
    ip: req.ip,
    requestId: res.locals.requestId as string | undefined,
    jwtSecret: options.jwtSecret,
    sessions: options.sessions,
  });
  if (!context.user) throw signInRequired(context);
  const userId = stringParam(req, 'userId');
  if (userId !== undefined && !isObjectIdOrHexString(userId)) {
    throw badInput('userId must be an ObjectId.');
  }
  return scopeOf(context, userId ? new Types.ObjectId(userId) : undefined);
}

function stringParam(req: Request, name: string): string | undefined {
  const value: unknown = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw badInput(`${name} must be given once, as text.`);
  return value.trim();
}

function listParam(req: Request, name: string): string[] | undefined {
  return stringParam(req, name)
    ?.split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function booleanParam(req: Request, name: string): boolean {
  const value = stringParam(req, name);
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  throw badInput(`${name} must be true or false.`);
}

function modeParam(req: Request): ImportMode {
  const value = stringParam(req, 'mode');
  if (value === undefined || value === '' || value === 'skip') return 'skip';
  if (value === 'upsert') return 'upsert';
  throw badInput('mode must be skip or upsert.');
}

/** The request body, failing once more than `maxBytes` arrived (chunked bodies included). */
async function* limited(source: AsyncIterable<Buffer>, maxBytes: number): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of source) {
    total += chunk.length;
    if (total > maxBytes) throw new BodyTooLargeError(maxBytes);
    yield chunk;
  }
}

function sendError(res: Response, error: unknown, logger: Logger): void {
  if (error instanceof BodyTooLargeError) {
    res.setHeader('Connection', 'close');
    res
      .status(413)
      .json({ errors: [{ message: error.message, extensions: { code: 'BAD_USER_INPUT' } }] });
    return;
  }
  if (error instanceof AppError) {
    res.status(httpStatusFor(error.code)).json({
      errors: [{ message: error.message, extensions: { code: error.code, ...error.details } }],
    });
    return;
  }
  logger.error({ err: error }, 'database manager request failed');
  res.status(500).json({
    errors: [{ message: 'Something went wrong on our side.', extensions: { code: 'INTERNAL' } }],
  });
}
