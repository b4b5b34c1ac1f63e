import { Link } from 'react-router-dom';
import { Badge } from '../../components/ui';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { formatMoney } from '../../lib/format';
import {
  CAMPAIGN_STATUS_LABELS,
  CAMPAIGN_STATUS_TONES,
  TARGET_PLATFORM_LABELS,
} from './campaignStatus';

export const CampaignCardCampaign = graphql(`
  fragment CampaignCard_campaign on Campaign {
    id
    name
    status
    targetPlatform
    createdAt
    product {
      name
      price
    }
    stats {
      messagesSent
      conversions
      revenue
    }
  }
`);

/** A campaign in the list: its product, status, channels and numbers, linking to its editor. */
export function CampaignCard(props: { campaign: FragmentType<typeof CampaignCardCampaign> }) {
  const campaign = getFragmentData(CampaignCardCampaign, props.campaign);
  return (
    <Link
      to={`/campaigns/${campaign.id}`}
      className="group flex h-full flex-col rounded-2xl border border-slate-200/80 bg-white/80 p-4 shadow-sm transition hover:border-indigo-300 hover:shadow-md focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none"
    >
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 className="truncate text-base font-semibold text-slate-900 group-hover:text-indigo-700">
            {campaign.name}
          </h2>
          <p className="truncate text-sm text-slate-600">
            {campaign.product.name} · {formatMoney(campaign.product.price)}
          </p>
        </div>
        <Badge tone={CAMPAIGN_STATUS_TONES[campaign.status]}>
          {CAMPAIGN_STATUS_LABELS[campaign.status]}
        </Badge>
      </div>
      <p className="mt-2 text-xs text-slate-600">
        {TARGET_PLATFORM_LABELS[campaign.targetPlatform]} · created{' '}
        {new Date(campaign.createdAt).toLocaleDateString()}
      </p>
      <dl className="mt-4 grid grid-cols-3 gap-2 border-t border-slate-100 pt-3 text-center">
        <Figure label="Replies" value={String(campaign.stats.messagesSent)} />
        <Figure label="Sales" value={String(campaign.stats.conversions)} />
        <Figure label="Revenue" value={formatMoney(campaign.stats.revenue)} />
      </dl>
    </Link>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className="truncate text-sm font-semibold text-slate-900 tabular-nums">{value}</dd>
    </div>
  );
}
