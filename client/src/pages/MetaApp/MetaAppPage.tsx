import { useQuery } from '@apollo/client/react';
import { useMe } from '../../auth/useMe';
import { AdminOnly } from '../../components/AdminOnly';
import { Card, PageHeader, PageSpinner, PlugIcon } from '../../components/ui';
import { getFragmentData } from '../../gql';
import { errorMessage } from '../../errorMessage';
import { MetaAppDocument, MetaAppViewFields } from './metaAppDocuments';
import { MetaAppForm } from './MetaAppForm';
import { MetaDashboardValues } from './MetaDashboardValues';

/** The operator registers the server's one Meta app here (admins only). */
export function MetaAppPage() {
  const { isAdmin, loading: meLoading } = useMe();
  const { data, error } = useQuery(MetaAppDocument, { skip: !isAdmin });

  if (meLoading) return <PageSpinner />;
  if (!isAdmin) {
    return (
      <AdminOnly
        page="Meta app"
        icon={<PlugIcon className="h-6 w-6" />}
        title="The Meta app is set up by an administrator"
        description="Connect your own Pages, Instagram accounts and WhatsApp numbers on the Integrations page."
        link={{ to: '/integrations', label: 'Go to Integrations' }}
      />
    );
  }
  const view = data ? getFragmentData(MetaAppViewFields, data.metaApp) : undefined;
  return (
    <>
      <PageHeader
        title="Meta app"
        description="One Meta app serves every business on this server: register it once, and owners connect with Continue with Facebook."
      />
      {error && !view ? (
        <Card>
          <p role="alert" className="text-sm text-rose-700">
            {errorMessage(error)}
          </p>
        </Card>
      ) : !view ? (
        <PageSpinner label="Loading the Meta app…" />
      ) : (
        <div className="grid gap-6 xl:grid-cols-2">
          <MetaAppForm view={view} />
          <MetaDashboardValues view={view} />
        </div>
      )}
    </>
  );
}
