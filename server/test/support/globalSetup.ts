import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFerretDB, type EmbeddedFerretDB } from '../../src/db/ferretdb';

declare global {
  var salesdeskTestDatabase: { ferretdb: EmbeddedFerretDB; dir: string } | undefined;
}

/** One FerretDB for the whole run; each test file uses its own database in it. */
export default async function globalSetup(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'salesdesk-test-'));
  const ferretdb = await startFerretDB({ dataDir: dir });
  globalThis.salesdeskTestDatabase = { ferretdb, dir };
  // Workers start after global setup and inherit the environment.
  process.env.SALESDESK_TEST_MONGODB_URI = ferretdb.uri;
}
