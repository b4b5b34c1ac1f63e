import { lazy, Suspense, useEffect, type ComponentType } from 'react';
import { Navigate, Outlet, Route, Routes, useLocation } from 'react-router-dom';
import { clearTokens } from './auth/tokens';
import { useAccessToken } from './auth/useAccessToken';
import { useMe } from './auth/useMe';
import { setBusinessLocale } from './lib/businessLocale';
import { Backdrop, Button, ErrorBoundary, Layout, PageSpinner, Toaster } from './components/ui';
import { errorMessage } from './errorMessage';
import { Login } from './pages/Login/Login';
import { Signup } from './pages/Signup/Signup';

// Every signed-in page is its own chunk: the log-in page loads only what it needs.
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const DashboardPage = page(() => import('./pages/Dashboard'), 'DashboardPage');
const OnboardingPage = page(() => import('./pages/Onboarding'), 'OnboardingPage');
const AnalyticsPage = page(() => import('./pages/Analytics'), 'AnalyticsPage');
const IntegrationsPage = page(() => import('./pages/Integrations'), 'IntegrationsPage');
const SettingsPage = page(() => import('./pages/Settings'), 'SettingsPage');
const CampaignsPage = page(() => import('./pages/Campaigns'), 'CampaignsPage');
const ProductsPage = page(() => import('./pages/Products'), 'ProductsPage');
const CampaignEditorPage = page(() => import('./pages/Campaigns'), 'CampaignEditorPage');
const InboxPage = page(() => import('./pages/Inbox'), 'InboxPage');
const DbmsPage = page(() => import('./pages/Dbms'), 'DbmsPage');
const PlaygroundPage = page(() => import('./pages/Playground'), 'PlaygroundPage');
const MetaAppPage = page(() => import('./pages/MetaApp'), 'MetaAppPage');

export interface FromState {
  from?: string;
}

function RequireAuth() {
  const location = useLocation();
  if (useAccessToken()) return <Outlet />;
  const state: FromState = { from: location.pathname + location.search };
  return <Navigate to="/login" replace state={state} />;
}

function GuestOnly() {
  return useAccessToken() ? <Navigate to="/dashboard" replace /> : <Outlet />;
}

/** Knows who is signed in before any page shows; sends new owners to onboarding first. */
function SessionGate() {
  const { me, loading, error, refetch, signedOut } = useMe();
  const { pathname } = useLocation();

  useEffect(() => {
    // A token the server no longer knows: the session is over.
    if (signedOut) clearTokens();
  }, [signedOut]);

  if (me) {
    // Before any page draws an amount: they are all in the business currency.
    setBusinessLocale(me.businessInfo);
    // Admins run the desk, not necessarily a business: they may onboard, but need not.
    if (!me.onboardingCompleted && me.role !== 'ADMIN' && pathname !== '/onboarding') {
      return <Navigate to="/onboarding" replace />;
    }
    return <Outlet />;
  }
  if (error && !loading) {
    return (
      <Backdrop>
        <main className="grid min-h-screen place-items-center p-4">
          <div className="max-w-md rounded-2xl border border-white/70 bg-white/80 p-6 text-center shadow-lg backdrop-blur-xl">
            <h1 className="text-lg font-semibold text-slate-900">Could not load your account</h1>
            <p className="mt-1 text-sm text-slate-600" role="alert">
              {errorMessage(error)}
            </p>
            <Button className="mt-4" onClick={() => void refetch()}>
              Try again
            </Button>
          </div>
        </main>
      </Backdrop>
    );
  }
  return (
    <Backdrop>
      <main className="grid min-h-screen place-items-center">
        <PageSpinner label="Loading your account…" />
      </main>
    </Backdrop>
  );
}

/** A page's old address: bookmarks and shared links keep working, filters included. */
function MovedTo({ pathname }: { pathname: string }) {
  const { search, hash } = useLocation();
  return <Navigate to={{ pathname, search, hash }} replace />;
}

function FramedPage() {
  const { pathname } = useLocation();
  return (
    <ErrorBoundary resetKey={pathname}>
      <Outlet />
    </ErrorBoundary>
  );
}

export function App() {
  return (
    <Routes>
      <Route element={<GuestOnly />}>
        <Route path="/login" element={<Login />} />
        <Route path="/signup" element={<Signup />} />
      </Route>
      <Route element={<RequireAuth />}>
        <Route element={<SessionGate />}>
          <Route
            path="/onboarding"
            element={
              <Suspense
                fallback={
                  <Backdrop>
                    <PageSpinner />
                  </Backdrop>
                }
              >
                <OnboardingPage />
                <Toaster />
              </Suspense>
            }
          />
          <Route element={<Layout />}>
            <Route element={<FramedPage />}>
              <Route path="/dashboard" element={<DashboardPage />} />
              <Route path="/campaigns" element={<CampaignsPage />} />
              <Route path="/campaigns/new" element={<CampaignEditorPage />} />
              <Route path="/campaigns/:id" element={<CampaignEditorPage />} />
              <Route path="/products" element={<ProductsPage />} />
              <Route path="/inbox" element={<InboxPage />} />
              <Route path="/inbox/:chatId" element={<InboxPage />} />
              <Route path="/analytics" element={<AnalyticsPage />} />
              <Route path="/integrations" element={<IntegrationsPage />} />
              <Route path="/dbms" element={<DbmsPage />} />
              <Route path="/database" element={<MovedTo pathname="/dbms" />} />
              <Route path="/settings" element={<SettingsPage />} />
              {/* The page itself tells non-admins it is for admins. */}
              <Route path="/playground" element={<PlaygroundPage />} />
              <Route path="/meta-app" element={<MetaAppPage />} />
            </Route>
          </Route>
          <Route path="/" element={<Navigate to="/dashboard" replace />} />
          <Route path="*" element={<Navigate to="/dashboard" replace />} />
        </Route>
      </Route>
    </Routes>
  );
}
