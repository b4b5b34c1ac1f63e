import 'reflect-metadata';
import { runScript, withServerDatabase } from './serverDatabase';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureIndexes } from '../db/indexes';
import { restoreDatabase } from '../modules/dbms/backup';

const usage = 'Usage: npm run restore -- <backup directory> [--force]';

/**
 * Restores a backup made by `npm run backup` into the server's database (stop the server
 * first). Refuses when a collection of the backup already holds documents; `--force`
 * replaces those collections instead. Then creates the recorded and the models' indexes.
 */
async function main(): Promise<void> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { force: { type: 'boolean', default: false } },
  });
  if (positionals.length !== 1) throw new Error(usage);
  const dir = path.resolve(positionals[0]!);
  await withServerDatabase(async (database) => {
    const started = performance.now();
    console.log(`Restoring ${dir} into ${database.connection.name} (${database.engine})`);
    const result = await restoreDatabase(database.connection.db!, dir, {
      force: values.force,
      log: (line) => console.log(line),
    });
    // The models' indexes too, should the code have gained some since the backup.
    await ensureIndexes();
    for (const warning of result.warnings) console.warn(`warning: ${warning}`);
    const total = result.collections.reduce((sum, collection) => sum + collection.count, 0);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `Restored ${total} documents in ${result.collections.length} collections in ${seconds} s.`,
    );
  });
}

runScript(main);
