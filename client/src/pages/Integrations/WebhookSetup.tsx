import { useQuery } from '@apollo/client/react';
import { Button, Card, Skeleton, useToast } from '../../components/ui';
import { graphql } from '../../gql';
import { PLATFORMS } from './platforms';

export const WebhookSetupDocument = graphql(`
  query WebhookSetup {
    webhookSetup {
      verifyToken
      publicUrlProblem
      endpoints {
        platform
        url
      }
    }
  }
`);

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

/** What to paste into the Meta app's Webhooks settings. */
export function WebhookSetup() {
  const toast = useToast();
  const { data } = useQuery(WebhookSetupDocument);
  const token = data?.webhookSetup.verifyToken;
  const copyValue = (text: string) =>
    void copy(text).then((ok) =>
      ok ? toast.success('Copied.') : toast.error('Copy it by hand: the browser refused.'),
    );
  return (
    <Card
      title="Webhook setup in Meta"
      description="In your Meta app, open Webhooks, subscribe to messages, and paste these values."
    >
      {data?.webhookSetup.publicUrlProblem && (
        <p
          role="note"
          className="mb-3 rounded-xl border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
        >
          Meta cannot reach this server yet, so there is no callback URL to paste.{' '}
          {data.webhookSetup.publicUrlProblem}
        </p>
      )}
      <dl className="grid gap-3">
        {PLATFORMS.map((info) => {
          const url = data?.webhookSetup.endpoints.find((e) => e.platform === info.platform)?.url;
          if (data && !url) return null;
          return (
            <div key={info.platform} className="grid gap-1">
              <dt className="text-sm font-medium text-slate-800">{info.name} callback URL</dt>
              <dd className="flex min-w-0 items-center gap-2">
                {!url ? (
                  <Skeleton lines={1} />
                ) : (
                  <>
                    <code className="min-w-0 flex-1 rounded-lg break-all bg-slate-900/5 px-3 py-2 font-mono text-xs text-slate-800 sm:text-sm">
                      {url}
                    </code>
                    <Button
                      variant="secondary"
                      size="sm"
                      aria-label={`Copy the ${info.name} callback URL`}
                      onClick={() => copyValue(url)}
                    >
                      Copy
                    </Button>
                  </>
                )}
              </dd>
            </div>
          );
        })}
        <div className="grid gap-1">
          <dt className="text-sm font-medium text-slate-800">Verify token</dt>
          <dd className="flex min-w-0 items-center gap-2">
            {!data ? (
              <Skeleton lines={1} />
            ) : token ? (
              <>
                <code className="min-w-0 flex-1 rounded-lg break-all bg-slate-900/5 px-3 py-2 font-mono text-xs text-slate-800 sm:text-sm">
                  {token}
                </code>
                <Button
                  variant="secondary"
                  size="sm"
                  aria-label="Copy the verify token"
                  onClick={() => copyValue(token)}
                >
                  Copy
                </Button>
              </>
            ) : (
              <span className="text-sm text-slate-700">
                Not set: the administrator has to set{' '}
                <code className="rounded bg-slate-900/5 px-1 font-mono">WEBHOOK_VERIFY_TOKEN</code>{' '}
                on this server before Meta can subscribe.
              </span>
            )}
          </dd>
        </div>
      </dl>
    </Card>
  );
}
