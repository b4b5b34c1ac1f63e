import mongoose from 'mongoose';
import type { AppConfig } from '../config';
import type { Logger } from '../logger';
import { commandMonitor } from './commandMonitor';
import { setDatabaseEngine, type DatabaseEngine } from './engine';
import { startFerretDB, type EmbeddedFerretDB } from './ferretdb';
import { ensureIndexes } from './indexes';
import { uriDatabaseName } from './mongoUri';
import { letUrgentCommandsFirst } from './urgentCommands';

export type { DatabaseEngine };

export interface Database {
  connection: mongoose.Connection;
  engine: DatabaseEngine;
  /** Present when this process started the embedded FerretDB. */
  embedded?: EmbeddedFerretDB;
  /** False while the embedded FerretDB is down (readiness says so at once). */
  healthy(): boolean;
  ping(): Promise<number>;
  close(): Promise<void>;
}

/** The database used when MONGODB_URI names none, and the embedded FerretDB's. */
export const DEFAULT_DB_NAME = 'salesdesk';

/**
 * FerretDB 1.24's SQLite backend applies every update as an unlocked read-modify-write:
 * measured here, 20 concurrent `$inc`s over separate connections left the counter at 11,
 * and 8 racing conditional updates all "won". Operations on one connection are handled
 * in order, so a single connection makes each update atomic for this process (200
 * concurrent `$inc`s: 200). Cross-process claims use unique indexes instead.
 */
const ferretdbPool = { maxPoolSize: 1, minPoolSize: 1 };

/**
 * Connects mongoose's default connection (the one Typegoose models use) to MONGODB_URI,
 * or to an embedded FerretDB started under DATA_DIR, then creates the models' indexes.
 */
/** How many times a FerretDB that died is started again before the server gives up. */
const RESTARTS = 3;
const RESTART_PAUSE_MS = 500;

export interface DatabaseOptions {
  /** The embedded database is gone for good: the process should exit, for a supervisor. */
  onFatal?: () => void;
}

export async function connectDatabase(
  config: AppConfig,
  logger: Logger,
  { onFatal }: DatabaseOptions = {},
): Promise<Database> {
  let embedded: EmbeddedFerretDB | undefined;
  let uri = config.mongodbUri;
  if (!uri) {
    logger.info({ dataDir: config.dataDir }, 'starting embedded FerretDB');
    embedded = await startFerretDB({ dataDir: config.dataDir });
    uri = `${embedded.uri}${DEFAULT_DB_NAME}`;
    logger.info({ pid: embedded.pid, uri: embedded.uri }, 'embedded FerretDB is up');
  }
  try {
    const options: mongoose.ConnectOptions = {
      serverSelectionTimeoutMS: 10_000,
      autoIndex: false,
      autoCreate: true,
      // Command events feed the slow-operation list of dbmsHealth (see commandMonitor.ts).
      monitorCommands: true,
      ...(uriDatabaseName(uri) ? {} : { dbName: DEFAULT_DB_NAME }),
    };
    await mongoose.connect(uri, embedded ? { ...options, ...ferretdbPool } : options);
    const engine = await detectEngine(mongoose.connection);
    setDatabaseEngine(engine);
    if (engine === 'ferretdb' && !embedded) {
      await mongoose.disconnect();
      await mongoose.connect(uri, { ...options, ...ferretdbPool });
    }
    const connection = mongoose.connection;
    commandMonitor.attach(connection.getClient(), config.slowQueryMs, (operation) =>
      logger.warn(operation, 'slow database operation'),
    );
    await ensureIndexes();
    if (engine === 'ferretdb' && !letUrgentCommandsFirst(connection.getClient())) {
      logger.warn('the driver changed: webhook answers wait their turn for the connection');
    }
    logger.info({ engine, db: connection.name }, 'database connected');
    if (embedded) superviseEmbedded(embedded, logger, onFatal);
    return {
      connection,
      engine,
      embedded,
      healthy: () => embedded?.alive() ?? true,
      ping: async () => {
        const started = performance.now();
        await connection.db!.command({ ping: 1 });
        return performance.now() - started;
      },
      close: async () => {
        commandMonitor.detach();
        await mongoose.disconnect();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await mongoose.disconnect().catch(() => undefined);
    await embedded?.stop();
    throw error;
  }
}

/**
 * The embedded FerretDB died (killed, out of memory): start it again on the same port and
 * files; the driver reconnects by itself. Past RESTARTS failures the server cannot serve,
 * and says so by exiting (onFatal) rather than hanging.
 */
function superviseEmbedded(embedded: EmbeddedFerretDB, logger: Logger, onFatal?: () => void) {
  embedded.onUnexpectedExit((code) => {
    logger.error({ code }, 'the embedded FerretDB exited: starting it again');
    void (async () => {
      for (let attempt = 1; attempt <= RESTARTS; attempt++) {
        // A pause first: whatever killed it (memory, a full disk) may pass.
        await new Promise((resolve) => setTimeout(resolve, RESTART_PAUSE_MS * attempt));
        try {
          await embedded.restart();
          logger.info({ pid: embedded.pid, attempt }, 'the embedded FerretDB is back');
          return;
        } catch (error) {
          logger.error({ err: error, attempt }, 'the embedded FerretDB did not start again');
        }
      }
      logger.fatal('the embedded FerretDB cannot be started: stopping the server');
      onFatal?.();
    })();
  });
}

async function detectEngine(connection: mongoose.Connection): Promise<DatabaseEngine> {
  return engineOf(await connection.db!.admin().command({ buildInfo: 1 }));
}

/** FerretDB answers buildInfo with a MongoDB-compatible version plus its own `ferretdbVersion`. */
export const engineOf = (buildInfo: Record<string, unknown>): DatabaseEngine =>
  'ferretdbVersion' in buildInfo ? 'ferretdb' : 'mongodb';
