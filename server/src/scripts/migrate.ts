import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import mongoose from 'mongoose';
import { loadConfig, type AppConfig } from '../config';
import { DEFAULT_DB_NAME } from '../db/connect';
import { startFerretDB, type EmbeddedFerretDB } from '../db/ferretdb';
import { syncIndexes, type IndexSyncReport } from '../db/indexSync';
import { uriDatabaseName } from '../db/mongoUri';
import { runScript } from './serverDatabase';

const usage = 'Usage: npm run migrate -- [--dry-run] [--drop]';

/**
 * Index sync (`npm run migrate`): creates the indexes the models declare and lists the
 * ones they do not, dropping those only with --drop. Uses the database the server uses
 * (MONGODB_URI, or the embedded FerretDB of DATA_DIR, which a running server holds: stop it
 * first). Exits 1 when an index could not be brought in line.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'dry-run': { type: 'boolean', default: false },
      drop: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig();
  const database = await connect(config);
  try {
    const dryRun = values['dry-run'];
    console.log(`Index sync of ${database.name}${dryRun ? ' (dry run: nothing changes)' : ''}`);
    const report = await syncIndexes(mongoose.connection.db!, { drop: values.drop, dryRun });
    const failed = print(report, { dryRun, drop: values.drop });
    if (failed) process.exitCode = 1;
  } finally {
    await database.close();
  }
}

/**
 * Not connectDatabase: it creates the indexes on the way in, and an index whose options
 * changed makes that fail, which is the very case this script must be able to repair.
 */
async function connect(config: AppConfig): Promise<{ name: string; close(): Promise<void> }> {
  let embedded: EmbeddedFerretDB | undefined;
  let uri = config.mongodbUri;
  if (!uri) {
    embedded = await startFerretDB({ dataDir: config.dataDir });
    uri = embedded.uri;
  }
  try {
    await mongoose.connect(uri, {
      serverSelectionTimeoutMS: 10_000,
      autoIndex: false,
      autoCreate: false,
      // Sequential work: one connection also keeps FerretDB's updates in order.
      maxPoolSize: 1,
      // The server's default database name (see connect.ts) when the URI names none.
      ...(uriDatabaseName(uri) ? {} : { dbName: DEFAULT_DB_NAME }),
    });
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  return {
    name: mongoose.connection.name,
    close: async () => {
      await mongoose.disconnect();
      await embedded?.stop();
    },
  };
}

/** Prints one line per collection; answers whether anything failed. */
function print(report: IndexSyncReport, mode: { dryRun: boolean; drop: boolean }): boolean {
  let failed = false;
  for (const entry of report.collections) {
    const notes: string[] = [];
    if (mode.dryRun) {
      if (entry.missing.length) notes.push(`would create ${entry.missing.join(', ')}`);
      if (entry.extra.length) {
        const verb = mode.drop ? 'would drop' : 'not declared (kept; --drop removes)';
        notes.push(`${verb} ${entry.extra.join(', ')}`);
      }
    } else {
      if (entry.dropped.length) notes.push(`dropped ${entry.dropped.join(', ')}`);
      if (entry.created.length) notes.push(`created ${entry.created.join(', ')}`);
      const kept = entry.extra.filter((name) => !entry.dropped.includes(name));
      if (kept.length) notes.push(`not declared (kept; --drop removes) ${kept.join(', ')}`);
    }
    if (entry.error) {
      failed = true;
      const hint = entry.extra.length && !mode.drop ? ' (an index changed? rerun with --drop)' : '';
      notes.push(`FAILED: ${entry.error}${hint}`);
    }
    console.log(`  ${entry.collection}: ${notes.length ? notes.join('; ') : 'in sync'}`);
  }
  if (report.undeclaredCollections.length) {
    console.log(
      `Collections no model declares (left alone): ${report.undeclaredCollections.join(', ')}`,
    );
  }
  return failed;
}

runScript(main);
