import { useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '../../errorMessage';
import { cx } from './cx';
import { dismissToast, getToasts, pushToast, subscribeToasts } from './toastStore';

export interface ToastApi {
  success: (message: string) => void;
  /** Shows the server's message for an Apollo error, or the string given */
  error: (errorOrMessage: unknown) => void;
  info: (message: string) => void;
}

const api: ToastApi = {
  success: (message) => void pushToast('success', message),
  error: (e) => void pushToast('error', typeof e === 'string' ? e : errorMessage(e)),
  info: (message) => void pushToast('info', message),
};

/** Friendly notifications; works anywhere, shown by the <Toaster /> in the app frame. */
export function useToast(): ToastApi {
  return useMemo(() => api, []);
}

const KIND = {
  success: 'border-emerald-200 bg-emerald-50/95 text-emerald-900',
  error: 'border-rose-200 bg-rose-50/95 text-rose-900',
  info: 'border-slate-200 bg-white/95 text-slate-900',
};

/**
 * The live region that lists the toasts: at the top on phones, bottom right from small
 * screens up, clear of the header's alerts and account menu.
 */
export function Toaster() {
  const toasts = useSyncExternalStore(subscribeToasts, getToasts, getToasts);
  return (
    <div
      aria-live="polite"
      className="pointer-events-none fixed inset-x-0 top-0 z-[60] flex flex-col items-center gap-2 p-4 sm:top-auto sm:bottom-0 sm:items-end"
    >
      {toasts.map((t) => (
        <div
          key={t.id}
          role={t.kind === 'error' ? 'alert' : 'status'}
          className={cx(
            'pointer-events-auto flex w-full max-w-sm items-start gap-3 rounded-2xl border px-4 py-3 text-sm shadow-lg backdrop-blur-xl',
            KIND[t.kind],
          )}
        >
          <p className="min-w-0 flex-1 break-words">
            {t.message}
            {t.link && (
              <>
                {' '}
                <Link
                  to={t.link.to}
                  onClick={() => dismissToast(t.id)}
                  className="font-semibold text-indigo-700 underline underline-offset-2"
                >
                  {t.link.label}
                </Link>
              </>
            )}
          </p>
          <button
            type="button"
            onClick={() => dismissToast(t.id)}
            aria-label="Dismiss notification"
            className="-m-1 rounded-md p-1 opacity-80 hover:opacity-100 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none"
          >
            <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4" fill="currentColor">
              <path d="M6.28 5.22a.75.75 0 0 0-1.06 1.06L8.94 10l-3.72 3.72a.75.75 0 1 0 1.06 1.06L10 11.06l3.72 3.72a.75.75 0 1 0 1.06-1.06L11.06 10l3.72-3.72a.75.75 0 0 0-1.06-1.06L10 8.94 6.28 5.22Z" />
            </svg>
          </button>
        </div>
      ))}
    </div>
  );
}

/** Renders its children and the Toaster. */
export function ToastProvider({ children }: { children: ReactNode }) {
  return (
    <>
      {children}
      <Toaster />
    </>
  );
}
