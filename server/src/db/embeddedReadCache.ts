import type { Schema } from 'mongoose';
import { databaseEngine } from './engine';

/**
 * Reads of small, rarely written documents that the pipeline makes for every message (the
 * integration that owns an account, a campaign's playbook, the business's profile), kept
 * in memory on the embedded database. There each is a round trip over the one FerretDB
 * connection that every message's writes queue behind. The cache is exact there: the
 * data-dir lock (dataDirLock.ts) admits one server process, and every write reaches the
 * cache through the model's hooks (`forgetOnWrite`) or, for the database manager's raw
 * writes, through modules/dbms/rawWrites.ts. Off on MongoDB, where other servers write.
 *
 * Values are shared between callers: treat them as read-only.
 */
export class EmbeddedReadCache<V> {
  private readonly entries = new Map<string, V>();
  /** Bumped by every write: a read that began before it must not be kept. */
  private generation = 0;

  constructor(
    readonly name: string,
    private readonly limit = 10_000,
  ) {
    caches.set(name, this);
  }

  async get(key: string, load: () => Promise<V>): Promise<V> {
    if (databaseEngine() !== 'ferretdb') return load();
    if (this.entries.has(key)) return this.entries.get(key)!;
    const generation = this.generation;
    const value = await load();
    if (generation === this.generation) {
      if (this.entries.size >= this.limit) this.entries.clear();
      this.entries.set(key, value);
    }
    return value;
  }

  forgetAll(): void {
    this.generation++;
    this.entries.clear();
  }
}

const caches = new Map<string, EmbeddedReadCache<unknown>>();

/** Drops every cache that follows `collection` (raw writes of the database manager). */
export function forgetCachesOf(collection: string): void {
  for (const cache of caches.values()) {
    if (cache.name === collection) cache.forgetAll();
  }
}

type Update = Record<string, unknown> | unknown[] | null | undefined;

/** Every way mongoose writes a collection, as query, document and model middleware. */
const QUERY_WRITES = [
  'updateOne',
  'updateMany',
  'findOneAndUpdate',
  'findOneAndReplace',
  'findOneAndDelete',
  'deleteOne',
  'deleteMany',
  'replaceOne',
] as const;

/**
 * A schema plugin (typegoose `@plugin(forgetOnWrite, { caches })`): any write through the
 * model drops the caches, before it runs (so a read racing it is not kept) and after.
 * `unless` names updates the cached values do not contain (a campaign's counters).
 */
export function forgetOnWrite(
  schema: Schema,
  options: { caches: EmbeddedReadCache<unknown>[]; unless?: (update: Update) => boolean },
): void {
  const forget = () => {
    for (const cache of options.caches) cache.forgetAll();
  };
  function onQuery(this: { getUpdate?: () => Update }) {
    if (options.unless && this.getUpdate && options.unless(this.getUpdate())) return;
    forget();
  }
  for (const op of QUERY_WRITES) {
    schema.pre(op, { document: false, query: true }, onQuery);
    schema.post(op, { document: false, query: true }, onQuery);
  }
  for (const op of ['save', 'deleteOne', 'updateOne'] as const) {
    schema.pre(op, { document: true, query: false }, forget);
    schema.post(op, { document: true, query: false }, forget);
  }
  schema.pre('insertMany', forget);
  schema.post('insertMany', forget);
  schema.pre('bulkWrite', forget);
  schema.post('bulkWrite', forget);
}

/** Set by mongoose on every update of a schema with timestamps; never cached. */
const TIMESTAMPS = new Set(['updatedAt', 'createdAt']);

/** True when an update only touches paths under `prefix` (e.g. `stats.`), timestamps aside. */
export function onlyTouches(prefix: string): (update: Update) => boolean {
  return (update) => {
    if (!update || Array.isArray(update)) return false;
    const paths = Object.entries(update)
      .flatMap(([key, value]) =>
        key.startsWith('$') && value && typeof value === 'object' ? Object.keys(value) : [key],
      )
      .filter((path) => !TIMESTAMPS.has(path));
    return paths.length > 0 && paths.every((path) => path.startsWith(prefix));
  };
}
