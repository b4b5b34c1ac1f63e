import { useQuery } from '@apollo/client/react';
import { Card, CopyValue, Note, Skeleton } from '../../components/ui';
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

/** What to paste into the Meta app's Webhooks settings. */
export function WebhookSetup() {
  const { data } = useQuery(WebhookSetupDocument);
  const token = data?.webhookSetup.verifyToken;
  return (
    <Card
      title="Webhook setup in Meta"
      description="In your Meta app, open Webhooks, subscribe to messages, and paste these values."
    >
      {data?.webhookSetup.publicUrlProblem && (
        <Note className="mb-3">
          Meta cannot reach this server yet, so there is no callback URL to paste.{' '}
          {data.webhookSetup.publicUrlProblem}
        </Note>
      )}
      <dl className="grid gap-3">
        {PLATFORMS.map((info) => {
          const url = data?.webhookSetup.endpoints.find((e) => e.platform === info.platform)?.url;
          if (data && !url) return null;
          return (
            <div key={info.platform} className="grid gap-1">
              <dt className="text-sm font-medium text-slate-800">{info.name} callback URL</dt>
              <dd>
                {url ? (
                  <CopyValue value={url} label={`${info.name} callback URL`} />
                ) : (
                  <Skeleton lines={1} />
                )}
              </dd>
            </div>
          );
        })}
        <div className="grid gap-1">
          <dt className="text-sm font-medium text-slate-800">Verify token</dt>
          <dd>
            {!data ? (
              <Skeleton lines={1} />
            ) : token ? (
              <CopyValue value={token} label="verify token" />
            ) : (
              <span className="text-sm text-slate-700">
                Not available: the stored token could not be read with this server&apos;s
                SECRETS_KEY. An administrator can set WEBHOOK_VERIFY_TOKEN.
              </span>
            )}
          </dd>
        </div>
      </dl>
    </Card>
  );
}
