import mongoose, { mongo } from 'mongoose';
import { syncIndexes, type IndexSyncReport } from './indexSync';
import { CollectionDigest, EXACT_TYPES } from './moveDigest';
import { assertMongoUri, maskUri, uriDatabaseName } from './mongoUri';

export interface MoveOptions {
  sourceUri: string;
  sourceDbName: string;
  targetUri: string;
  /** Default: the database the target URI names, else `sourceDbName`. */
  targetDbName?: string;
  /** Drop the target's collections of the same names first, documents and all. */
  force?: boolean;
  log?: (line: string) => void;
}

export interface MovedCollection {
  name: string;
  /** In the source, as copied. */
  documents: number;
  /** In the target, read back after the copy. */
  targetDocuments: number;
  checksum: string;
  targetChecksum: string;
  match: boolean;
}

export interface MoveReport {
  sourceDb: string;
  targetDb: string;
  collections: MovedCollection[];
  /** The models' indexes on the target; an entry with `error` makes the move not ok. */
  indexes: IndexSyncReport;
  ok: boolean;
}

const BATCH_DOCUMENTS = 1000;
const BATCH_BYTES = 8 * 1024 * 1024;
const SERVER_SELECTION_MS = 10_000;

/**
 * Copies every collection of the source database into the target one, documents as they
 * are (exact BSON types), then creates the indexes the models declare there and reads the
 * target back: per collection, the count and an order-independent checksum must equal the
 * source's. Nothing is written until the target is known to hold none of the source's
 * collections' documents (or `force` dropped those collections). Writers to the source
 * must be stopped: collections are copied one after another, not as one snapshot.
 */
export async function moveDatabase(options: MoveOptions): Promise<MoveReport> {
  assertMongoUri(options.targetUri);
  const log = options.log ?? (() => undefined);
  const targetDbName =
    options.targetDbName ?? uriDatabaseName(options.targetUri) ?? options.sourceDbName;
  const source = new mongo.MongoClient(options.sourceUri, {
    serverSelectionTimeoutMS: SERVER_SELECTION_MS,
    maxPoolSize: 1,
  });
  let target: mongoose.Connection | undefined;
  try {
    await source.connect();
    const from = source.db(options.sourceDbName);
    const names = await collectionNames(from);
    if (names.length === 0) {
      throw new Error(
        `The source database ${from.databaseName} has no collections: nothing to move.`,
      );
    }
    target = await connectTarget(options.targetUri, targetDbName);
    const to = target.db!;
    await clearTarget(to, names, options.force ?? false, log);

    const copied = new Map<string, CollectionDigest>();
    for (const name of names) {
      const started = performance.now();
      copied.set(name, await copyCollection(from, to, name));
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      log(`copied ${name}: ${copied.get(name)!.count} documents in ${seconds} s`);
    }
    log('creating the indexes the models declare');
    const indexes = await syncIndexes(to, { connection: target });
    log('reading the target back to verify it');
    const collections: MovedCollection[] = [];
    for (const name of names) {
      const moved = copied.get(name)!;
      const found = await CollectionDigest.of(to.collection(name), BATCH_DOCUMENTS);
      collections.push({
        name,
        documents: moved.count,
        targetDocuments: found.count,
        checksum: moved.hex(),
        targetChecksum: found.hex(),
        match: moved.count === found.count && moved.hex() === found.hex(),
      });
    }
    const ok =
      collections.every((entry) => entry.match) &&
      indexes.collections.every((entry) => entry.error === undefined);
    return { sourceDb: from.databaseName, targetDb: to.databaseName, collections, indexes, ok };
  } finally {
    await target?.close().catch(() => undefined);
    await source.close().catch(() => undefined);
  }
}

async function collectionNames(db: mongo.Db): Promise<string[]> {
  const collections = await db
    .listCollections({ type: 'collection' }, { nameOnly: true })
    .toArray();
  return collections
    .map((collection) => collection.name)
    .filter((name) => !name.startsWith('system.'))
    .sort();
}

/**
 * A mongoose connection, not a bare client: syncIndexes compiles the models' schemas on it.
 * No auto-index or auto-create: indexes come after the data, as one step that reports.
 */
async function connectTarget(uri: string, dbName: string): Promise<mongoose.Connection> {
  const connection = mongoose.createConnection(uri, {
    dbName,
    autoIndex: false,
    autoCreate: false,
    serverSelectionTimeoutMS: SERVER_SELECTION_MS,
  });
  try {
    return await connection.asPromise();
  } catch (error) {
    await connection.close().catch(() => undefined);
    throw new Error(`Cannot reach the target ${maskUri(uri)}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

async function clearTarget(
  db: mongo.Db,
  names: string[],
  force: boolean,
  log: (line: string) => void,
): Promise<void> {
  const occupied: string[] = [];
  for (const name of names) {
    if (await db.collection(name).findOne({}, { projection: { _id: 1 } })) occupied.push(name);
  }
  if (occupied.length > 0 && !force) {
    throw new Error(
      `The target database ${db.databaseName} already holds documents in ` +
        `${occupied.join(', ')}: nothing was written. Move into an empty database, or pass ` +
        '--force to drop those collections first.',
    );
  }
  if (!force) return;
  const existing = await db.listCollections({}, { nameOnly: true }).toArray();
  for (const { name } of existing.filter((collection) => names.includes(collection.name))) {
    await db.collection(name).drop();
    log(`dropped ${name} on the target (--force)`);
  }
}

/** Batches bounded in documents and bytes, so memory does not grow with the collection. */
async function copyCollection(
  from: mongo.Db,
  to: mongo.Db,
  name: string,
): Promise<CollectionDigest> {
  // Even an empty collection comes over: the source had it, and its indexes need a home.
  await to.createCollection(name).catch((error: unknown) => {
    if ((error as { codeName?: string }).codeName !== 'NamespaceExists') throw error;
  });
  const target = to.collection(name);
  const digest = new CollectionDigest();
  const cursor = from.collection(name).find({}, { ...EXACT_TYPES, batchSize: BATCH_DOCUMENTS });
  let batch: mongo.Document[] = [];
  let bytes = 0;
  try {
    for await (const document of cursor) {
      bytes += digest.add(document);
      batch.push(document);
      if (batch.length >= BATCH_DOCUMENTS || bytes >= BATCH_BYTES) {
        await target.insertMany(batch);
        batch = [];
        bytes = 0;
      }
    }
    if (batch.length > 0) await target.insertMany(batch);
  } finally {
    await cursor.close();
  }
  return digest;
}
