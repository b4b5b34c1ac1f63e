import { CombinedGraphQLErrors } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, ConfirmDialog, useToast } from '../../components/ui';
import { graphql } from '../../gql';
import type { CampaignStatus } from '../../gql/graphql';
import { CAMPAIGN_STATUS_LABELS, STATUS_ACTIONS, type StatusAction } from './campaignStatus';

export const SetCampaignStatusDocument = graphql(`
  mutation SetCampaignStatus($id: ObjectId!, $status: CampaignStatus!) {
    setCampaignStatus(id: $id, status: $status) {
      id
      status
    }
  }
`);

export const DeleteCampaignDocument = graphql(`
  mutation DeleteCampaign($id: ObjectId!, $force: Boolean) {
    deleteCampaign(id: $id, force: $force)
  }
`);

interface StatusActionsProps {
  campaignId: string;
  status: CampaignStatus;
}

/** The chats using the campaign, when the server refused a delete because of them. */
function chatsInUse(error: unknown): number | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const chats = error.errors[0]?.extensions?.chats;
  return typeof chats === 'number' ? chats : null;
}

export function StatusActions({ campaignId, status }: StatusActionsProps) {
  const toast = useToast();
  const navigate = useNavigate();
  const [asking, setAsking] = useState<StatusAction | null>(null);
  const [deleting, setDeleting] = useState<{ force: boolean; chats?: number } | null>(null);
  const [setStatus, { loading }] = useMutation(SetCampaignStatusDocument);
  const [deleteCampaign, { loading: removing }] = useMutation(DeleteCampaignDocument, {
    update: (cache) => {
      cache.evict({ id: cache.identify({ __typename: 'Campaign', id: campaignId }) });
      cache.evict({ fieldName: 'campaigns' });
      cache.gc();
    },
  });

  const run = async (action: StatusAction) => {
    setAsking(null);
    try {
      await setStatus({ variables: { id: campaignId, status: action.to } });
      toast.success(`Campaign ${CAMPAIGN_STATUS_LABELS[action.to].toLowerCase()}.`);
    } catch (error) {
      toast.error(error);
    }
  };

  const remove = async (force: boolean) => {
    try {
      await deleteCampaign({ variables: { id: campaignId, force } });
      setDeleting(null);
      toast.success('Campaign deleted.');
      void navigate('/campaigns');
    } catch (error) {
      const chats = chatsInUse(error);
      if (chats !== null && !force) setDeleting({ force: true, chats });
      else {
        setDeleting(null);
        toast.error(error);
      }
    }
  };

  return (
    <div className="flex flex-wrap items-center gap-2">
      {STATUS_ACTIONS[status].map((action) => (
        <Button
          key={action.to}
          variant={action.to === 'ACTIVE' ? 'primary' : 'secondary'}
          size="sm"
          disabled={loading}
          onClick={() => (action.confirm ? setAsking(action) : void run(action))}
        >
          {action.label}
        </Button>
      ))}
      <Button variant="ghost" size="sm" onClick={() => setDeleting({ force: false })}>
        Delete
      </Button>

      <ConfirmDialog
        open={asking !== null}
        title={`${asking?.label ?? ''} this campaign?`}
        message={asking?.confirm}
        confirmLabel={asking?.label}
        loading={loading}
        onConfirm={() => asking && void run(asking)}
        onCancel={() => setAsking(null)}
      />
      <ConfirmDialog
        open={deleting !== null}
        danger
        title="Delete this campaign?"
        message={
          deleting?.force
            ? `${deleting.chats} ${deleting.chats === 1 ? 'chat uses' : 'chats use'} this campaign. Deleting it archives ${deleting.chats === 1 ? 'that chat' : 'those chats'} too.`
            : 'The campaign and its playbook are removed. This cannot be undone here.'
        }
        confirmLabel={deleting?.force ? 'Delete and archive chats' : 'Delete'}
        loading={removing}
        onConfirm={() => void remove(deleting?.force ?? false)}
        onCancel={() => setDeleting(null)}
      />
    </div>
  );
}
