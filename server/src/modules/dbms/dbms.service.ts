import { DbmsAuditLogService } from './auditLog.service';
import { DbmsDocumentService } from './documents.service';
import { DbmsHealthService } from './health.service';
import { DbmsTrashService } from './trash.service';

/** The database manager's GraphQL half: reads, trash, health and the audit log. */
export class DbmsService {
  readonly documents = new DbmsDocumentService();
  readonly trash = new DbmsTrashService();
  readonly health = new DbmsHealthService();
  readonly auditLog = new DbmsAuditLogService();
}
