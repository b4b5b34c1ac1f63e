import { useQuery } from '@apollo/client/react';
import { useEffect } from 'react';
import { Link } from 'react-router-dom';
import { useUrlParams } from '../../useUrlParams';
import {
  Button,
  Card,
  EmptyState,
  Input,
  PageHeader,
  Skeleton,
  Tabs,
  useToast,
} from '../../components/ui';
import { graphql } from '../../gql';
import type { CampaignStatus } from '../../gql/graphql';
import { useDebounced } from '../../lib/useDebounced';
import { CampaignCard } from './CampaignCard';

export const CampaignListDocument = graphql(`
  query CampaignList($status: CampaignStatus, $search: String, $page: Int!, $limit: Int!) {
    campaigns(status: $status, search: $search, page: $page, limit: $limit) {
      total
      page
      pages
      items {
        id
        ...CampaignCard_campaign
      }
    }
  }
`);

const PAGE_SIZE = 12;

type StatusTab = 'ALL' | CampaignStatus;

const TABS: { id: StatusTab; label: string }[] = [
  { id: 'ALL', label: 'All' },
  { id: 'ACTIVE', label: 'Active' },
  { id: 'DRAFT', label: 'Drafts' },
  { id: 'PAUSED', label: 'Paused' },
  { id: 'COMPLETED', label: 'Completed' },
];

const isStatusTab = (value: string | null): value is StatusTab =>
  TABS.some((tab) => tab.id === value);

const newCampaignLink =
  'inline-flex h-10 items-center justify-center gap-2 rounded-xl bg-indigo-600 px-4 text-sm font-semibold text-white shadow-sm shadow-indigo-600/30 hover:bg-indigo-700 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-offset-2 focus-visible:outline-none';

export function CampaignsPage() {
  const toast = useToast();
  // Filters live in the URL so the back button and a shared link keep them.
  const [params, update] = useUrlParams();
  const statusParam = params.get('status');
  const status: StatusTab = isStatusTab(statusParam) ? statusParam : 'ALL';
  const search = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const settledSearch = useDebounced(search.trim());

  const { data, previousData, loading, error } = useQuery(CampaignListDocument, {
    variables: {
      status: status === 'ALL' ? undefined : status,
      search: settledSearch || undefined,
      page,
      limit: PAGE_SIZE,
    },
    fetchPolicy: 'cache-and-network',
  });
  useEffect(() => {
    if (error) toast.error(error);
  }, [error, toast]);

  const list = (data ?? previousData)?.campaigns;
  const filtered = status !== 'ALL' || settledSearch !== '';

  return (
    <>
      <PageHeader
        title="Campaigns"
        description="Products your AI sells, each with its own chat playbook."
        actions={
          <Link to="/campaigns/new" className={newCampaignLink}>
            <svg aria-hidden="true" viewBox="0 0 20 20" fill="currentColor" className="h-4 w-4">
              <path d="M10.75 4.75a.75.75 0 0 0-1.5 0v4.5h-4.5a.75.75 0 0 0 0 1.5h4.5v4.5a.75.75 0 0 0 1.5 0v-4.5h4.5a.75.75 0 0 0 0-1.5h-4.5v-4.5Z" />
            </svg>
            New campaign
          </Link>
        }
      />
      <Card>
        <div className="flex flex-col gap-3 lg:flex-row lg:items-center lg:justify-between">
          <Tabs
            label="Filter campaigns by status"
            tabs={TABS}
            value={status}
            onChange={(id) => update({ status: id === 'ALL' ? null : id, page: null })}
          />
          <Input
            label="Search campaigns"
            hideLabel
            type="search"
            placeholder="Search by campaign or product name"
            value={search}
            onChange={(event) => update({ q: event.target.value, page: null })}
            wrapperClassName="w-full lg:w-80"
          />
        </div>

        <div className="mt-5" aria-busy={loading && !list}>
          {!list ? (
            <CampaignGridSkeleton />
          ) : list.items.length === 0 ? (
            filtered ? (
              <EmptyState
                title="No campaigns match"
                description="Try another status or search word."
                action={
                  <Button
                    variant="secondary"
                    onClick={() => update({ status: null, q: null, page: null })}
                  >
                    Clear filters
                  </Button>
                }
              />
            ) : (
              <EmptyState
                title="No campaigns yet"
                description="Create a campaign for a product: the AI greets customers, asks your qualification questions, answers objections and closes the sale."
                action={
                  <Link to="/campaigns/new" className={newCampaignLink}>
                    Create your first campaign
                  </Link>
                }
              />
            )
          ) : (
            <>
              <p className="sr-only" aria-live="polite">
                {list.total} {list.total === 1 ? 'campaign' : 'campaigns'}
              </p>
              <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
                {list.items.map((campaign) => (
                  <li key={campaign.id}>
                    <CampaignCard campaign={campaign} />
                  </li>
                ))}
              </ul>
              {list.pages > 1 && (
                <nav
                  aria-label="Campaign pages"
                  className="mt-5 flex items-center justify-between gap-3"
                >
                  <Button
                    variant="secondary"
                    size="sm"
                    disabled={list.page <= 1}
                    onClick={() => update({ page: String(list.page - 1) })}
                  >
                    Previous
                  </Button>
                  <p className="text-sm text-slate-700">
                    Page {list.page} of {list.pages} · {list.total} campaigns
                  </p>
                  <Button
                    variant="secondary"
                    size="sm"
                    disabled={list.page >= list.pages}
                    onClick={() => update({ page: String(list.page + 1) })}
                  >
                    Next
                  </Button>
                </nav>
              )}
            </>
          )}
        </div>
      </Card>
    </>
  );
}

function CampaignGridSkeleton() {
  return (
    <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3">
      {Array.from({ length: 6 }, (_, index) => (
        <div key={index} className="rounded-2xl border border-slate-200/80 bg-white/70 p-4">
          <Skeleton className="h-5 w-2/3" />
          <Skeleton className="mt-2 h-4 w-1/2" />
          <Skeleton className="mt-6 h-10 w-full" />
        </div>
      ))}
    </div>
  );
}
