import { lazy, Suspense } from 'react';
import { useMe } from '../../auth/useMe';
import { AdminOnly } from '../../components/AdminOnly';
import { CodeIcon, PageHeader, PageSpinner } from '../../components/ui';

// GraphiQL (editors, workers, styles) is its own chunk, fetched only by admins opening it.
const GraphiQLEditor = lazy(() => import('./GraphiQLEditor'));

/** The GraphQL playground, for admins: the real API with their own token. */
export function PlaygroundPage() {
  const { isAdmin, loading } = useMe();

  if (loading) return <PageSpinner />;
  if (!isAdmin) {
    return (
      <AdminOnly
        page="Playground"
        icon={<CodeIcon className="h-6 w-6" />}
        title="The playground is for admins only"
        description="It runs GraphQL queries against the live API. Ask an administrator if you need data you cannot find in the dashboard."
        link={{ to: '/dashboard', label: 'Back to the dashboard' }}
      />
    );
  }
  return (
    <>
      <PageHeader
        title="Playground"
        description="Queries, mutations and subscriptions run against the live API as you: be careful with mutations."
      />
      <p className="-mt-3 mb-4 text-sm text-slate-600 md:hidden">
        The editor is easier to use on a wider screen.
      </p>
      <div className="h-[calc(100dvh-13rem)] min-h-[32rem] overflow-hidden rounded-2xl border border-white/70 bg-white shadow-lg shadow-slate-900/5">
        <Suspense fallback={<PageSpinner label="Loading the playground…" />}>
          <GraphiQLEditor />
        </Suspense>
      </div>
    </>
  );
}
