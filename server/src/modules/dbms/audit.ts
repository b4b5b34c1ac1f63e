import type { Types } from 'mongoose';
import type { Scope } from '../../auth/ownership';
import { AuditAction, AuditLogModel } from './auditLog.model';

export { AuditAction };

export interface AuditEntry {
  action: AuditAction;
  collections: string[];
  count: number;
  details?: Record<string, unknown>;
}

/**
 * Writes one audit record for an action taken under `scope`. The owner is the named user,
 * or for an admin acting on every owner, null.
 */
export async function recordAudit(scope: Scope, entry: AuditEntry): Promise<void> {
  await AuditLogModel.create({
    actorId: scope.actorId,
    userId: (scope.userId ?? null) as Types.ObjectId | null,
    action: entry.action,
    collections: entry.collections,
    count: entry.count,
    details: entry.details ?? {},
  });
}
