import type { CSSProperties } from 'react';
import { cx } from './cx';

interface SkeletonProps {
  /** Size and shape, e.g. "h-4 w-32" */
  className?: string;
  /** Several text-like bars */
  lines?: number;
  style?: CSSProperties;
}

/** A pulsing placeholder while data loads (hidden from screen readers: pair it with aria-busy). */
export function Skeleton({ className, lines, style }: SkeletonProps) {
  if (lines && lines > 1) {
    return (
      <div aria-hidden="true" className="grid gap-2">
        {Array.from({ length: lines }, (_, i) => (
          <div
            key={i}
            className={cx(
              'h-4 animate-pulse rounded-md bg-slate-200/80',
              i === lines - 1 && 'w-2/3',
              className,
            )}
          />
        ))}
      </div>
    );
  }
  return (
    <div
      aria-hidden="true"
      style={style}
      className={cx('h-4 animate-pulse rounded-md bg-slate-200/80', className)}
    />
  );
}
