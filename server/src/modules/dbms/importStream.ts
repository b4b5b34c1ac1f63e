import { rawWriteTo } from './rawWrites';
import { messagesWrittenRaw } from '../chats/messagePages';
import { Types } from 'mongoose';
import type { Scope } from '../../auth/ownership';
import { AppError } from '../../errors';
import { AuditAction, recordAudit } from './audit';
import { dbmsCollection, type DbmsCollection } from './collections';
import { OwnedReferences } from './importReferences';
import { ImportReportBuilder, type ImportMode, type ImportReport } from './importReport';
import {
  finalDocument,
  importRefusal,
  prepareDocument,
  type PreparedDocument,
} from './importValidation';
import { parseRecord, type RawRecord } from './recordReader';
import { isDuplicateKey, writeFailuresOf, type WriteFailure } from '../../db/writeErrors';

export interface ImportOptions {
  dryRun: boolean;
  mode: ImportMode;
}

/** Records decided and written together: one insertMany per collection per batch. */
const BATCH_SIZE = 500;
const LOOKUP_CONCURRENCY = 4;

interface Item extends PreparedDocument {
  line: number;
  entry: DbmsCollection;
}

interface Write {
  item: Item;
  document: Record<string, unknown>;
  /** It replaces the caller's stored document (else it is inserted). */
  update: boolean;
}

type Stored = Record<string, unknown>;

const keyOf = (collection: string, id: Types.ObjectId): string =>
  `${collection}:${id.toHexString()}`;

/** Decided writes of a batch not made yet, in order: inserts by collection, then updates. */
class PendingWrites {
  inserts = new Map<DbmsCollection, Write[]>();
  updates: Write[] = [];
  readonly keys = new Set<string>();

  add(key: string, write: Write, update: boolean): void {
    this.keys.add(key);
    if (update) return void this.updates.push(write);
    const writes = this.inserts.get(write.item.entry) ?? [];
    writes.push(write);
    this.inserts.set(write.item.entry, writes);
  }

  clear(): void {
    this.inserts = new Map();
    this.updates = [];
    this.keys.clear();
  }
}

/** The input stopped before its end (too large, unreadable): what was done until then. */
export class ImportStoppedError extends Error {
  constructor(
    cause: unknown,
    readonly report: ImportReport,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'ImportStoppedError';
  }
}

/**
 * Imports records of the export format as they arrive. Each record is one document: parsed,
 * checked against the caller's rights, validated by its model, then written on its own (a
 * rejected record writes nothing; there are no multi-document writes to half-apply).
 * `skip` leaves documents whose `_id` exists; `upsert` replaces them when they are the
 * caller's. A dry run makes the same decisions, with lookups instead of writes.
 */
export async function importRecords(
  scope: Scope,
  records: AsyncIterable<RawRecord>,
  options: ImportOptions,
): Promise<ImportReport> {
  const run = new ImportRun(scope, options);
  const iterator = records[Symbol.asyncIterator]();
  let batch: Item[] = [];
  for (;;) {
    let next: IteratorResult<RawRecord>;
    try {
      next = await iterator.next();
    } catch (error) {
      // The records read so far are whole: finish them, then say where the input stopped.
      await run.process(batch);
      await run.audit();
      throw new ImportStoppedError(error, run.finish());
    }
    if (next.done) break;
    const item = run.prepare(next.value);
    if (!item) continue;
    batch.push(item);
    if (batch.length >= BATCH_SIZE) {
      await run.process(batch);
      batch = [];
    }
  }
  await run.process(batch);
  await run.audit();
  return run.finish();
}

class ImportRun {
  private readonly report: ImportReportBuilder;
  private readonly references?: OwnedReferences;

  constructor(
    private readonly scope: Scope,
    private readonly options: ImportOptions,
  ) {
    this.report = new ImportReportBuilder(options.dryRun, options.mode);
    if (scope.userId) this.references = new OwnedReferences(scope.userId);
  }

  prepare(record: RawRecord): Item | undefined {
    this.report.report.records++;
    const parsed = parseRecord(record.text, true);
    if (!parsed.ok) return void this.report.reject(undefined, record.line, parsed.reason);
    let entry: DbmsCollection;
    try {
      entry = dbmsCollection(parsed.collection);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return void this.report.reject(undefined, record.line, error.message);
    }
    const refusal = importRefusal(entry, this.scope);
    if (refusal) return void this.report.reject(entry.name, record.line, refusal);
    const prepared = prepareDocument(entry, parsed.document, this.scope);
    if ('reason' in prepared) {
      return void this.report.reject(entry.name, record.line, prepared.reason);
    }
    return { ...prepared, line: record.line, entry };
  }

  async process(batch: Item[]): Promise<void> {
    if (batch.length === 0) return;
    const stored: (Stored | null | undefined)[] = [];
    // A few lookups at a time: on FerretDB's single connection, other requests of the app
    // queue behind whatever is in flight, so never a whole batch at once.
    for (let start = 0; start < batch.length; start += LOOKUP_CONCURRENCY) {
      const slice = batch.slice(start, start + LOOKUP_CONCURRENCY);
      stored.push(...(await Promise.all(slice.map((item) => this.lookup(item)))));
    }
    // Earlier records of this batch count as stored for later ones with the same _id.
    const earlier = new Map<string, Stored>();
    const pending = new PendingWrites();
    for (const [index, item] of batch.entries()) {
      // A record referring to one still waiting to be written waits for that write: only
      // its outcome says whether the referenced document is the caller's.
      const references = this.references?.keysOf(item.entry.name, item.document) ?? [];
      if (references.some((key) => pending.keys.has(key))) await this.write(pending);
      // After those writes: one of them may have re-keyed a document this one refers to.
      this.references?.follow(item.entry.name, item.document);
      const existing = stored[index] ?? earlier.get(keyOf(item.entry.name, item.id));
      const target = await this.decide(item, existing);
      if (!target) continue;
      const key = keyOf(item.entry.name, item.id);
      earlier.set(key, target.document);
      if (this.options.dryRun) this.accepted(item, target.update ? 'updated' : 'inserted');
      else pending.add(key, target, target.update);
    }
    await this.write(pending);
  }

  private async write(pending: PendingWrites): Promise<void> {
    const { inserts, updates } = pending;
    pending.clear();
    for (const [entry, writes] of inserts) await this.insert(entry, writes);
    for (const write of updates) await this.update(write);
  }

  /**
   * The stored document with the item's `_id` (null when there is none), or undefined when
   * no lookup is needed: inserts in `skip` mode learn about duplicates from the insert.
   */
  private async lookup(item: Item): Promise<Stored | null | undefined> {
    const needsStoredValues = item.kept.length > 0;
    if (!this.options.dryRun && this.options.mode === 'skip' && !needsStoredValues) return;
    const projection = needsStoredValues ? undefined : { [item.entry.ownerField]: 1 };
    return item.entry.model.collection.findOne({ _id: item.id }, { projection });
  }

  /** The document to write, or undefined when the record is skipped or rejected. */
  private async decide(item: Item, stored: Stored | undefined): Promise<Write | undefined> {
    const { entry, line } = item;
    const existing = stored && this.othersDocument(entry, stored) ? this.rekey(item) : stored;
    if (existing) {
      if (this.options.mode === 'skip') {
        this.references?.remember(entry.name, item.id);
        this.report.count(entry.name, 'skipped');
        return undefined;
      }
    }
    const refusal = await this.references?.refusal(entry.name, item.document);
    if (refusal) return void this.report.reject(entry.name, line, refusal);
    const final = await finalDocument(entry, item, existing);
    if ('reason' in final) return void this.report.reject(entry.name, line, final.reason);
    return { item, document: final.document, update: existing !== undefined };
  }

  private owns(entry: DbmsCollection, stored: Stored): boolean {
    const { userId } = this.scope;
    return !userId || userId.equals(stored[entry.ownerField] as Types.ObjectId);
  }

  /**
   * True when `stored` (found under the item's `_id`) is another user's document. For the
   * caller it does not exist: their record is a new document, as it would be for an id
   * that is nowhere, so the answer never tells B whether an id is A's. (A profile in
   * `users` is refused unless it is the caller's, see prepareDocument.)
   */
  private othersDocument(entry: DbmsCollection, stored: Stored): boolean {
    return entry.ownerField === 'userId' && !this.owns(entry, stored);
  }

  /** Gives the item a new `_id` of its own; resolves to "nothing stored under it". */
  private rekey(item: Item): undefined {
    const id = new Types.ObjectId();
    this.references?.rename(item.entry.name, item.id, id);
    item.id = id;
    item.document._id = id;
    return undefined;
  }

  private accepted(item: Item, outcome: 'inserted' | 'updated'): void {
    this.references?.remember(item.entry.name, item.id);
    this.report.count(item.entry.name, outcome);
  }

  private async insert(entry: DbmsCollection, writes: Write[]): Promise<void> {
    let failures = new Map<number, WriteFailure>();
    if (entry.name === 'messages') await messagesWrittenRaw(writes.map((write) => write.document));
    try {
      await entry.model.collection
        .insertMany(
          writes.map((write) => write.document),
          { ordered: false },
        )
        .finally(() => rawWriteTo(entry.name));
    } catch (error) {
      const refused = writeFailuresOf(error).filter((failure) => failure.index >= 0);
      if (refused.length === 0) throw error;
      failures = new Map(refused.map((failure) => [failure.index, failure]));
    }
    for (const [index, write] of writes.entries()) {
      const failure = failures.get(index);
      if (!failure) this.accepted(write.item, 'inserted');
      else if (failure.duplicate) await this.duplicate(write);
      else this.report.reject(entry.name, write.item.line, failure.message);
    }
    await entry.afterWrite?.(writes.map((write) => write.document));
  }

  /**
   * An insert hit a unique index. If the `_id` is taken (written meanwhile, or by an earlier
   * record) that is a skip or an update as for any existing document; otherwise another
   * unique field clashes, which no mode can resolve.
   */
  private async duplicate(write: Write): Promise<void> {
    const { entry, line } = write.item;
    const existing = await entry.model.collection.findOne({ _id: write.item.id });
    if (!existing) {
      this.report.reject(
        entry.name,
        line,
        'Another document has the same value in a unique field.',
      );
      return;
    }
    if (this.othersDocument(entry, existing)) {
      // Written meanwhile by another user: this record becomes a document of its own.
      this.rekey(write.item);
      const document = { ...write.document, _id: write.item.id };
      await this.insert(entry, [{ item: write.item, document, update: false }]);
    } else if (this.options.mode === 'skip') {
      this.references?.remember(entry.name, write.item.id);
      this.report.count(entry.name, 'skipped');
    } else {
      const final = await finalDocument(entry, write.item, existing);
      if ('reason' in final) this.report.reject(entry.name, line, final.reason);
      else await this.update({ item: write.item, document: final.document, update: true });
    }
  }

  private async update(write: Write): Promise<void> {
    const { entry, line, id } = write.item;
    const { userId } = this.scope;
    const filter = userId && entry.ownerField === 'userId' ? { _id: id, userId } : { _id: id };
    if (entry.name === 'messages') await messagesWrittenRaw([write.document]);
    try {
      const result = await entry.model.collection
        .replaceOne(filter, write.document)
        .finally(() => rawWriteTo(entry.name));
      if (result.matchedCount === 1) this.accepted(write.item, 'updated');
      else this.report.reject(entry.name, line, 'The document changed during the import.');
      await entry.afterWrite?.([write.document]);
    } catch (error) {
      // The server refused this document (a unique field, a key it cannot store): report
      // it; anything else (connection lost) stops the import.
      const { code, errmsg } = error as { code?: unknown; errmsg?: string };
      if (typeof code !== 'number') throw error;
      this.report.reject(
        entry.name,
        line,
        isDuplicateKey(error)
          ? 'Another document has the same value in a unique field.'
          : (errmsg ?? 'The database refused this document.'),
      );
    }
  }

  async audit(): Promise<void> {
    if (this.options.dryRun) return;
    const { totals } = this.report.report;
    await recordAudit(this.scope, {
      action: AuditAction.IMPORT,
      collections: this.report.written(),
      count: totals.inserted + totals.updated,
      details: { mode: this.options.mode, records: this.report.report.records, ...totals },
    });
  }

  finish(): ImportReport {
    const { report } = this.report;
    const byLine = (a: { line: number }, b: { line: number }) => a.line - b.line;
    report.rejected.sort(byLine);
    for (const collection of Object.values(report.collections)) collection.rejected.sort(byLine);
    return report;
  }
}
