import 'reflect-metadata';
import { runScript, withServerDatabase } from './serverDatabase';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { backupDatabase } from '../modules/dbms/backup';

const usage = 'Usage: npm run backup -- <directory>   (a new or empty directory)';

/**
 * Backs up the whole database the server uses (MONGODB_URI, or the embedded FerretDB of
 * DATA_DIR, which a running server holds: stop it first) into one NDJSON file per
 * collection plus manifest.json. Nothing is redacted: keep backups as safe as the database.
 */
async function main(): Promise<void> {
  const { positionals } = parseArgs({ allowPositionals: true, options: {} });
  if (positionals.length !== 1) throw new Error(usage);
  const dir = path.resolve(positionals[0]!);
  await withServerDatabase(async (database) => {
    const started = performance.now();
    console.log(`Backing up ${database.connection.name} (${database.engine}) to ${dir}`);
    const manifest = await backupDatabase(database.connection.db!, dir, database.engine, (line) =>
      console.log(line),
    );
    const total = manifest.collections.reduce((sum, collection) => sum + collection.count, 0);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `Backed up ${total} documents in ${manifest.collections.length} collections in ${seconds} s.`,
    );
  });
}

runScript(main);
