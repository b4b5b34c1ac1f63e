import { CombinedGraphQLErrors } from '@apollo/client';
import { useApolloClient, useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, ConfirmDialog, useToast } from '../../components/ui';
import { graphql } from '../../gql';
import type { CampaignStatus } from '../../gql/graphql';
import { CAMPAIGN_STATUS_LABELS, STATUS_ACTIONS, type StatusAction } from './campaignStatus';
import { ChannelPrompt, ConnectedChannelsDocument } from './ChannelPrompt';

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
  /** Shows the campaign's simulator (the prompt after going live offers it). */
  onTrySimulator: () => void;
}

/** The chats using the campaign, when the server refused a delete because of them. */
function chatsInUse(error: unknown): number | null {
  if (!CombinedGraphQLErrors.is(error)) return null;
  const chats = error.errors[0]?.extensions?.chats;
  return typeof chats === 'number' ? chats : null;
}

export function StatusActions({ campaignId, status, onTrySimulator }: StatusActionsProps) {
  const toast = useToast();
  const navigate = useNavigate();
  const client = useApolloClient();
  const [noChannel, setNoChannel] = useState(false);
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

  // Live with nothing connected: say so, with the ways on. The activation stands either way.
  const promptWithoutChannel = async () => {
    const { data } = await client
      .query({ query: ConnectedChannelsDocument, fetchPolicy: 'network-only' })
      .catch(() => ({ data: undefined }));
    if (data && !data.integrations.some((channel) => channel.status === 'CONNECTED')) {
      setNoChannel(true);
    }
  };

  const run = async (action: StatusAction) => {
    setAsking(null);
    try {
      await setStatus({ variables: { id: campaignId, status: action.to } });
      toast.success(`Campaign ${CAMPAIGN_STATUS_LABELS[action.to].toLowerCase()}.`);
      if (action.to === 'ACTIVE') await promptWithoutChannel();
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

      <ChannelPrompt open={noChannel} onClose={() => setNoChannel(false)} onTry={onTrySimulator} />
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
