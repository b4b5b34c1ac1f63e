import { useId, type HTMLAttributes, type ReactNode } from 'react';
import { cx } from './cx';

export interface CardProps extends Omit<HTMLAttributes<HTMLElement>, 'title'> {
  /** Shown as an h2 that names the section */
  title?: ReactNode;
  /** Small text under the title */
  description?: ReactNode;
  /** Buttons or links on the right of the title */
  actions?: ReactNode;
  /** No inner padding (tables that reach the edges) */
  flush?: boolean;
}

/** The glass panel every page is made of. */
export function Card({
  title,
  description,
  actions,
  flush,
  className,
  children,
  ...rest
}: CardProps) {
  const id = useId();
  const hasHeader = title || actions;
  return (
    <section
      aria-labelledby={title ? `${id}-title` : undefined}
      className={cx(
        'min-w-0 rounded-2xl border border-white/70 bg-white/75 shadow-lg shadow-slate-900/5 backdrop-blur-xl',
        className,
      )}
      {...rest}
    >
      {hasHeader && (
        <div
          className={cx(
            'flex flex-wrap items-start justify-between gap-3',
            flush ? 'px-5 pt-5 pb-3' : 'px-5 pt-5',
          )}
        >
          <div className="min-w-0">
            {title && (
              <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900">
                {title}
              </h2>
            )}
            {description && <p className="mt-0.5 text-sm text-slate-600">{description}</p>}
          </div>
          {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
        </div>
      )}
      <div className={flush ? undefined : cx('p-5', hasHeader ? 'pt-4' : undefined)}>
        {children}
      </div>
    </section>
  );
}
