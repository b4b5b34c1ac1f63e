import { cx } from './cx';

interface SpinnerProps {
  /** Read by screen readers; also shown beside the spinner when `showLabel` */
  label?: string;
  showLabel?: boolean;
  size?: 'sm' | 'md' | 'lg';
  className?: string;
}

const SIZES = { sm: 'h-4 w-4 border-2', md: 'h-6 w-6 border-2', lg: 'h-10 w-10 border-[3px]' };

export function Spinner({
  label = 'Loading…',
  showLabel = false,
  size = 'md',
  className,
}: SpinnerProps) {
  return (
    <span role="status" className={cx('inline-flex items-center gap-2 text-slate-700', className)}>
      <span
        aria-hidden="true"
        className={cx(
          'animate-spin rounded-full border-indigo-600 border-r-transparent',
          SIZES[size],
        )}
      />
      <span className={showLabel ? 'text-sm' : 'sr-only'}>{label}</span>
    </span>
  );
}

/** A centred spinner filling its container: route-level loading. */
export function PageSpinner({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="flex min-h-[40vh] items-center justify-center">
      <Spinner label={label} size="lg" />
    </div>
  );
}
