import { useMutation, useQuery } from '@apollo/client/react';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import {
  Badge,
  Card,
  EmptyState,
  Note,
  PageHeader,
  Skeleton,
  Tabs,
  buttonClasses,
  cx,
  useToast,
} from '../../components/ui';
import { errorMessage } from '../../errorMessage';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { formatMoney } from '../../lib/format';
import { CampaignForm } from './CampaignForm';
import { emptyForm, formFromCampaign, toCreateInput, toUpdateInput } from './campaignFormState';
import { CAMPAIGN_STATUS_LABELS, CAMPAIGN_STATUS_TONES } from './campaignStatus';
import { CampaignTests } from './CampaignTests';
import { Simulator } from './Simulator';
import { StatusActions } from './StatusActions';

export const CampaignWorkspaceCampaign = graphql(`
  fragment CampaignWorkspace_campaign on Campaign {
    id
    name
    status
    product {
      name
      price
    }
    offerWarnings
    stats {
      messagesSent
      responses
      conversions
      revenue
    }
    ...CampaignFormState_campaign
  }
`);

export const CampaignDetailDocument = graphql(`
  query CampaignDetail($id: ObjectId!) {
    campaign(id: $id) {
      id
      ...CampaignWorkspace_campaign
    }
  }
`);

// The editor opens the new campaign by id, which loads it: only the id is needed here.
export const CreateCampaignDocument = graphql(`
  mutation CreateCampaign($input: CampaignInput!) {
    createCampaign(input: $input) {
      id
    }
  }
`);

export const UpdateCampaignDocument = graphql(`
  mutation UpdateCampaign($id: ObjectId!, $input: UpdateCampaignInput!) {
    updateCampaign(id: $id, input: $input) {
      id
      ...CampaignWorkspace_campaign
    }
  }
`);

/** /campaigns/new creates; /campaigns/:id edits, runs status actions and the simulator. */
export function CampaignEditorPage() {
  const { id } = useParams<{ id: string }>();
  return id ? <EditCampaign id={id} /> : <NewCampaign />;
}

const backLink = (
  <Link to="/campaigns" className={buttonClasses('secondary', 'sm')}>
    All campaigns
  </Link>
);

function NewCampaign() {
  const toast = useToast();
  const navigate = useNavigate();
  const initial = useMemo(emptyForm, []);
  const [create] = useMutation(CreateCampaignDocument, {
    // The lists are stale now; they refetch when shown again.
    update: (cache) => {
      cache.evict({ fieldName: 'campaigns' });
      cache.gc();
    },
  });

  return (
    <>
      <PageHeader
        title="New campaign"
        description="It starts as a draft: try it in the simulator, then activate it."
        actions={backLink}
      />
      <CampaignForm
        initial={initial}
        submitLabel="Create campaign"
        onSubmit={async (form) => {
          const { data } = await create({ variables: { input: toCreateInput(form) } });
          if (data) {
            toast.success('Campaign created as a draft.');
            void navigate(`/campaigns/${data.createCampaign.id}`, { replace: true });
          }
        }}
        secondaryActions={
          <Link to="/campaigns" className={buttonClasses('ghost')}>
            Cancel
          </Link>
        }
      />
    </>
  );
}

type Panel = 'edit' | 'simulate';

function EditCampaign({ id }: { id: string }) {
  const { data, loading, error } = useQuery(CampaignDetailDocument, { variables: { id } });
  const campaign = data?.campaign;

  if (loading && !campaign) return <EditorSkeleton />;
  if (!campaign) {
    return (
      <>
        <PageHeader title="Campaign" actions={backLink} />
        <Card>
          <EmptyState
            title="Campaign not found"
            description={
              error
                ? errorMessage(error)
                : 'It may have been deleted. Pick another one from the list.'
            }
            action={backLink}
          />
        </Card>
      </>
    );
  }
  // Keyed by id: another campaign starts from its own values, not the previous form.
  return <CampaignWorkspace key={campaign.id} campaign={campaign} />;
}

function CampaignWorkspace(props: { campaign: FragmentType<typeof CampaignWorkspaceCampaign> }) {
  const campaign = getFragmentData(CampaignWorkspaceCampaign, props.campaign);
  const toast = useToast();
  const [panel, setPanel] = useState<Panel>('edit');
  const [update] = useMutation(UpdateCampaignDocument, {
    update: (cache) => {
      cache.evict({ fieldName: 'campaigns' });
      cache.gc();
    },
  });
  const initial = useMemo(() => formFromCampaign(campaign), [campaign]);

  return (
    <>
      <PageHeader
        title={campaign.name}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <Badge tone={CAMPAIGN_STATUS_TONES[campaign.status]}>
              {CAMPAIGN_STATUS_LABELS[campaign.status]}
            </Badge>
            <span>
              {campaign.product.name} · {formatMoney(campaign.product.price)}
            </span>
          </span>
        }
        actions={
          <>
            <StatusActions
              campaignId={campaign.id}
              status={campaign.status}
              onTrySimulator={() => {
                setPanel('simulate');
                // After the panel shows (phones): the customer's message box, ready to type.
                setTimeout(() => {
                  document.getElementById('simulator')?.scrollIntoView({ block: 'start' });
                  document.getElementById('simulator-message')?.focus({ preventScroll: true });
                }, 0);
              }}
            />
            {backLink}
          </>
        }
      />
      {campaign.offerWarnings.length > 0 && (
        <Note className="mb-5">
          <p className="font-semibold">The playbook promises what no offer grants</p>
          <ul className="list-disc pl-5">
            {campaign.offerWarnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </Note>
      )}
      <dl className="mb-5 grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Stat label="Replies sent" value={String(campaign.stats.messagesSent)} />
        <Stat label="Customer messages" value={String(campaign.stats.responses)} />
        <Stat label="Sales" value={String(campaign.stats.conversions)} />
        <Stat label="Revenue" value={formatMoney(campaign.stats.revenue)} />
      </dl>

      <Tabs
        className="mb-4 xl:hidden"
        label="Campaign sections"
        value={panel}
        onChange={(next) => {
          setPanel(next);
          // On a phone the simulator starts below the campaign's figures: bring it up.
          if (next === 'simulate') {
            requestAnimationFrame(() =>
              document.getElementById('simulator')?.scrollIntoView({ block: 'start' }),
            );
          }
        }}
        tabs={[
          { id: 'edit', label: 'Details' },
          { id: 'simulate', label: 'Simulator' },
        ]}
      />
      <div className="grid gap-5 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)] xl:items-start">
        <div className={cx(panel !== 'edit' && 'hidden xl:block')}>
          <CampaignForm
            initial={initial}
            submitLabel="Save changes"
            onSubmit={async (form) => {
              await update({ variables: { id: campaign.id, input: toUpdateInput(form) } });
              toast.success('Campaign saved.');
            }}
          />
        </div>
        <div
          id="simulator"
          className={cx('scroll-mt-16', panel !== 'simulate' && 'hidden xl:block')}
        >
          <div className="grid gap-5">
            <Simulator campaignId={campaign.id} />
            <CampaignTests campaignId={campaign.id} />
          </div>
        </div>
      </div>
    </>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-2xl border border-white/70 bg-white/75 px-4 py-3 shadow-sm backdrop-blur-xl">
      <dt className="text-xs font-medium text-slate-600">{label}</dt>
      <dd className="text-lg font-bold text-slate-900 tabular-nums">{value}</dd>
    </div>
  );
}

function EditorSkeleton() {
  return (
    <div aria-busy="true" className="grid gap-5">
      <Skeleton className="h-9 w-64" />
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {[0, 1, 2, 3].map((i) => (
          <Skeleton key={i} className="h-16 rounded-2xl" />
        ))}
      </div>
      <Skeleton className="h-64 rounded-2xl" />
    </div>
  );
}
