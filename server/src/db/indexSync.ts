import type mongoose from 'mongoose';
import { models } from './indexes';

type DeclaredModel = (typeof models)[number];

export interface IndexSyncOptions {
  /** Drop indexes no model declares (or declares with other options). Off by default. */
  drop?: boolean;
  /** Report only: change nothing. */
  dryRun?: boolean;
  /**
   * Where the indexes go when it is not mongoose's default connection (the models' own):
   * the target of a move (db/move.ts) while the server's database is elsewhere.
   */
  connection?: mongoose.Connection;
}

export interface CollectionIndexReport {
  collection: string;
  /** Declared indexes the database lacked (or had with other options), by default name. */
  missing: string[];
  /** Indexes in the database that no model declares as they are, by name. */
  extra: string[];
  created: string[];
  dropped: string[];
  error?: string;
}

export interface IndexSyncReport {
  collections: CollectionIndexReport[];
  /** Collections in the database that no model owns: reported, never touched. */
  undeclaredCollections: string[];
}

/**
 * Brings the database's indexes in line with the models' declarations: creates the missing
 * ones (as `ensureIndexes` does at boot) and lists the ones nobody declares, dropping them
 * only when asked. An index whose options changed in the code is both missing and extra:
 * creating it fails until the old one is dropped, so it takes `drop`. One collection at a
 * time, so a failure in one does not hide the state of the others.
 */
export async function syncIndexes(
  db: mongoose.mongo.Db,
  options: IndexSyncOptions = {},
): Promise<IndexSyncReport> {
  const collections: CollectionIndexReport[] = [];
  for (const declared of models) {
    const model = boundTo(declared, options.connection);
    const report: CollectionIndexReport = {
      collection: model.collection.collectionName,
      missing: [],
      extra: [],
      created: [],
      dropped: [],
    };
    collections.push(report);
    try {
      const before = await model.diffIndexes();
      report.missing = before.toCreate.map(indexName).sort();
      report.extra = (before.toDrop as string[]).sort();
      if (options.dryRun) continue;
      if (options.drop && report.extra.length > 0) {
        report.dropped = await model.cleanIndexes({ toDrop: report.extra });
      }
      await model.createCollection().catch(() => undefined);
      await model.createIndexes();
      const after = await model.diffIndexes();
      const stillMissing = new Set(after.toCreate.map(indexName));
      report.created = report.missing.filter((name) => !stillMissing.has(name));
      // MongoDB refuses an index that exists under the same name with other options;
      // FerretDB answers ok and keeps the old one. Either way it is not in line.
      if (stillMissing.size > 0) {
        throw new Error(`${[...stillMissing].join(', ')} still differs from its declaration`);
      }
    } catch (error) {
      report.error = error instanceof Error ? error.message : String(error);
    }
  }
  const declared = new Set(collections.map((report) => report.collection));
  const existing = await db.listCollections({}, { nameOnly: true }).toArray();
  const undeclaredCollections = existing
    .map((collection) => collection.name)
    .filter((name) => !declared.has(name) && !name.startsWith('system.'))
    .sort();
  return { collections, undeclaredCollections };
}

/** The same schema (hence the same index declarations) on another connection. */
function boundTo(model: DeclaredModel, connection?: mongoose.Connection): DeclaredModel {
  if (!connection || connection === model.db) return model;
  const name = model.modelName;
  return (connection.models[name] ??
    connection.model(name, model.schema, model.collection.collectionName)) as DeclaredModel;
}

/** MongoDB's default index name for a key pattern: `{ userId: 1, date: -1 }` -> `userId_1_date_-1`. */
export const indexName = (keys: Record<string, unknown>): string =>
  Object.entries(keys)
    .map(([field, direction]) => `${field}_${String(direction)}`)
    .join('_');
