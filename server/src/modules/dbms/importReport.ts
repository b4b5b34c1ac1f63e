export type ImportMode = 'skip' | 'upsert';

/** A record that was not imported: the input line it starts on (1-based) and why. */
export interface ImportRejection {
  line: number;
  reason: string;
}

export interface ImportCollectionReport {
  inserted: number;
  updated: number;
  skipped: number;
  /** The first MAX_LISTED of them; `rejectedCount` counts them all. */
  rejected: ImportRejection[];
  rejectedCount: number;
}

/** What an import did, or for a dry run would do. The HTTP route answers it as JSON. */
export interface ImportReport {
  dryRun: boolean;
  mode: ImportMode;
  /** Records read (non-blank lines, or array elements). */
  records: number;
  collections: Record<string, ImportCollectionReport>;
  /** Records naming no known collection, or not records at all (malformed lines). */
  rejected: ImportRejection[];
  rejectedCount: number;
  totals: { inserted: number; updated: number; skipped: number; rejected: number };
}

/** Rejections listed per collection; past this only counted, so a bad file cannot flood us. */
export const MAX_LISTED = 1000;

export class ImportReportBuilder {
  readonly report: ImportReport;

  constructor(dryRun: boolean, mode: ImportMode) {
    this.report = {
      dryRun,
      mode,
      records: 0,
      collections: {},
      rejected: [],
      rejectedCount: 0,
      totals: { inserted: 0, updated: 0, skipped: 0, rejected: 0 },
    };
  }

  count(collection: string, outcome: 'inserted' | 'updated' | 'skipped'): void {
    this.of(collection)[outcome]++;
    this.report.totals[outcome]++;
  }

  /** A rejection; without a collection, one the record did not name validly. */
  reject(collection: string | undefined, line: number, reason: string): void {
    const target = collection === undefined ? this.report : this.of(collection);
    if (target.rejected.length < MAX_LISTED) target.rejected.push({ line, reason });
    target.rejectedCount++;
    this.report.totals.rejected++;
  }

  /** Collections with something inserted or updated. */
  written(): string[] {
    return Object.entries(this.report.collections)
      .filter(([, counts]) => counts.inserted + counts.updated > 0)
      .map(([name]) => name);
  }

  private of(collection: string): ImportCollectionReport {
    return (this.report.collections[collection] ??= {
      inserted: 0,
      updated: 0,
      skipped: 0,
      rejected: [],
      rejectedCount: 0,
    });
  }
}
