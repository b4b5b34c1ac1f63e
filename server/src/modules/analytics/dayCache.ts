import type { Types } from 'mongoose';
import { databaseEngine } from '../../db/engine';
import type { Analytics } from './analytics.model';

/** Day documents kept; a year of nine series is about 3,300. */
const LIMIT = 20_000;

/**
 * Day documents read before, by `_id`, on the embedded database. A 30-day chart and its
 * funnel are 500-odd `_id` lookups, each a round trip over the one FerretDB connection;
 * a day document changes only through the analytics store and the database manager, whose
 * writes drop what they touch (the model's hooks, chatWrites' raw writes). Off on MongoDB,
 * where one `$in` query serves the range and other servers may write.
 */
class DayCache {
  private readonly documents = new Map<string, Analytics | null>();

  get active(): boolean {
    return databaseEngine() === 'ferretdb';
  }

  get(id: Types.ObjectId): Analytics | null | undefined {
    return this.active ? this.documents.get(String(id)) : undefined;
  }

  set(id: Types.ObjectId, document: Analytics | null): void {
    if (!this.active) return;
    if (this.documents.size >= LIMIT) this.documents.clear();
    this.documents.set(String(id), document);
  }

  forget(ids: readonly Types.ObjectId[] | 'all'): void {
    if (ids === 'all') this.documents.clear();
    else for (const id of ids) this.documents.delete(String(id));
  }
}

export const dayCache = new DayCache();
