import { formatInt } from '../lib/format';
import { useWidth } from './useWidth';

export interface HourData {
  hour: number;
  messages: number;
  conversations: number;
  conversions: number;
}

const ROWS = [
  { key: 'messages', label: 'Messages', rgb: '79 70 229' },
  { key: 'conversations', label: 'Conversations', rgb: '192 38 211' },
  { key: 'conversions', label: 'Sales', rgb: '4 120 87' },
] as const;

const hourLabel = (h: number) => `${String(h).padStart(2, '0')}:00`;

/** Narrower than this, the strip turns: one row an hour, a column per metric. */
const NARROW = 520;

const cellColor = (rgb: string, value: number, max: number) =>
  `rgb(${rgb} / ${value === 0 ? 0.06 : 0.15 + (value / max) * 0.85})`;

/**
 * The 24 hourly buckets as a heat strip per metric (darker = busier). A real table, so
 * screen readers get the numbers; on a phone the hours run down the page instead.
 */
export function HourlyHeatmap({ hours, timezone }: { hours: HourData[]; timezone?: string }) {
  const sorted = [...hours].sort((a, b) => a.hour - b.hour);
  const { ref, width } = useWidth(NARROW);
  const caption = `Activity by hour of the day${timezone ? ` (${timezone})` : ''}`;
  const maxOf = (key: (typeof ROWS)[number]['key']) => Math.max(1, ...sorted.map((h) => h[key]));
  return (
    <div ref={ref}>
      {width > 0 && width < NARROW ? (
        <table className="w-full table-fixed border-separate border-spacing-0.5 text-xs">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              <th scope="col" className="w-14 text-left font-medium text-slate-600">
                Hour
              </th>
              {ROWS.map((row) => (
                <th key={row.key} scope="col" className="font-medium text-slate-700">
                  {row.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sorted.map((h) => (
              <tr key={h.hour}>
                <th scope="row" className="text-left font-normal text-slate-600">
                  {hourLabel(h.hour)}
                </th>
                {ROWS.map((row) => (
                  <td
                    key={row.key}
                    className="h-6 rounded-md text-center text-slate-900"
                    style={{ backgroundColor: cellColor(row.rgb, h[row.key], maxOf(row.key)) }}
                  >
                    <span className="sr-only">{formatInt(h[row.key])}</span>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <div
          role="region"
          aria-label="Activity by hour"
          tabIndex={0}
          className="relative overflow-x-auto rounded-lg focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none"
        >
          <table className="w-full min-w-[480px] table-fixed border-separate border-spacing-0.5 text-xs">
            <caption className="sr-only">{caption}</caption>
            <thead>
              <tr>
                <th scope="col" className="w-28 text-left font-medium text-slate-600">
                  <span className="sr-only">Metric</span>
                </th>
                {sorted.map((h) => (
                  <th key={h.hour} scope="col" className="font-normal text-slate-600">
                    <span aria-hidden="true">{h.hour % 3 === 0 ? h.hour : ''}</span>
                    <span className="sr-only">{hourLabel(h.hour)}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {ROWS.map((row) => {
                const max = maxOf(row.key);
                return (
                  <tr key={row.key}>
                    <th
                      scope="row"
                      className="pr-2 text-left font-medium whitespace-nowrap text-slate-700"
                    >
                      {row.label}
                    </th>
                    {sorted.map((h) => {
                      const value = h[row.key];
                      return (
                        <td
                          key={h.hour}
                          title={`${hourLabel(h.hour)}: ${formatInt(value)} ${row.label.toLowerCase()}`}
                          className="h-8 rounded-md text-center"
                          style={{ backgroundColor: cellColor(row.rgb, value, max) }}
                        >
                          <span className="sr-only">{formatInt(value)}</span>
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <p className="mt-2 text-xs text-slate-600">
        Hours of the business day{timezone ? ` in ${timezone}` : ''}; darker is busier.
      </p>
    </div>
  );
}
