import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { DEFAULT_DB_NAME } from '../db/connect';
import { startFerretDB } from '../db/ferretdb';
import { moveDatabase, type MoveReport } from '../db/move';
import { assertMongoUri, maskUri } from '../db/mongoUri';
import { runScript } from './serverDatabase';

const usage = 'Usage: npm run db:move -- <MONGODB_URI> [--force]';

/**
 * Moving up to MongoDB (`npm run db:move -- <uri>`): copies the embedded FerretDB of
 * DATA_DIR (a running server holds it: stop it first) into the MongoDB of the URI,
 * creates the models' indexes there, verifies every collection and prints the `.env` line
 * that switches the server over. The embedded data is left as it was. Exits 1 when the
 * copy does not verify.
 */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  if (positionals.length !== 1) throw new Error(usage);
  const targetUri = positionals[0]!;
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = loadConfig();
  if (config.mongodbUri) {
    throw new Error(
      'MONGODB_URI is already set (in the environment or .env): the server uses that ' +
        'database, not the embedded one, so there is nothing to move. To copy one MongoDB ' +
        'into another, use `npm run backup` and `npm run restore`.',
    );
  }
  assertMongoUri(targetUri);
  const embedded = await startFerretDB({ dataDir: config.dataDir });
  try {
    console.log(`Moving the embedded database of ${config.dataDir} to ${maskUri(targetUri)}`);
    const report = await moveDatabase({
      sourceUri: embedded.uri,
      sourceDbName: DEFAULT_DB_NAME,
      targetUri,
      force: values.force,
      log: (line) => console.log(`  ${line}`),
    });
    print(report);
    if (!report.ok) {
      process.exitCode = 1;
      console.log('\nThe move did NOT verify: keep running on the embedded database.');
      return;
    }
    console.log(
      `\nVerified. Stop using the embedded database: put this line in .env (keep the same ` +
        'SECRETS_KEY, or DATA_DIR/secrets.json: integration credentials are encrypted with ' +
        'it), then start the server:\n',
    );
    console.log(`MONGODB_URI=${targetUri}`);
  } finally {
    await embedded.stop();
  }
}

function print(report: MoveReport): void {
  const width = Math.max(10, ...report.collections.map((entry) => entry.name.length));
  console.log(`\n${report.sourceDb} -> ${report.targetDb}`);
  console.log(`${'collection'.padEnd(width)}  ${'documents'.padStart(10)}  checksum`);
  for (const entry of report.collections) {
    const counts =
      entry.documents === entry.targetDocuments
        ? String(entry.documents)
        : `${entry.documents} -> ${entry.targetDocuments}`;
    const checksum = entry.match ? 'match' : 'MISMATCH';
    console.log(`${entry.name.padEnd(width)}  ${counts.padStart(10)}  ${checksum}`);
  }
  for (const entry of report.indexes.collections) {
    if (entry.error) console.log(`indexes of ${entry.collection} FAILED: ${entry.error}`);
  }
}

runScript(main);
