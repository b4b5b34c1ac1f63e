import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useRef } from 'react';
import { Button, Modal, Skeleton, useToast } from '../../components/ui';
import { graphql } from '../../gql';
import { useUrlParams } from '../../useUrlParams';
import { PLATFORMS } from './platforms';

export const MetaConnectPagesDocument = graphql(`
  query MetaConnectPages($choiceId: String!) {
    metaConnectPages(choiceId: $choiceId) {
      platform
      pages {
        id
        name
        picture
        instagramUsername
        unavailable
      }
    }
  }
`);

export const CompleteMetaConnectDocument = graphql(`
  mutation CompleteMetaConnect($choiceId: String!, $pageId: String!) {
    completeMetaConnect(choiceId: $choiceId, pageId: $pageId) {
      id
      status
      ...PlatformCard_integration
    }
  }
`);

/**
 * Back from Meta's login (/integrations?metaConnect=<choice>): the Pages it returned, to
 * pick the one to connect; a channel the login connected by itself (Instagram's own
 * login: ?metaConnected=INSTAGRAM); or what went wrong (?metaConnectError=...), each said once.
 */
export function MetaConnectPicker() {
  const toast = useToast();
  const [params, update] = useUrlParams();
  const choiceId = params.get('metaConnect');
  const failure = params.get('metaConnectError');
  const connected = PLATFORMS.find((p) => p.platform === params.get('metaConnected'));
  const { data, error } = useQuery(MetaConnectPagesDocument, {
    variables: { choiceId: choiceId ?? '' },
    skip: !choiceId,
    fetchPolicy: 'network-only',
  });
  const [complete, { loading }] = useMutation(CompleteMetaConnectDocument);
  const close = () => update({ metaConnect: null, metaConnectError: null });

  // Said once, even if the page renders again before the URL loses it.
  const said = useRef<string | null>(null);
  useEffect(() => {
    if (failure && said.current !== failure) {
      said.current = failure;
      toast.error(failure);
      update({ metaConnectError: null });
    }
  }, [failure, toast, update]);
  useEffect(() => {
    if (connected && said.current !== connected.platform) {
      said.current = connected.platform;
      toast.success(`${connected.name} is connected.`);
      update({ metaConnected: null });
    }
  }, [connected, toast, update]);
  useEffect(() => {
    if (error) {
      toast.error(error);
      update({ metaConnect: null });
    }
  }, [error, toast, update]);

  const choice = data?.metaConnectPages;
  const name = PLATFORMS.find((p) => p.platform === choice?.platform)?.name ?? 'the channel';

  async function pick(pageId: string) {
    if (!choiceId) return;
    try {
      await complete({ variables: { choiceId, pageId }, refetchQueries: ['IntegrationsList'] });
      toast.success(`${name} is connected.`);
      close();
    } catch (failed) {
      toast.error(failed);
    }
  }

  return (
    <Modal
      open={Boolean(choiceId) && !error}
      onClose={close}
      title={`Connect ${name}`}
      description="Pick the Page whose messages Salesdesk should answer."
      footer={
        <Button variant="secondary" onClick={close} disabled={loading}>
          Cancel
        </Button>
      }
    >
      {!choice ? (
        <Skeleton lines={3} />
      ) : choice.pages.length === 0 ? (
        <p className="text-sm text-slate-700">
          This Facebook account manages no Page you can send messages for. Log in with the account
          that manages your business Page, or ask its admin for the Messaging permission.
        </p>
      ) : (
        <ul className="grid gap-2">
          {choice.pages.map((page) => (
            <li
              key={page.id}
              className="flex items-center gap-3 rounded-xl border border-slate-200 px-3 py-2"
            >
              {page.picture ? (
                <img src={page.picture} alt="" className="size-10 rounded-full object-cover" />
              ) : (
                <span aria-hidden className="size-10 rounded-full bg-slate-200" />
              )}
              <div className="min-w-0 flex-1">
                <p className="truncate font-medium text-slate-900">{page.name}</p>
                <p className="truncate text-sm text-slate-600">
                  {page.unavailable ??
                    (choice.platform === 'INSTAGRAM' && page.instagramUsername
                      ? `@${page.instagramUsername}`
                      : `Page ${page.id}`)}
                </p>
              </div>
              <Button
                size="sm"
                disabled={Boolean(page.unavailable) || loading}
                aria-label={`Connect ${page.name}`}
                onClick={() => void pick(page.id)}
              >
                Connect
              </Button>
            </li>
          ))}
        </ul>
      )}
    </Modal>
  );
}
