import { useMutation } from '@apollo/client/react';
import { Badge, Button, Card, CopyValue, Note, useToast } from '../../components/ui';
import type { MetaAppPage_ViewFragment } from '../../gql/graphql';
import { formatDateTime } from '../../lib/format';
import { PLATFORMS } from '../Integrations/platforms';
import { getFragmentData } from '../../gql';
import { MetaAppViewFields, SubscribeMetaWebhooksDocument } from './metaAppDocuments';

function Value({ label, value }: { label: string; value: string | null }) {
  if (!value) return null;
  return (
    <div className="grid gap-1">
      <dt className="text-sm font-medium text-slate-800">{label}</dt>
      <dd>
        <CopyValue value={value} label={label} />
      </dd>
    </div>
  );
}

/** What Meta's app dashboard needs from this server, and the webhook subscriptions. */
export function MetaDashboardValues({ view }: { view: MetaAppPage_ViewFragment }) {
  const toast = useToast();
  const [subscribe, { loading }] = useMutation(SubscribeMetaWebhooksDocument);
  const platformName = (platform: string) =>
    PLATFORMS.find((info) => info.platform === platform)?.name ?? platform;

  async function run() {
    try {
      const { data } = await subscribe();
      const answered = data && getFragmentData(MetaAppViewFields, data.subscribeMetaWebhooks);
      const failed = answered?.webhooks.filter((hook) => hook.error) ?? [];
      if (failed.length === 0) toast.success('Webhooks subscribed.');
      else toast.error(`Meta refused ${failed.length} of the subscriptions: see below.`);
    } catch (error) {
      toast.error(error);
    }
  }

  return (
    <Card
      title="In Meta's app dashboard"
      description="Paste these where Meta asks for them, or let Salesdesk subscribe the webhooks for you."
    >
      {view.publicUrlProblem ? (
        <Note>
          Meta cannot reach this server yet, so there are no URLs to paste. {view.publicUrlProblem}
        </Note>
      ) : (
        <dl className="grid gap-3">
          <Value label="Valid OAuth Redirect URI (Facebook Login)" value={view.loginRedirectUrl} />
          <Value label="Deauthorize callback URL" value={view.deauthorizeUrl} />
          <Value label="Data Deletion Request URL" value={view.dataDeletionUrl} />
          <Value label="Webhook verify token" value={view.verifyToken.value} />
        </dl>
      )}
      <h3 className="mt-6 text-sm font-semibold text-slate-900">Webhooks</h3>
      <ul className="mt-2 grid gap-3">
        {view.webhooks.map((hook) => (
          <li key={hook.object} className="grid gap-1.5 rounded-xl border border-slate-200 p-3">
            <div className="flex flex-wrap items-center gap-2">
              <span className="text-sm font-medium text-slate-900">
                {platformName(hook.platform)} ({hook.object})
              </span>
              {hook.subscribedAt ? (
                <Badge tone="success">Subscribed {formatDateTime(hook.subscribedAt)}</Badge>
              ) : hook.error ? (
                <Badge tone="danger">Refused</Badge>
              ) : (
                <Badge>Not subscribed</Badge>
              )}
            </div>
            {hook.callbackUrl && (
              <CopyValue
                value={hook.callbackUrl}
                label={`${platformName(hook.platform)} callback URL`}
              />
            )}
            <p className="text-xs text-slate-600">Fields: {hook.fields.join(', ')}</p>
            {hook.error && <p className="text-sm text-rose-700">{hook.error}</p>}
          </li>
        ))}
      </ul>
      <div className="mt-4 flex flex-wrap items-center justify-end gap-3">
        {view.subscribeProblem && (
          <p className="text-sm text-slate-700" id="subscribe-problem">
            {view.subscribeProblem}
          </p>
        )}
        <Button
          onClick={() => void run()}
          loading={loading}
          disabled={Boolean(view.subscribeProblem)}
          aria-describedby={view.subscribeProblem ? 'subscribe-problem' : undefined}
        >
          Subscribe webhooks
        </Button>
      </div>
    </Card>
  );
}
