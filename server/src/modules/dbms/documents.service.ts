import mongoose, { type Types } from 'mongoose';
import type { Scope } from '../../auth/ownership';
import { notFound } from '../../errors';
import { pageOf, skipFor, type Page, type PageArgs } from '../../graphql/pagination';
import {
  ownedFilter,
  visibleCollection,
  visibleCollections,
  type DbmsCollection,
} from './collections';
import { DbmsSort, type DbmsCollectionStats, type DbmsStats } from './dbms.types';
import { viewOf, type DocumentView, type RawDocument } from './documentView';
import { ownedById, searchFilter } from './search';

export interface DocumentQuery {
  search?: string | null;
  sort?: DbmsSort;
}

/**
 * Reads for the database manager. Documents come from the driver's collection, not the
 * mongoose model, so `select: false` fields are there to be redacted (never silently
 * missing) and BSON types reach Extended JSON unchanged.
 */
export class DbmsDocumentService {
  async stats(scope: Scope): Promise<DbmsStats> {
    const collections: DbmsCollectionStats[] = [];
    for (const entry of visibleCollections(scope)) {
      const storage = scope.isAdmin ? await storageOf(entry) : undefined;
      // Everyone's documents: collStats knows the count (on FerretDB ~10x faster than
      // counting, which decodes every document).
      const everyone = Object.keys(ownedFilter(entry, scope)).length === 0;
      const count =
        everyone && storage?.count !== null && storage?.count !== undefined
          ? storage.count
          : await entry.model.collection.countDocuments(ownedFilter(entry, scope));
      collections.push({
        name: entry.name,
        label: entry.label,
        system: entry.system,
        count,
        searchable: [...entry.searchable],
        storageSize: storage?.storageSize ?? null,
        avgObjSize: storage?.avgObjSize ?? null,
        totalIndexSize: storage?.totalIndexSize ?? null,
        indexes: storage?.indexes ?? null,
      });
    }
    return { collections, database: scope.isAdmin ? await databaseStats() : null };
  }

  async list(
    scope: Scope,
    collection: string,
    query: DocumentQuery,
    page: PageArgs,
  ): Promise<Page<DocumentView>> {
    const entry = visibleCollection(scope, collection);
    const filter = { ...ownedFilter(entry, scope), ...searchFilter(entry, query.search) };
    const direction = query.sort === DbmsSort.OLDEST ? 1 : -1;
    const [documents, total] = await Promise.all([
      entry.model.collection
        .find<RawDocument>(filter)
        .sort({ _id: direction })
        .skip(skipFor(page))
        .limit(page.limit)
        .toArray(),
      entry.model.collection.countDocuments(filter),
    ]);
    return pageOf(
      documents.map((document) => viewOf(entry, document)),
      total,
      page,
    );
  }

  async get(scope: Scope, collection: string, id: Types.ObjectId): Promise<DocumentView> {
    const entry = visibleCollection(scope, collection);
    const document = await entry.model.collection.findOne<RawDocument>(ownedById(entry, scope, id));
    if (!document) throw notFound('Document');
    return viewOf(entry, document);
  }
}

interface Storage {
  count: number | null;
  storageSize: number | null;
  avgObjSize: number | null;
  totalIndexSize: number | null;
  indexes: DbmsCollectionStats['indexes'];
}

/** collStats and listIndexes; both engines answer them (FerretDB with its own figures). */
async function storageOf(entry: DbmsCollection): Promise<Storage> {
  const db = mongoose.connection.db!;
  const stats = await db
    .command({ collStats: entry.model.collection.collectionName })
    .catch(() => ({}) as Record<string, unknown>);
  const indexes = await entry.model.collection.indexes().catch(() => []);
  return {
    count: numberOr(stats.count),
    storageSize: numberOr(stats.storageSize),
    avgObjSize: numberOr(stats.avgObjSize),
    totalIndexSize: numberOr(stats.totalIndexSize),
    indexes: indexes.map((index) => ({
      name: String(index.name),
      keys: JSON.stringify(index.key),
      unique: index.unique === true,
    })),
  };
}

async function databaseStats(): Promise<DbmsStats['database']> {
  const db = mongoose.connection.db!;
  const stats = await db.command({ dbStats: 1 });
  return {
    name: db.databaseName,
    collections: numberOr(stats.collections) ?? 0,
    objects: numberOr(stats.objects) ?? 0,
    dataSize: numberOr(stats.dataSize) ?? 0,
    storageSize: numberOr(stats.storageSize) ?? 0,
    indexes: numberOr(stats.indexes) ?? 0,
    indexSize: numberOr(stats.indexSize) ?? 0,
  };
}

/** Figures may come back as Int32, Double or Long. */
function numberOr(value: unknown): number | null {
  const number = Number(value);
  return value !== undefined && value !== null && Number.isFinite(number) ? number : null;
}
