import type { DbmsAuditLogService } from './auditLog.service';
import type { DbmsDocumentService } from './documents.service';
import type { DbmsHealthService } from './health.service';
import type { DbmsTrashService } from './trash.service';

/** The database manager's GraphQL half: reads, trash, health and the audit log. */
export class DbmsService {
  constructor(
    readonly documents: DbmsDocumentService,
    readonly trash: DbmsTrashService,
    readonly health: DbmsHealthService,
    readonly auditLog: DbmsAuditLogService,
  ) {}
}
