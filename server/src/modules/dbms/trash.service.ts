import type { Types } from 'mongoose';
import type { Scope } from '../../auth/ownership';
import { badInput, forbidden, notFound } from '../../errors';
import { pageOf, skipFor, type Page, type PageArgs } from '../../graphql/pagination';
import { AuditAction, recordAudit } from './audit';
import { cascadeOf, CLEAR_ALL_COLLECTIONS } from './cascade';
import { dbmsCollection, visibleCollection } from './collections';
import { ownerOf, previewOf, type RawDocument } from './documentView';
import { restoreTrashItems } from './trashRestore';
import { ownedById } from './search';
import { TrashBatchModel, TrashItemModel, TrashKind, type TrashBatch } from './trash.model';
import type {
  DbmsCollectionCount,
  DbmsRestoreResult,
  DbmsTrashEntry,
  DbmsTrashResult,
} from './trash.types';
import { closeBatch, countsOf, moveToTrash, openBatch, pruneTrash } from './trashStore';

/** The exact text dbmsClearAll wants: a typed confirmation, not a boolean flag. */
export const CLEAR_ALL_CONFIRMATION = 'DELETE ALL MY DATA';

/**
 * Deletion with the domain's cascade into a 7-day trash, clear-all, restore, and the
 * trash list. Every change is written to the audit log under the owner of the data.
 */
export class DbmsTrashService {
  async deleteDocument(
    scope: Scope,
    collection: string,
    id: Types.ObjectId,
  ): Promise<DbmsTrashResult> {
    if (collection === 'users' && !scope.isAdmin) {
      throw forbidden('Only admins can delete user documents.');
    }
    const entry = visibleCollection(scope, collection);
    const root = await entry.model.collection.findOne<RawDocument>(ownedById(entry, scope, id));
    if (!root) throw notFound('Document');
    if (entry.name === 'users' && scope.actorId.equals(id)) {
      throw badInput('You cannot delete your own user document; ask another admin.');
    }
    await pruneTrash('write');
    const owner = ownerOf(entry, root);
    const batch = await openBatch({
      kind: TrashKind.DELETE,
      userId: owner,
      actorId: scope.actorId,
      rootCollection: entry.name,
      rootId: id,
      preview: previewOf(entry, root),
    });
    let deleted: number;
    try {
      // The cascade first: if this is cut short, the document is still there to delete again.
      for (const step of cascadeOf(entry, root)) await moveToTrash(batch, step.entry, step.filter);
      await moveToTrash(batch, entry, ownedById(entry, scope, id));
    } finally {
      deleted = await closeBatch(batch);
    }
    const counts = countsOf(batch);
    await recordAudit(
      { ...scope, userId: owner ?? undefined },
      {
        action: AuditAction.DELETE,
        collections: counts.map((count) => count.collectionName),
        count: deleted,
        details: { trashId: String(batch.id), collection: entry.name, documentId: String(id) },
      },
    );
    return {
      trashId: deleted > 0 ? batch.id : null,
      deleted,
      counts: counts.map(countOf),
      expiresAt: deleted > 0 ? batch.expiresAt : null,
    };
  }

  /**
   * Moves all of one user's documents in CLEAR_ALL_COLLECTIONS to the trash as one batch.
   * An admin clears the named user's data, or without a name their own: never everyone's.
   */
  async clearAll(scope: Scope, confirm: string): Promise<DbmsTrashResult> {
    if (confirm !== CLEAR_ALL_CONFIRMATION) {
      throw badInput(`Type exactly "${CLEAR_ALL_CONFIRMATION}" to confirm. Nothing was deleted.`);
    }
    const owner = scope.userId ?? scope.actorId;
    await pruneTrash('write');
    const batch = await openBatch({
      kind: TrashKind.CLEAR_ALL,
      userId: owner,
      actorId: scope.actorId,
      preview: 'All data',
    });
    let deleted: number;
    try {
      for (const name of CLEAR_ALL_COLLECTIONS) {
        await moveToTrash(batch, dbmsCollection(name), { userId: owner });
      }
    } finally {
      deleted = await closeBatch(batch, `All data: ${deletedSummary(batch.counts)}`);
    }
    await recordAudit(
      { ...scope, userId: owner },
      {
        action: AuditAction.CLEAR_ALL,
        collections: [...CLEAR_ALL_COLLECTIONS],
        count: deleted,
        details: deleted > 0 ? { trashId: String(batch.id) } : {},
      },
    );
    return {
      trashId: deleted > 0 ? batch.id : null,
      deleted,
      counts: countsOf(batch).map(countOf),
      expiresAt: deleted > 0 ? batch.expiresAt : null,
    };
  }

  /** Brings a batch back; only its owner or an admin may. Then it leaves the trash. */
  async restore(scope: Scope, trashId: Types.ObjectId): Promise<DbmsRestoreResult> {
    await pruneTrash('write');
    const batch = await TrashBatchModel.findOne({ ...visibleTo(scope), _id: trashId }).lean();
    if (!batch) throw notFound('Trash entry');
    const counts = await restoreTrashItems({
      batchId: batch._id,
      // A non-admin's batch holds only their documents; the filter makes sure of it.
      ...(scope.isAdmin ? {} : { userId: scope.actorId }),
    });
    await TrashItemModel.deleteMany({ batchId: batch._id });
    await TrashBatchModel.deleteOne({ _id: batch._id });
    const rows = [...counts].map(([collection, figures]) => ({ collection, ...figures }));
    const restored = rows.reduce((sum, row) => sum + row.restored, 0);
    const skipped = rows.reduce((sum, row) => sum + row.skipped, 0);
    await recordAudit(
      { ...scope, userId: batch.userId ?? undefined },
      {
        action: AuditAction.RESTORE,
        collections: rows.map((row) => row.collection),
        count: restored,
        details: { trashId: String(batch._id), kind: batch.kind, skipped },
      },
    );
    return { trashId: batch._id, restored, skipped, counts: rows };
  }

  /** Restorable batches, newest first: the caller's own, or for admins everyone's. */
  async list(scope: Scope, page: PageArgs): Promise<Page<DbmsTrashEntry>> {
    await pruneTrash('read');
    const filter = visibleTo(scope);
    const [batches, total] = await Promise.all([
      TrashBatchModel.find(filter)
        .sort({ deletedAt: -1, _id: -1 })
        .skip(skipFor(page))
        .limit(page.limit)
        .lean(),
      TrashBatchModel.countDocuments(filter),
    ]);
    return pageOf(batches.map(entryOf), total, page);
  }
}

/** Unexpired batches of the scope's owner (all owners for an unnarrowed admin). */
const visibleTo = (scope: Scope) => ({
  expiresAt: { $gt: new Date() },
  ...(scope.userId ? { userId: scope.userId } : {}),
});

const countOf = (count: { collectionName: string; count: number }): DbmsCollectionCount => ({
  collection: count.collectionName,
  count: count.count,
});

function deletedSummary(counts: Map<string, number>): string {
  const parts = [...counts].map(([name, count]) => `${count} ${name}`);
  return parts.length > 0 ? parts.join(', ') : 'nothing';
}

function entryOf(batch: TrashBatch): DbmsTrashEntry {
  const counts = batch.counts.map(countOf);
  return {
    id: batch._id,
    kind: batch.kind,
    userId: batch.userId ?? null,
    actorId: batch.actorId,
    rootCollection: batch.rootCollection ?? null,
    rootId: batch.rootId ?? null,
    preview: batch.preview,
    counts,
    total: counts.reduce((sum, count) => sum + count.count, 0),
    deletedAt: batch.deletedAt,
    expiresAt: batch.expiresAt,
  };
}
