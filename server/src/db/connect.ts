import mongoose from 'mongoose';
import type { AppConfig } from '../config';
import type { Logger } from '../logger';
import { commandMonitor } from './commandMonitor';
import { startFerretDB, type EmbeddedFerretDB } from './ferretdb';
import { ensureIndexes } from './indexes';

export type DatabaseEngine = 'mongodb' | 'ferretdb';

export interface Database {
  connection: mongoose.Connection;
  engine: DatabaseEngine;
  /** Present when this process started the embedded FerretDB. */
  embedded?: EmbeddedFerretDB;
  ping(): Promise<number>;
  close(): Promise<void>;
}

const DEFAULT_DB_NAME = 'salesdesk';

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
export async function connectDatabase(config: AppConfig, logger: Logger): Promise<Database> {
  let embedded: EmbeddedFerretDB | undefined;
  let uri = config.mongodbUri;
  if (!uri) {
    logger.info({ dataDir: config.dataDir }, 'starting embedded FerretDB');
    embedded = await startFerretDB({ dataDir: config.dataDir });
    uri = `${embedded.uri}${DEFAULT_DB_NAME}`;
    logger.info({ pid: embedded.pid }, 'embedded FerretDB is up');
  }
  try {
    const options: mongoose.ConnectOptions = {
      serverSelectionTimeoutMS: 10_000,
      autoIndex: false,
      autoCreate: true,
      // Command events feed the slow-operation list of dbmsHealth (see commandMonitor.ts).
      monitorCommands: true,
      ...(hasDbName(uri) ? {} : { dbName: DEFAULT_DB_NAME }),
    };
    await mongoose.connect(uri, embedded ? { ...options, ...ferretdbPool } : options);
    const engine = await detectEngine(mongoose.connection);
    if (engine === 'ferretdb' && !embedded) {
      await mongoose.disconnect();
      await mongoose.connect(uri, { ...options, ...ferretdbPool });
    }
    const connection = mongoose.connection;
    commandMonitor.attach(connection.getClient(), config.slowQueryMs, (operation) =>
      logger.warn(operation, 'slow database operation'),
    );
    await ensureIndexes();
    logger.info({ engine, db: connection.name }, 'database connected');
    return {
      connection,
      engine,
      embedded,
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

function hasDbName(uri: string): boolean {
  const afterHosts = uri.replace(/^mongodb(\+srv)?:\/\/[^/]*/, '');
  return /^\/[^/?]+/.test(afterHosts);
}

async function detectEngine(connection: mongoose.Connection): Promise<DatabaseEngine> {
  return engineOf(await connection.db!.admin().command({ buildInfo: 1 }));
}

/** FerretDB answers buildInfo with a MongoDB-compatible version plus its own `ferretdbVersion`. */
export const engineOf = (buildInfo: Record<string, unknown>): DatabaseEngine =>
  'ferretdbVersion' in buildInfo ? 'ferretdb' : 'mongodb';
