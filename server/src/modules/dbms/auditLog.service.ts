import type { Scope } from '../../auth/ownership';
import { pageOf, skipFor, type Page, type PageArgs } from '../../graphql/pagination';
import { AuditLogModel, type AuditLog } from './auditLog.model';
import type { DbmsAuditEntry } from './trash.types';

/** Reads the audit log: entries about the caller's data; admins all, or one user's. */
export class DbmsAuditLogService {
  async list(scope: Scope, page: PageArgs): Promise<Page<DbmsAuditEntry>> {
    const filter = scope.userId ? { userId: scope.userId } : {};
    const [entries, total] = await Promise.all([
      AuditLogModel.find(filter)
        .sort({ createdAt: -1, _id: -1 })
        .skip(skipFor(page))
        .limit(page.limit)
        .lean(),
      AuditLogModel.countDocuments(filter),
    ]);
    return pageOf(entries.map(entryOf), total, page);
  }
}

const entryOf = (entry: AuditLog): DbmsAuditEntry => ({
  id: entry._id,
  actorId: entry.actorId,
  userId: entry.userId ?? null,
  action: entry.action,
  collections: entry.collections,
  count: entry.count,
  details: entry.details ?? {},
  createdAt: entry.createdAt,
});
