import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { cx } from './cx';

export interface TabItem<Id extends string = string> {
  id: Id;
  label: ReactNode;
  /** A small count beside the label */
  count?: number;
}

interface TabsProps<Id extends string> {
  tabs: TabItem<Id>[];
  value: Id;
  onChange: (id: Id) => void;
  /** Names the tab list for screen readers */
  label: string;
  className?: string;
}

/**
 * A row of tabs (filters, sections). Arrow keys move between them. The caller renders the
 * content; give it role="tabpanel" when it is a panel rather than a filtered list.
 */
export function Tabs<Id extends string>({
  tabs,
  value,
  onChange,
  label,
  className,
}: TabsProps<Id>) {
  const refs = useRef<(HTMLButtonElement | null)[]>([]);

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    const edge = event.key === 'Home' ? 0 : event.key === 'End' ? tabs.length - 1 : -1;
    if (!step && edge < 0) return;
    event.preventDefault();
    const next = edge >= 0 ? edge : (index + step + tabs.length) % tabs.length;
    const tab = tabs[next];
    if (!tab) return;
    onChange(tab.id);
    refs.current[next]?.focus();
  }

  return (
    <div
      role="tablist"
      aria-label={label}
      className={cx(
        'inline-flex max-w-full flex-wrap gap-1 rounded-xl bg-slate-900/5 p-1',
        className,
      )}
    >
      {tabs.map((tab, index) => {
        const selected = tab.id === value;
        return (
          <button
            key={tab.id}
            ref={(el) => {
              refs.current[index] = el;
            }}
            type="button"
            role="tab"
            aria-selected={selected}
            tabIndex={selected ? 0 : -1}
            onClick={() => onChange(tab.id)}
            onKeyDown={(e) => onKeyDown(e, index)}
            className={cx(
              'inline-flex items-center gap-1.5 rounded-lg px-3 py-1.5 text-sm font-medium whitespace-nowrap transition-colors',
              'focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none',
              selected ? 'bg-white text-slate-900 shadow-sm' : 'text-slate-700 hover:bg-white/60',
            )}
          >
            {tab.label}
            {tab.count !== undefined && (
              <span
                className={cx(
                  'rounded-full px-1.5 text-xs tabular-nums',
                  selected ? 'bg-indigo-100 text-indigo-800' : 'bg-slate-200 text-slate-700',
                )}
              >
                {tab.count}
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}
