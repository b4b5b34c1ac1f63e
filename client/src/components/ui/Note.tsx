import type { ReactNode } from 'react';
import { cx } from './cx';

/** An amber notice: something the reader has to act on, said where it matters. */
export function Note({
  children,
  role = 'note',
  className,
}: {
  children: ReactNode;
  /** `alert` for a failure that just happened; `note` for a standing condition. */
  role?: 'note' | 'alert';
  className?: string;
}) {
  return (
    <div
      role={role}
      className={cx(
        'rounded-xl border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900',
        className,
      )}
    >
      {children}
    </div>
  );
}
