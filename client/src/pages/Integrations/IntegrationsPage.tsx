import { useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Card, PageHeader, Skeleton, useToast } from '../../components/ui';
import { graphql } from '../../gql';
import { ConnectModal } from './ConnectModal';
import { MetaConnectPicker } from './MetaConnectPicker';
import { PlatformCard } from './PlatformCard';
import { PLATFORMS, type PlatformInfo } from './platforms';
import { WebhookSetup } from './WebhookSetup';

export const IntegrationsListDocument = graphql(`
  query IntegrationsList {
    integrations {
      id
      platform
      ...PlatformCard_integration
    }
  }
`);

export function IntegrationsPage() {
  const toast = useToast();
  const { data, error } = useQuery(IntegrationsListDocument);
  const [connecting, setConnecting] = useState<PlatformInfo | null>(null);

  useEffect(() => {
    if (error) toast.error(error);
  }, [error, toast]);

  const byPlatform = new Map(data?.integrations.map((i) => [i.platform, i]));
  return (
    <>
      <PageHeader
        title="Integrations"
        description={
          <>
            Connect the channels your customers write on. No Meta account yet? Test a campaign in
            the{' '}
            <Link to="/campaigns" className="font-semibold text-indigo-700 hover:underline">
              simulator
            </Link>
            .
          </>
        }
      />
      <div className="grid gap-6 xl:grid-cols-3">
        <div className="grid gap-6 xl:col-span-2">
          {!data
            ? PLATFORMS.map((p) => (
                <Card key={p.platform}>
                  <Skeleton lines={3} />
                </Card>
              ))
            : PLATFORMS.map((info) => (
                <PlatformCard
                  key={info.platform}
                  info={info}
                  integration={byPlatform.get(info.platform)}
                  onConnect={() => setConnecting(info)}
                />
              ))}
        </div>
        <div>
          <WebhookSetup />
        </div>
      </div>
      <ConnectModal info={connecting} onClose={() => setConnecting(null)} />
      <MetaConnectPicker />
    </>
  );
}
