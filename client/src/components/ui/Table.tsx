import type { ReactNode } from 'react';
import { cx } from './cx';
import { Skeleton } from './Skeleton';

export interface TableColumn<T> {
  key: string;
  header: ReactNode;
  render: (row: T) => ReactNode;
  align?: 'left' | 'right' | 'center';
  /** Extra classes for this column's cells (th and td) */
  className?: string;
}

export interface TableProps<T> {
  columns: TableColumn<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  /** Names the table for screen readers; visible when showCaption */
  caption: string;
  showCaption?: boolean;
  loading?: boolean;
  /** Skeleton rows while loading */
  loadingRows?: number;
  /** Shown instead of the table when there are no rows */
  empty?: ReactNode;
  onRowClick?: (row: T) => void;
  className?: string;
}

const ALIGN = { left: 'text-left', right: 'text-right', center: 'text-center' };

/** A data table that scrolls sideways on narrow screens. */
export function Table<T>({
  columns,
  rows,
  rowKey,
  caption,
  showCaption,
  loading,
  loadingRows = 5,
  empty,
  onRowClick,
  className,
}: TableProps<T>) {
  if (!loading && rows.length === 0 && empty) return <>{empty}</>;
  return (
    // Focusable, so keyboard users can scroll a wide table sideways.
    <div
      role="region"
      aria-label={caption}
      tabIndex={0}
      className={cx(
        'relative overflow-x-auto rounded-lg focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none',
        className,
      )}
      aria-busy={loading || undefined}
    >
      <table className="w-full border-collapse text-sm">
        <caption
          className={
            showCaption ? 'px-4 pb-2 text-left text-sm font-medium text-slate-700' : 'sr-only'
          }
        >
          {caption}
        </caption>
        <thead>
          <tr className="border-b border-slate-200">
            {columns.map((c) => (
              <th
                key={c.key}
                scope="col"
                className={cx(
                  'px-4 py-2.5 text-xs font-semibold tracking-wide whitespace-nowrap text-slate-600 uppercase',
                  ALIGN[c.align ?? 'left'],
                  c.className,
                )}
              >
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {loading
            ? Array.from({ length: loadingRows }, (_, i) => (
                <tr key={i} className="border-b border-slate-100 last:border-0">
                  {columns.map((c) => (
                    <td key={c.key} className="px-4 py-3">
                      <Skeleton className="h-4 w-full max-w-[10rem]" />
                    </td>
                  ))}
                </tr>
              ))
            : rows.map((row) => (
                <tr
                  key={rowKey(row)}
                  onClick={onRowClick ? () => onRowClick(row) : undefined}
                  className={cx(
                    'border-b border-slate-100 last:border-0',
                    onRowClick && 'cursor-pointer hover:bg-indigo-50/60',
                  )}
                >
                  {columns.map((c) => (
                    <td
                      key={c.key}
                      className={cx(
                        'px-4 py-3 text-slate-800',
                        ALIGN[c.align ?? 'left'],
                        c.className,
                      )}
                    >
                      {c.render(row)}
                    </td>
                  ))}
                </tr>
              ))}
        </tbody>
      </table>
    </div>
  );
}
