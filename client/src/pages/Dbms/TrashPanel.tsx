import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { Button, Card, EmptyState, Skeleton, useToast } from '../../components/ui';
import { formatDateTime } from '../../lib/format';
import { graphql } from '../../gql';
import { DBMS_LISTS } from './dbmsLists';

export const DbmsTrashListDocument = graphql(`
  query DbmsTrashList($page: Int!, $limit: Int!, $userId: ObjectId) {
    dbmsTrash(page: $page, limit: $limit, userId: $userId) {
      total
      page
      pages
      items {
        id
        kind
        preview
        rootCollection
        total
        deletedAt
        expiresAt
        counts {
          collection
          count
        }
      }
    }
  }
`);

export const DbmsRestoreDocumentDocument = graphql(`
  mutation DbmsRestoreDocument($trashId: ObjectId!) {
    dbmsRestoreDocument(trashId: $trashId) {
      trashId
      restored
      skipped
    }
  }
`);

const PAGE_SIZE = 8;

/** Deleted documents (with their cascade), restorable for 7 days. */
export function TrashPanel({ userId }: { userId?: string }) {
  const toast = useToast();
  const [page, setPage] = useState(1);
  const [restoringId, setRestoringId] = useState<string | null>(null);
  const { data, previousData, loading } = useQuery(DbmsTrashListDocument, {
    variables: { page, limit: PAGE_SIZE, userId },
    fetchPolicy: 'cache-and-network',
  });
  const [restore] = useMutation(DbmsRestoreDocumentDocument, {
    refetchQueries: DBMS_LISTS,
  });
  const trash = (data ?? previousData)?.dbmsTrash;

  const restoreEntry = async (trashId: string) => {
    setRestoringId(trashId);
    try {
      const { data: result } = await restore({ variables: { trashId } });
      const outcome = result?.dbmsRestoreDocument;
      if (outcome) {
        toast.success(
          outcome.skipped > 0
            ? `Restored ${outcome.restored}; ${outcome.skipped} already existed again and were kept as they are.`
            : `Restored ${outcome.restored} ${outcome.restored === 1 ? 'document' : 'documents'}.`,
        );
      }
    } catch (error) {
      toast.error(error);
    } finally {
      setRestoringId(null);
    }
  };

  return (
    <Card title="Trash" description="Deleted documents stay here for 7 days.">
      {!trash && loading ? (
        <Skeleton lines={4} />
      ) : !trash || trash.items.length === 0 ? (
        <EmptyState
          className="py-4"
          title="The trash is empty"
          description="Deleted documents show up here, ready to restore."
        />
      ) : (
        <>
          <ul className="grid gap-2">
            {trash.items.map((entry) => (
              <li
                key={entry.id}
                className="flex flex-wrap items-start gap-3 rounded-xl bg-white/70 p-3 ring-1 ring-slate-200"
              >
                <div className="min-w-0 flex-1">
                  <p className="truncate text-sm font-medium text-slate-900">
                    {entry.preview || entry.rootCollection || 'Deleted documents'}
                  </p>
                  <p className="mt-0.5 text-xs text-slate-600">
                    {entry.kind === 'CLEAR_ALL' ? 'Clear all · ' : ''}
                    {entry.total} {entry.total === 1 ? 'document' : 'documents'} (
                    {entry.counts.map((count) => `${count.collection}: ${count.count}`).join(', ')})
                    ·{' '}
                    <time dateTime={entry.deletedAt}>
                      deleted {formatDateTime(entry.deletedAt)}
                    </time>
                  </p>
                  <p className="text-xs text-slate-600">
                    Kept until {formatDateTime(entry.expiresAt)}
                  </p>
                </div>
                <Button
                  size="sm"
                  variant="secondary"
                  loading={restoringId === entry.id}
                  disabled={restoringId !== null}
                  aria-label={`Restore ${entry.preview || entry.id}`}
                  onClick={() => void restoreEntry(entry.id)}
                >
                  Restore
                </Button>
              </li>
            ))}
          </ul>
          {trash.pages > 1 && (
            <div className="mt-3 flex items-center justify-between">
              <Button
                size="sm"
                variant="ghost"
                disabled={page <= 1}
                onClick={() => setPage(page - 1)}
              >
                Newer
              </Button>
              <span className="text-xs text-slate-600">
                {page} / {trash.pages}
              </span>
              <Button
                size="sm"
                variant="ghost"
                disabled={page >= trash.pages}
                onClick={() => setPage(page + 1)}
              >
                Older
              </Button>
            </div>
          )}
        </>
      )}
    </Card>
  );
}
