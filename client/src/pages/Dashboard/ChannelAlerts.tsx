import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router-dom';
import { buttonClasses, Note } from '../../components/ui';
import { graphql } from '../../gql';
import { PLATFORMS } from '../Integrations/platforms';

export const DashboardChannelsDocument = graphql(`
  query DashboardChannels {
    integrations {
      id
      platform
      status
      lastError
      platformData {
        pageName
      }
    }
  }
`);

/**
 * Channels that stopped answering customers (a token Meta refused, the app removed from
 * the person's account): said on the dashboard, with the way back, not only on Integrations.
 */
export function ChannelAlerts() {
  // A token can fail at any time: each visit asks again, showing the cached answer meanwhile.
  const { data } = useQuery(DashboardChannelsDocument, { fetchPolicy: 'cache-and-network' });
  const broken =
    data?.integrations.filter(
      (channel) =>
        channel.status === 'ERROR' || (channel.status === 'DISCONNECTED' && channel.lastError),
    ) ?? [];
  if (broken.length === 0) return null;
  return (
    <div className="mb-6 grid gap-3">
      {broken.map((channel) => {
        const name = PLATFORMS.find((info) => info.platform === channel.platform)?.name;
        const page = channel.platformData.pageName;
        return (
          <Note key={channel.id} role="alert" className="flex flex-wrap items-center gap-3">
            <p className="min-w-0 flex-1">
              <strong className="font-semibold">
                {name}
                {page ? ` (${page})` : ''} is not answering customers.
              </strong>{' '}
              {channel.lastError ?? 'Its connection failed.'}
            </p>
            <Link to="/integrations" className={buttonClasses('secondary', 'sm')}>
              Reconnect {name}
            </Link>
          </Note>
        );
      })}
    </div>
  );
}
