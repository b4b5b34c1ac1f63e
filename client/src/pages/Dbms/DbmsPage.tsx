import { skipToken, useApolloClient, useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { useUrlParams } from '../../useUrlParams';
import { useMe } from '../../auth/useMe';
import {
  Button,
  Card,
  Input,
  PageHeader,
  Select,
  StatCard,
  Tabs,
  useToast,
} from '../../components/ui';
import { graphql } from '../../gql';
import type { DbmsSort } from '../../gql/graphql';
import { useDebounced } from '../../lib/useDebounced';
import { DocumentsTable } from './DocumentsTable';
import { ExportDialog } from './ExportDialog';
import { authorizedFetch } from '../../auth/authorizedFetch';
import { downloadExport, formatBytes } from './files';
import { HealthPanel } from './HealthPanel';
import { ImportDialog } from './ImportDialog';
import { DBMS_LISTS } from './dbmsLists';
import { TrashPanel } from './TrashPanel';

export const DbmsStatsOverviewDocument = graphql(`
  query DbmsStatsOverview($userId: ObjectId) {
    dbmsStats(userId: $userId) {
      collections {
        name
        label
        system
        count
        searchable
        ...ExportDialog_collection
      }
      database {
        storageSize
        indexSize
      }
    }
    dbmsTrash(page: 1, limit: 1, userId: $userId) {
      total
    }
  }
`);

/** Admins pick whose data to look at from the users collection (everyone's by default). */
export const DbmsUserChoicesDocument = graphql(`
  query DbmsUserChoices {
    dbmsDocuments(collection: "users", limit: 100, page: 1, sort: OLDEST) {
      items {
        id
        preview
      }
    }
  }
`);

const DEFAULT_COLLECTION = 'campaigns';

/** The database manager: what is stored, searchable, viewable, deletable and restorable. */
export function DbmsPage() {
  const toast = useToast();
  const client = useApolloClient();
  const { isAdmin } = useMe();
  const [params, update] = useUrlParams();
  const collection = params.get('collection') ?? DEFAULT_COLLECTION;
  const search = params.get('q') ?? '';
  const sort: DbmsSort = params.get('sort') === 'OLDEST' ? 'OLDEST' : 'NEWEST';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const userId = (isAdmin && params.get('user')) || undefined;
  const settledSearch = useDebounced(search.trim());
  const [dialog, setDialog] = useState<'export' | 'import' | null>(null);
  const [refreshing, setRefreshing] = useState(false);
  const [backingUp, setBackingUp] = useState(false);

  const { data: statsData, error: statsError } = useQuery(DbmsStatsOverviewDocument, {
    variables: { userId },
    fetchPolicy: 'cache-and-network',
  });
  useEffect(() => {
    if (statsError) toast.error(statsError);
  }, [statsError, toast]);
  const { data: usersData } = useQuery(DbmsUserChoicesDocument, isAdmin ? {} : skipToken);

  const stats = statsData?.dbmsStats;
  const collections = stats?.collections ?? [];
  const current = collections.find((entry) => entry.name === collection);
  const label = current?.label ?? collection;
  const countOf = (name: string) => collections.find((entry) => entry.name === name)?.count;
  const totalDocuments = collections.reduce((sum, entry) => sum + entry.count, 0);
  const collectionTabs =
    collections.length > 0
      ? collections.map((entry) => ({
          id: entry.name,
          label: entry.system ? `${entry.label} (system)` : entry.label,
          count: entry.count,
        }))
      : [{ id: collection, label, count: undefined }];

  // Everything the owner has, every collection (messages with their chats, media whole):
  // the file Import brings back.
  const backUp = async () => {
    setBackingUp(true);
    try {
      const params = new URLSearchParams({ format: 'ndjson' });
      if (userId) params.set('userId', userId);
      const today = new Date().toISOString().slice(0, 10);
      await downloadExport(
        (path) => authorizedFetch(client, path),
        params,
        `salesdesk-backup-${today}.ndjson`,
      );
      toast.success('Backup downloaded: keep the file; Import restores it.');
    } catch (error) {
      toast.error(error instanceof Error ? error.message : error);
    } finally {
      setBackingUp(false);
    }
  };

  const refresh = async () => {
    setRefreshing(true);
    try {
      await client.refetchQueries({
        include: [...DBMS_LISTS, 'DbmsHealthPanel'],
      });
    } catch (error) {
      toast.error(error);
    } finally {
      setRefreshing(false);
    }
  };

  return (
    <>
      <PageHeader
        title="Database"
        description="Browse, search, back up and restore everything Salesdesk stores for your business."
        actions={
          <>
            <Button variant="secondary" loading={refreshing} onClick={() => void refresh()}>
              Refresh
            </Button>
            <Button variant="secondary" onClick={() => setDialog('import')}>
              Import
            </Button>
            <Button
              variant="secondary"
              onClick={() => setDialog('export')}
              disabled={collections.length === 0}
            >
              Export this view
            </Button>
            <Button loading={backingUp} onClick={() => void backUp()}>
              Back up everything
            </Button>
          </>
        }
      />

      {isAdmin && (
        <div className="mb-5 max-w-md">
          <Select
            label="Whose data"
            hint="Admins see every user's documents; pick one user to narrow the whole page."
            value={userId ?? ''}
            onChange={(e) => update({ user: e.target.value || null, page: null })}
            options={[
              { value: '', label: 'All users' },
              ...(usersData?.dbmsDocuments.items ?? []).map((user) => ({
                value: user.id,
                label: user.preview || user.id,
              })),
            ]}
          />
        </div>
      )}

      <div className="mb-5 grid grid-cols-2 gap-3 sm:grid-cols-3 xl:grid-cols-6">
        <StatCard label="Documents" value={totalDocuments.toLocaleString()} loading={!stats} />
        <StatCard
          label="Campaigns"
          value={(countOf('campaigns') ?? 0).toLocaleString()}
          loading={!stats}
        />
        <StatCard label="Chats" value={(countOf('chats') ?? 0).toLocaleString()} loading={!stats} />
        <StatCard
          label="Messages"
          value={(countOf('messages') ?? 0).toLocaleString()}
          loading={!stats}
        />
        <StatCard
          label="In trash"
          value={(statsData?.dbmsTrash.total ?? 0).toLocaleString()}
          hint="Restorable for 7 days"
          loading={!stats}
        />
        {stats?.database ? (
          <StatCard
            label="Storage"
            value={formatBytes(stats.database.storageSize)}
            hint={`${formatBytes(stats.database.indexSize)} of indexes`}
          />
        ) : (
          <StatCard label="Collections" value={String(collections.length)} loading={!stats} />
        )}
      </div>

      <div className="grid grid-cols-[minmax(0,1fr)] gap-5 xl:grid-cols-[minmax(0,1fr)_22rem] xl:items-start">
        <Card flush>
          <div className="grid gap-3 p-4">
            <Select
              label="Collection"
              hideLabel
              wrapperClassName="sm:hidden"
              value={collection}
              onChange={(e) => update({ collection: e.target.value, page: null, q: null })}
              options={collectionTabs.map((tab) => ({
                value: tab.id,
                label: tab.count === undefined ? tab.label : `${tab.label} (${tab.count})`,
              }))}
            />
            <div className="hidden sm:block">
              <Tabs
                label="Collection"
                className="flex-wrap"
                value={collection}
                onChange={(name) => update({ collection: name, page: null, q: null })}
                tabs={collectionTabs}
              />
            </div>
            <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
              <Input
                label={`Search ${label}`}
                hideLabel
                type="search"
                wrapperClassName="flex-1"
                placeholder={
                  current?.searchable.length
                    ? `Search ${current.searchable.join(', ')} or an exact ID`
                    : 'Search by exact ID'
                }
                value={search}
                onChange={(e) => update({ q: e.target.value || null, page: null })}
              />
              <Select
                label="Order"
                hideLabel
                wrapperClassName="sm:w-40"
                value={sort}
                onChange={(e) =>
                  update({ sort: e.target.value === 'OLDEST' ? 'OLDEST' : null, page: null })
                }
                options={[
                  { value: 'NEWEST', label: 'Newest first' },
                  { value: 'OLDEST', label: 'Oldest first' },
                ]}
              />
            </div>
          </div>
          <DocumentsTable
            collection={collection}
            label={label}
            search={settledSearch}
            sort={sort}
            page={page}
            onPageChange={(next) => update({ page: next > 1 ? String(next) : null })}
            userId={userId}
          />
        </Card>

        <div className="grid gap-5">
          <TrashPanelSlot userId={userId} />
          <HealthPanel />
        </div>
      </div>

      <ExportDialog
        open={dialog === 'export'}
        onClose={() => setDialog(null)}
        collections={collections}
        current={collection}
        userId={userId}
      />
      <ImportDialog open={dialog === 'import'} onClose={() => setDialog(null)} userId={userId} />
    </>
  );
}

// Keyed by user: another user's trash starts on its first page.
function TrashPanelSlot({ userId }: { userId?: string }) {
  return <TrashPanel key={userId ?? 'all'} userId={userId} />;
}
