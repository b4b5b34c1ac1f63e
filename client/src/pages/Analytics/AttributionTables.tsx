import { EmptyState, Table, type TableColumn } from '../../components/ui';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import type { AttributionTables_AttributionFragment } from '../../gql/graphql';
import { formatInt, formatMoney, PLATFORM_LABELS } from '../../lib/format';

export const AttributionTablesAttribution = graphql(`
  fragment AttributionTables_attribution on RevenueAttribution {
    byCampaign {
      campaignId
      campaignName
      chats
      conversions
      revenue
      avgOrderValue
    }
    byPlatform {
      platform
      chats
      conversions
      revenue
      avgOrderValue
    }
    byAd {
      adId
      headline
      source
      platform
      chats
      conversions
      revenue
      avgOrderValue
    }
  }
`);

type Attribution = AttributionTables_AttributionFragment;

interface Figures {
  chats: number;
  conversions: number;
  revenue: number;
  avgOrderValue: number;
}

function figureColumns<T extends Figures>(): TableColumn<T>[] {
  return [
    { key: 'chats', header: 'Chats', align: 'right', render: (r) => formatInt(r.chats) },
    { key: 'sales', header: 'Sales', align: 'right', render: (r) => formatInt(r.conversions) },
    { key: 'revenue', header: 'Revenue', align: 'right', render: (r) => formatMoney(r.revenue) },
    {
      key: 'aov',
      header: 'Avg. order',
      align: 'right',
      render: (r) => formatMoney(r.avgOrderValue),
    },
  ];
}

const none = (what: string) => (
  <EmptyState
    title={`No ${what} revenue in this range`}
    description="Sales show up here once a conversation converts."
  />
);

/** Revenue by campaign, by platform and by ad; loading rows while `data` is undefined. */
export function AttributionTables(props: {
  data: FragmentType<typeof AttributionTablesAttribution> | undefined;
}) {
  const data = getFragmentData(AttributionTablesAttribution, props.data);
  const loading = !data;
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-6">
      <div>
        <h3 className="mb-2 text-sm font-semibold text-slate-800">By campaign</h3>
        <Table
          caption="Revenue by campaign"
          loading={loading}
          loadingRows={3}
          rows={data?.byCampaign ?? []}
          rowKey={(r) => r.campaignId ?? 'none'}
          empty={none('campaign')}
          columns={[
            {
              key: 'campaign',
              header: 'Campaign',
              render: (r) => r.campaignName ?? (r.campaignId ? 'Deleted campaign' : 'No campaign'),
            },
            ...figureColumns<Attribution['byCampaign'][number]>(),
          ]}
        />
      </div>
      <div>
        <h3 className="mb-2 text-sm font-semibold text-slate-800">By platform</h3>
        <Table
          caption="Revenue by platform"
          loading={loading}
          loadingRows={3}
          rows={data?.byPlatform ?? []}
          rowKey={(r) => r.platform}
          empty={none('platform')}
          columns={[
            { key: 'platform', header: 'Platform', render: (r) => PLATFORM_LABELS[r.platform] },
            ...figureColumns<Attribution['byPlatform'][number]>(),
          ]}
        />
      </div>
      <div>
        <h3 className="mb-2 text-sm font-semibold text-slate-800">By ad</h3>
        <Table
          caption="Revenue by ad"
          loading={loading}
          loadingRows={3}
          rows={data?.byAd ?? []}
          rowKey={(r) => `${r.platform ?? ''}-${r.adId ?? r.source ?? 'none'}`}
          empty={
            <EmptyState
              title="No ad referrals in this range"
              description="Conversations that start from a Click-to-Messenger or Click-to-WhatsApp ad are listed here."
            />
          }
          columns={[
            {
              key: 'ad',
              header: 'Ad',
              render: (r) => (
                <span>
                  <span className="font-medium text-slate-900">
                    {r.headline ?? r.adId ?? 'Unknown ad'}
                  </span>
                  {r.adId && r.headline && (
                    <span className="block text-xs text-slate-600">{r.adId}</span>
                  )}
                </span>
              ),
            },
            {
              key: 'source',
              header: 'Source',
              render: (r) =>
                [r.platform ? PLATFORM_LABELS[r.platform] : null, r.source]
                  .filter(Boolean)
                  .join(' · ') || '—',
            },
            ...figureColumns<Attribution['byAd'][number]>(),
          ]}
        />
      </div>
    </div>
  );
}
