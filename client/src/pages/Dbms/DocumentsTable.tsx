import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import {
  Button,
  ConfirmDialog,
  EmptyState,
  Table,
  useToast,
  type TableColumn,
} from '../../components/ui';
import { graphql } from '../../gql';
import type { DbmsDocumentListQuery, DbmsSort } from '../../gql/graphql';
import { formatDateTime } from '../../lib/format';
import { DocumentModal } from './DocumentModal';
import { ShortId } from './ReadableDocument';
import { DBMS_LISTS } from './dbmsLists';

export const DbmsDocumentListDocument = graphql(`
  query DbmsDocumentList(
    $collection: String!
    $search: String
    $sort: DbmsSort!
    $page: Int!
    $limit: Int!
    $userId: ObjectId
  ) {
    dbmsDocuments(
      collection: $collection
      search: $search
      sort: $sort
      page: $page
      limit: $limit
      userId: $userId
    ) {
      total
      page
      pages
      items {
        id
        collection
        preview
        createdAt
        ...DocumentModal_target
      }
    }
  }
`);

export const DbmsDeleteDocumentDocument = graphql(`
  mutation DbmsDeleteDocument($collection: String!, $id: ObjectId!) {
    dbmsDeleteDocument(collection: $collection, id: $id) {
      deleted
    }
  }
`);

type Row = DbmsDocumentListQuery['dbmsDocuments']['items'][number];

export const DOCUMENTS_PAGE_SIZE = 20;

interface DocumentsTableProps {
  collection: string;
  /** What owners call it ("Chats"). */
  label: string;
  search: string;
  sort: DbmsSort;
  page: number;
  onPageChange: (page: number) => void;
  userId?: string;
}

/** A page of one collection's documents: ID, preview, created, view and delete. */
export function DocumentsTable({
  collection,
  label,
  search,
  sort,
  page,
  onPageChange,
  userId,
}: DocumentsTableProps) {
  const toast = useToast();
  const [viewing, setViewing] = useState<Row | null>(null);
  const [deleting, setDeleting] = useState<Row | null>(null);

  const { data, previousData, loading, error } = useQuery(DbmsDocumentListDocument, {
    variables: {
      collection,
      search: search || undefined,
      sort,
      page,
      limit: DOCUMENTS_PAGE_SIZE,
      userId,
    },
    fetchPolicy: 'cache-and-network',
  });
  useEffect(() => {
    if (error) toast.error(error);
  }, [error, toast]);

  const [remove, { loading: removing }] = useMutation(DbmsDeleteDocumentDocument, {
    refetchQueries: DBMS_LISTS,
  });

  const confirmDelete = async () => {
    if (!deleting) return;
    try {
      const { data: result } = await remove({
        variables: { collection: deleting.collection, id: deleting.id },
      });
      const deleted = result?.dbmsDeleteDocument.deleted ?? 0;
      const others = deleted - 1;
      toast.success(
        others > 0
          ? `Moved to the trash with ${others} related ${others === 1 ? 'document' : 'documents'}. Restore it from the trash within 7 days.`
          : 'Moved to the trash. Restore it from the trash within 7 days.',
      );
    } catch (failure) {
      toast.error(failure);
    } finally {
      setDeleting(null);
    }
  };

  const list = (data ?? previousData)?.dbmsDocuments;
  const columns: TableColumn<Row>[] = [
    {
      key: 'id',
      header: 'ID',
      // On phones the ID and the date go under the preview: View and Delete stay on screen.
      className: 'hidden w-0 sm:table-cell',
      render: (row) => <ShortId id={row.id} />,
    },
    {
      key: 'preview',
      header: 'Preview',
      render: (row) => (
        <>
          <span className="line-clamp-2 max-w-xl [overflow-wrap:anywhere] text-slate-900">
            {row.preview || <span className="text-slate-600">(no text)</span>}
          </span>
          <span className="mt-0.5 block text-xs text-slate-600 sm:hidden">
            …{row.id.slice(-8)} · {formatDateTime(row.createdAt)}
          </span>
        </>
      ),
    },
    {
      key: 'created',
      header: 'Created',
      className: 'hidden whitespace-nowrap sm:table-cell',
      render: (row) => (
        <time dateTime={row.createdAt} className="text-slate-700">
          {formatDateTime(row.createdAt)}
        </time>
      ),
    },
    {
      key: 'actions',
      header: <span className="sr-only">Actions</span>,
      align: 'right',
      // relative: the sr-only header stays inside the table's scroll box on phones.
      className: 'relative w-0 whitespace-nowrap',
      render: (row) => (
        <span className="inline-flex gap-1">
          <Button
            size="sm"
            variant="secondary"
            aria-label={`View document ${row.id}`}
            onClick={() => setViewing(row)}
          >
            View
          </Button>
          <Button
            size="sm"
            variant="ghost"
            className="text-rose-700 hover:bg-rose-50"
            aria-label={`Delete document ${row.id}`}
            onClick={() => setDeleting(row)}
          >
            Delete
          </Button>
        </span>
      ),
    },
  ];

  return (
    <>
      <Table
        caption={`Documents in ${label}`}
        columns={columns}
        rows={list?.items ?? []}
        rowKey={(row) => row.id}
        loading={!list && loading}
        empty={
          <EmptyState
            title={search ? 'No documents match' : `No documents in ${label}`}
            description={
              search
                ? 'Search looks for the text in this collection’s main fields, or an exact document ID.'
                : 'Documents appear here as the app stores them, or import a backup.'
            }
          />
        }
      />
      {list && list.total > 0 && (
        <nav
          aria-label="Document pages"
          className="flex flex-wrap items-center justify-between gap-2 border-t border-slate-200/80 px-4 py-3"
        >
          <p className="text-sm text-slate-700">
            {list.total} {list.total === 1 ? 'document' : 'documents'} · page {list.page} of{' '}
            {Math.max(1, list.pages)}
          </p>
          <div className="flex gap-2">
            <Button
              size="sm"
              variant="secondary"
              disabled={page <= 1}
              onClick={() => onPageChange(page - 1)}
            >
              Previous
            </Button>
            <Button
              size="sm"
              variant="secondary"
              disabled={page >= list.pages}
              onClick={() => onPageChange(page + 1)}
            >
              Next
            </Button>
          </div>
        </nav>
      )}

      <DocumentModal
        target={viewing}
        label={label}
        userId={userId}
        onClose={() => setViewing(null)}
        onDelete={() => {
          setViewing(null);
          setDeleting(viewing);
        }}
      />
      <ConfirmDialog
        open={deleting !== null}
        danger
        title="Delete this document?"
        message={
          <>
            <p>
              <code className="font-mono text-xs">{deleting?.id}</code> in <strong>{label}</strong>
              {deleting?.preview ? ` (${deleting.preview})` : ''} moves to the trash with what
              depends on it (a chat takes its messages).
            </p>
            <p className="mt-2">You can restore it from the trash for 7 days.</p>
          </>
        }
        confirmLabel="Move to trash"
        loading={removing}
        onConfirm={() => void confirmDelete()}
        onCancel={() => setDeleting(null)}
      />
    </>
  );
}
