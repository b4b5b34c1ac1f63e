import {
  Suspense,
  useCallback,
  useEffect,
  useRef,
  useState,
  type ComponentType,
  type ReactNode,
} from 'react';
import { Link, NavLink, Outlet, useLocation } from 'react-router-dom';
import { useLogout } from '../../auth/useLogout';
import { useMe } from '../../auth/useMe';
import { initials } from '../../lib/format';
import { cx } from './cx';
import {
  CampaignIcon,
  ChartIcon,
  CloseIcon,
  CodeIcon,
  DashboardIcon,
  DatabaseIcon,
  InboxIcon,
  KeyIcon,
  LogoutIcon,
  MenuIcon,
  PlugIcon,
  SettingsIcon,
  TagIcon,
} from './icons';
import { PageSpinner } from './Spinner';
import { Toaster } from './Toast';
import { usePopover } from './usePopover';
import { AlertCenter } from '../alerts/AlertCenter';

interface NavItem {
  to: string;
  label: string;
  icon: ComponentType<{ className?: string }>;
  adminOnly?: boolean;
}

export const NAV_ITEMS: NavItem[] = [
  { to: '/dashboard', label: 'Dashboard', icon: DashboardIcon },
  { to: '/inbox', label: 'Inbox', icon: InboxIcon },
  { to: '/campaigns', label: 'Campaigns', icon: CampaignIcon },
  { to: '/products', label: 'Products', icon: TagIcon },
  { to: '/analytics', label: 'Analytics', icon: ChartIcon },
  { to: '/integrations', label: 'Integrations', icon: PlugIcon },
  { to: '/dbms', label: 'Database', icon: DatabaseIcon },
  { to: '/playground', label: 'Playground', icon: CodeIcon, adminOnly: true },
  { to: '/meta-app', label: 'Meta app', icon: KeyIcon, adminOnly: true },
  { to: '/settings', label: 'Settings', icon: SettingsIcon },
];

export function Logo({ className }: { className?: string }) {
  return (
    <span className={cx('inline-flex items-center gap-2 font-bold text-slate-900', className)}>
      <span
        aria-hidden="true"
        className="grid h-8 w-8 place-items-center rounded-xl bg-gradient-to-br from-indigo-600 to-fuchsia-600 text-sm text-white shadow-md shadow-indigo-600/30"
      >
        S
      </span>
      <span className="text-lg tracking-tight">Salesdesk</span>
    </span>
  );
}

function NavLinks({ isAdmin, onNavigate }: { isAdmin: boolean; onNavigate?: () => void }) {
  return (
    <ul className="grid gap-1">
      {NAV_ITEMS.filter((item) => !item.adminOnly || isAdmin).map(
        ({ to, label, icon: ItemIcon }) => (
          <li key={to}>
            <NavLink
              to={to}
              onClick={onNavigate}
              className={({ isActive }) =>
                cx(
                  'flex items-center gap-3 rounded-xl px-3 py-2 text-sm font-medium transition-colors',
                  'focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none',
                  isActive
                    ? 'bg-white text-indigo-700 shadow-sm'
                    : 'text-slate-700 hover:bg-white/60 hover:text-slate-900',
                )
              }
            >
              <ItemIcon className="h-5 w-5 shrink-0" />
              {label}
            </NavLink>
          </li>
        ),
      )}
    </ul>
  );
}

function UserMenu() {
  const { me } = useMe();
  const { logout, loading } = useLogout();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  const close = useCallback(() => setOpen(false), []);
  usePopover(open, close, root);

  const display = me?.businessInfo.ownerName || me?.email || '';
  return (
    <div ref={root} className="relative">
      <button
        type="button"
        aria-expanded={open}
        aria-haspopup="true"
        onClick={() => setOpen((v) => !v)}
        className="flex items-center gap-2 rounded-xl p-1 pr-2 text-sm text-slate-800 hover:bg-white/70 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none"
      >
        <span
          aria-hidden="true"
          className="grid h-8 w-8 place-items-center rounded-full bg-indigo-100 text-xs font-bold text-indigo-800"
        >
          {initials(display)}
        </span>
        {/* The visible name is the button's name too (on phones it is read, not shown). */}
        <span className="sr-only">Account menu: </span>
        <span className="sr-only max-w-[12rem] truncate font-medium md:not-sr-only md:inline-block">
          {display}
        </span>
        <svg
          aria-hidden="true"
          viewBox="0 0 20 20"
          className="h-4 w-4 text-slate-600"
          fill="currentColor"
        >
          <path d="M5.2 7.2a.75.75 0 0 1 1.06 0L10 10.94l3.74-3.74a.75.75 0 1 1 1.06 1.06l-4.27 4.27a.75.75 0 0 1-1.06 0L5.2 8.26a.75.75 0 0 1 0-1.06Z" />
        </svg>
      </button>
      {open && (
        <div className="absolute right-0 z-40 mt-2 w-64 rounded-2xl border border-white/70 bg-white/95 p-2 shadow-xl backdrop-blur-xl">
          {me && (
            <div className="border-b border-slate-200 px-3 pt-1 pb-2">
              <p className="truncate text-sm font-semibold text-slate-900">{me.email}</p>
              <p className="text-xs text-slate-600">
                {me.role === 'ADMIN' ? 'Administrator' : 'Owner'}
              </p>
            </div>
          )}
          <ul className="mt-1 grid gap-0.5">
            <li>
              <Link
                to="/settings"
                onClick={() => setOpen(false)}
                className="flex items-center gap-2 rounded-lg px-3 py-2 text-sm text-slate-800 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none"
              >
                <SettingsIcon className="h-4 w-4" /> Settings
              </Link>
            </li>
            <li>
              <button
                type="button"
                disabled={loading}
                onClick={() => void logout()}
                className="flex w-full items-center gap-2 rounded-lg px-3 py-2 text-left text-sm text-slate-800 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none"
              >
                <LogoutIcon className="h-4 w-4" /> {loading ? 'Logging out…' : 'Log out'}
              </button>
            </li>
          </ul>
        </div>
      )}
    </div>
  );
}

/** The soft gradient behind every screen. */
export function Backdrop({ children }: { children: ReactNode }) {
  return (
    <div className="min-h-screen bg-gradient-to-br from-indigo-100 via-slate-50 to-rose-100 text-slate-900">
      {children}
    </div>
  );
}

/**
 * The app frame: sidebar navigation (a drawer on phones), a top bar with the business name
 * and the user menu, and the page in <main>.
 */
export function Layout({ children }: { children?: ReactNode }) {
  const { me, isAdmin } = useMe();
  const [drawer, setDrawer] = useState(false);
  const location = useLocation();
  const businessName = me?.businessInfo.businessName || 'Your business';

  const closeButton = useRef<HTMLButtonElement>(null);

  // A new page closes the drawer.
  useEffect(() => setDrawer(false), [location.pathname]);

  useEffect(() => {
    if (!drawer) return;
    closeButton.current?.focus();
    function onKey(event: KeyboardEvent) {
      if (event.key === 'Escape') setDrawer(false);
    }
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [drawer]);

  return (
    <Backdrop>
      <a
        href="#main"
        className="sr-only z-50 rounded-lg bg-white px-3 py-2 text-sm font-semibold text-indigo-700 focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <aside className="fixed inset-y-0 left-0 z-30 hidden w-64 flex-col border-r border-white/60 bg-white/50 p-4 backdrop-blur-xl lg:flex">
        <Link
          to="/dashboard"
          className="mb-6 rounded-xl px-2 py-1 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none"
        >
          <Logo />
        </Link>
        <nav aria-label="Main">
          <NavLinks isAdmin={isAdmin} />
        </nav>
      </aside>

      {drawer && (
        <div className="fixed inset-0 z-40 lg:hidden">
          <div
            aria-hidden="true"
            className="absolute inset-0 bg-slate-900/30 backdrop-blur-sm"
            onClick={() => setDrawer(false)}
          />
          <div
            id="mobile-nav"
            className="absolute inset-y-0 left-0 flex w-72 max-w-[85vw] flex-col bg-white/95 p-4 shadow-2xl backdrop-blur-xl"
          >
            <div className="mb-6 flex items-center justify-between">
              <Logo />
              <button
                ref={closeButton}
                type="button"
                aria-label="Close menu"
                onClick={() => setDrawer(false)}
                className="rounded-lg p-2 text-slate-700 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none"
              >
                <CloseIcon />
              </button>
            </div>
            <nav aria-label="Main">
              <NavLinks isAdmin={isAdmin} onNavigate={() => setDrawer(false)} />
            </nav>
          </div>
        </div>
      )}

      <div className="lg:pl-64">
        <header className="sticky top-0 z-20 border-b border-white/60 bg-white/60 backdrop-blur-xl">
          <div className="mx-auto flex h-14 max-w-7xl items-center gap-3 px-4 sm:px-6">
            <button
              type="button"
              aria-label="Open menu"
              aria-expanded={drawer}
              aria-controls="mobile-nav"
              onClick={() => setDrawer(true)}
              className="-ml-2 rounded-lg p-2 text-slate-700 hover:bg-white/70 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none lg:hidden"
            >
              <MenuIcon />
            </button>
            <p className="min-w-0 flex-1 truncate text-sm font-semibold text-slate-800">
              {businessName}
            </p>
            <AlertCenter />
            <UserMenu />
          </div>
        </header>
        <main
          id="main"
          tabIndex={-1}
          className="mx-auto max-w-7xl px-4 py-6 focus:outline-none sm:px-6 lg:py-8"
        >
          <Suspense fallback={<PageSpinner />}>{children ?? <Outlet />}</Suspense>
        </main>
      </div>
      <Toaster />
    </Backdrop>
  );
}
