import { existsSync } from 'node:fs';
import { loadConfig, type AppConfig } from '../config';
import { connectDatabase, type Database } from '../db/connect';
import { createLogger } from '../logger';

/**
 * Runs `work` on the server's own database, with the server's configuration (`.env`
 * included): MONGODB_URI, or the embedded FerretDB of DATA_DIR, which a running server
 * holds, so stop it first.
 */
export async function withServerDatabase<T>(
  work: (database: Database, config: AppConfig) => Promise<T>,
): Promise<T> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig();
  const database = await connectDatabase(config, createLogger('warn'));
  try {
    return await work(database, config);
  } finally {
    await database.close();
  }
}

/** A script's entry: failures print their message alone and exit 1. */
export function runScript(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
