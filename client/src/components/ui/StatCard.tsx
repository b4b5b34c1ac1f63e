import type { ReactNode } from 'react';
import { cx } from './cx';
import { Skeleton } from './Skeleton';

export interface StatCardProps {
  label: string;
  value: ReactNode;
  /** The numeric change vs the previous period: its sign picks the arrow and colour */
  delta?: number | null;
  /** How to show the change, e.g. "+12%" or "+3"; defaults to the signed delta */
  deltaText?: string;
  /** What the change compares with, e.g. "vs yesterday" */
  deltaLabel?: string;
  /** A rise is bad news (response time, bounce rate): colours flip */
  invertDelta?: boolean;
  hint?: ReactNode;
  icon?: ReactNode;
  loading?: boolean;
  className?: string;
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : String(n);
}

export function StatCard({
  label,
  value,
  delta,
  deltaText,
  deltaLabel = 'vs previous',
  invertDelta,
  hint,
  icon,
  loading,
  className,
}: StatCardProps) {
  const hasDelta = typeof delta === 'number' && Number.isFinite(delta);
  const good = hasDelta && (invertDelta ? delta < 0 : delta > 0);
  const bad = hasDelta && (invertDelta ? delta > 0 : delta < 0);
  return (
    <div
      role="group"
      aria-label={label}
      aria-busy={loading || undefined}
      className={cx(
        'min-w-0 rounded-2xl border border-white/70 bg-white/75 p-3 shadow-lg sm:p-4 shadow-slate-900/5 backdrop-blur-xl',
        className,
      )}
    >
      <div className="flex items-start justify-between gap-2">
        <p className="text-xs font-medium text-slate-600 sm:text-sm">{label}</p>
        {icon && (
          <span
            aria-hidden="true"
            className="hidden rounded-xl bg-indigo-50 p-2 text-indigo-600 sm:inline-flex"
          >
            {icon}
          </span>
        )}
      </div>
      {loading ? (
        <div className="mt-2 grid gap-2">
          <Skeleton className="h-8 w-24" />
          <Skeleton className="h-3 w-32" />
        </div>
      ) : (
        <>
          <p className="mt-1 truncate text-xl font-bold tracking-tight text-slate-900 tabular-nums sm:text-2xl 2xl:text-3xl">
            {value}
          </p>
          {hasDelta && (
            <p className="mt-1 flex flex-wrap items-center gap-1 text-xs">
              <span
                className={cx(
                  'inline-flex items-center gap-0.5 rounded-full px-1.5 py-0.5 font-semibold tabular-nums',
                  good && 'bg-emerald-50 text-emerald-800',
                  bad && 'bg-rose-50 text-rose-800',
                  !good && !bad && 'bg-slate-100 text-slate-700',
                )}
              >
                <span aria-hidden="true">{delta > 0 ? '▲' : delta < 0 ? '▼' : '●'}</span>
                {deltaText ?? signed(delta)}
              </span>
              <span className="text-slate-600">{deltaLabel}</span>
            </p>
          )}
          {hint && <p className="mt-1 text-xs text-slate-600">{hint}</p>}
        </>
      )}
    </div>
  );
}
