import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { mongo } from 'mongoose';
import { parseRecord, readRecords } from './recordReader';
import { CURSOR_BATCH, RecordWriter } from './recordWriter';

type Db = mongo.Db;

export const MANIFEST_FILE = 'manifest.json';

/** An index as listIndexes gives it: `key`, `name` and its options. */
type IndexSpec = Record<string, unknown> & { key: Record<string, unknown>; name: string };

export interface BackupManifest {
  format: 'salesdesk-backup';
  version: 1;
  createdAt: string;
  /** `mongodb` or `ferretdb`: where it was taken (restoring into the other works too). */
  engine: string;
  database: string;
  collections: { name: string; file: string; count: number; indexes: IndexSpec[] }[];
}

export interface RestoreResult {
  collections: { name: string; count: number }[];
  /** Indexes the target refused (e.g. a MongoDB-only option on FerretDB): data is restored. */
  warnings: string[];
}

/** Documents per insertMany when restoring. */
const BATCH = 1000;

/**
 * Writes every collection of `db` (not only the manager's: audit log, trash, anything) to
 * `<dir>/<collection>.ndjson` in the export line format, unredacted, with exact BSON types
 * (canonical Extended JSON, `promoteValues: false`), then `manifest.json` with the counts
 * and indexes. The manifest is written last: a directory without one is not a backup.
 * Collections are read one after another, not as one snapshot (no engine here has
 * cross-collection snapshots without transactions): stop writers for an exact copy.
 */
export async function backupDatabase(
  db: Db,
  dir: string,
  engine: string,
  log: (line: string) => void = () => undefined,
): Promise<BackupManifest> {
  await mkdir(dir, { recursive: true });
  if ((await readdir(dir)).length > 0)
    throw new Error(`${dir} is not empty: give a new directory.`);
  const names = (await db.listCollections({}, { nameOnly: true }).toArray())
    .map((collection) => collection.name)
    .filter((name) => !name.startsWith('system.'))
    .sort();
  const manifest: BackupManifest = {
    format: 'salesdesk-backup',
    version: 1,
    createdAt: new Date().toISOString(),
    engine,
    database: db.databaseName,
    collections: [],
  };
  for (const name of names) {
    const collection = db.collection(name);
    const file = `${encodeURIComponent(name)}.ndjson`;
    const writer = new RecordWriter(createWriteStream(path.join(dir, file)));
    const cursor = collection.find({}, { batchSize: CURSOR_BATCH, promoteValues: false });
    try {
      for await (const document of cursor) await writer.write(name, document);
    } finally {
      await cursor.close();
    }
    await writer.end();
    const indexes = (await collection.listIndexes().toArray()) as IndexSpec[];
    manifest.collections.push({
      name,
      file,
      count: writer.count,
      indexes: indexes.filter((index) => index.name !== '_id_'),
    });
    log(`  ${name}: ${writer.count} documents`);
  }
  await writeFile(path.join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/**
 * Loads a backup into `db`. It refuses, before writing anything, when a collection of the
 * backup already holds documents, unless `force`: then those collections are dropped and
 * replaced (documents made since the backup are gone; other collections are untouched).
 * Recreates the recorded indexes after loading; counts are checked against the manifest.
 */
export async function restoreDatabase(
  db: Db,
  dir: string,
  options: { force?: boolean; log?: (line: string) => void } = {},
): Promise<RestoreResult> {
  const log = options.log ?? (() => undefined);
  const manifest = await readManifest(dir);
  const occupied: string[] = [];
  for (const { name } of manifest.collections) {
    if (await db.collection(name).findOne({}, { projection: { _id: 1 } })) occupied.push(name);
  }
  if (occupied.length > 0 && !options.force) {
    throw new Error(
      `These collections already hold documents: ${occupied.join(', ')}. Restore into an ` +
        'empty database, or pass --force to replace them.',
    );
  }
  for (const name of occupied) await db.collection(name).drop();

  const result: RestoreResult = { collections: [], warnings: [] };
  for (const { name, file, count, indexes } of manifest.collections) {
    const loaded = await loadCollection(db, name, path.join(dir, file));
    if (loaded !== count) {
      throw new Error(`${file}: ${loaded} documents where the manifest says ${count}.`);
    }
    for (const { key, name: indexName, v: _v, ns: _ns, ...indexOptions } of indexes) {
      try {
        await db.collection(name).createIndex(key as mongo.IndexSpecification, {
          ...indexOptions,
          name: indexName,
        });
      } catch (error) {
        result.warnings.push(
          `${name}: index ${indexName} not created: ${(error as Error).message}`,
        );
      }
    }
    result.collections.push({ name, count: loaded });
    log(`  ${name}: ${loaded} documents`);
  }
  return result;
}

async function readManifest(dir: string): Promise<BackupManifest> {
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(await readFile(path.join(dir, MANIFEST_FILE), 'utf8')) as BackupManifest;
  } catch (error) {
    throw new Error(`${dir} has no readable ${MANIFEST_FILE}: is it a backup?`, { cause: error });
  }
  if (manifest.format !== 'salesdesk-backup' || manifest.version !== 1) {
    throw new Error(`${dir}/${MANIFEST_FILE} is not a Salesdesk backup (version 1).`);
  }
  return manifest;
}

async function loadCollection(db: Db, name: string, file: string): Promise<number> {
  // An empty collection still comes back, so its indexes have somewhere to live.
  await db.createCollection(name).catch(() => undefined);
  const collection = db.collection(name);
  let batch: Record<string, unknown>[] = [];
  let loaded = 0;
  for await (const record of readRecords(createReadStream(file))) {
    const parsed = parseRecord(record.text, false);
    if (!parsed.ok) throw new Error(`${file}:${record.line}: ${parsed.reason}`);
    if (parsed.collection !== name) {
      throw new Error(`${file}:${record.line}: a document of ${parsed.collection}, not ${name}.`);
    }
    batch.push(parsed.document);
    if (batch.length >= BATCH) {
      await collection.insertMany(batch);
      loaded += batch.length;
      batch = [];
    }
  }
  if (batch.length > 0) await collection.insertMany(batch);
  return loaded + batch.length;
}
