import type { Scope } from '../../auth/ownership';
import { badInput } from '../../errors';
import { AuditAction, recordAudit } from './audit';
import {
  DBMS_COLLECTIONS,
  dbmsCollection,
  ownedFilter,
  redact,
  type DbmsCollection,
} from './collections';
import { CURSOR_BATCH, type RecordFormat, type RecordWriter } from './recordWriter';

export const EXPORT_FORMATS: readonly RecordFormat[] = ['ndjson', 'json'];

/**
 * The collections to export: the named ones (BAD_USER_INPUT for an unknown name), or by
 * default every collection an import can bring back, which leaves out refresh tokens
 * (session state whose only content is redacted; signing in makes new ones).
 */
export function exportCollections(names: readonly string[] | undefined): DbmsCollection[] {
  if (!names || names.length === 0) {
    return DBMS_COLLECTIONS.filter((entry) => entry.name !== 'refreshtokens');
  }
  return [...new Set(names)].map((name) => dbmsCollection(name));
}

export function exportFormat(value: string | undefined): RecordFormat {
  if (value === undefined || value === '') return 'ndjson';
  if (!(EXPORT_FORMATS as readonly string[]).includes(value)) {
    throw badInput(`Unknown format "${value}". Allowed: ${EXPORT_FORMATS.join(', ')}.`);
  }
  return value as RecordFormat;
}

/** `salesdesk-export-2026-11-24.ndjson` (the UTC date). */
export const exportFileName = (format: RecordFormat, now = new Date()): string =>
  `salesdesk-export-${now.toISOString().slice(0, 10)}.${format}`;

/**
 * Streams every document of `collections` that `scope` may see into `writer`, redacted,
 * straight from the raw collections' cursors (no mongoose documents, and `select: false`
 * fields are there to be redacted rather than silently missing). `promoteValues: false`
 * keeps Int32/Double/Long as they are stored. Ends the writer, and records the export in
 * the audit log with the count per collection, also when the client went away midway.
 */
export async function exportRecords(
  scope: Scope,
  collections: readonly DbmsCollection[],
  format: RecordFormat,
  writer: RecordWriter,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  let complete = false;
  try {
    for (const entry of collections) {
      counts[entry.name] = 0;
      const cursor = entry.model.collection.find(ownedFilter(entry, scope), {
        batchSize: CURSOR_BATCH,
        promoteValues: false,
      });
      try {
        for await (const document of cursor) {
          await writer.write(entry.name, redact(entry, document));
          counts[entry.name]!++;
        }
      } finally {
        await cursor.close();
      }
    }
    await writer.end();
    complete = true;
    return counts;
  } finally {
    await recordAudit(scope, {
      action: AuditAction.EXPORT,
      collections: collections.map((entry) => entry.name),
      count: Object.values(counts).reduce((sum, count) => sum + count, 0),
      details: { format, counts, complete },
    });
  }
}
