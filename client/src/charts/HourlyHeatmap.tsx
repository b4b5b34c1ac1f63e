import { formatInt } from '../lib/format';

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

/**
 * The 24 hourly buckets as a heat strip per metric (darker = busier). A real table, so
 * screen readers get the numbers; it scrolls sideways on phones.
 */
export function HourlyHeatmap({ hours, timezone }: { hours: HourData[]; timezone?: string }) {
  const sorted = [...hours].sort((a, b) => a.hour - b.hour);
  return (
    <div>
      <div
        role="region"
        aria-label="Activity by hour"
        tabIndex={0}
        className="relative overflow-x-auto rounded-lg focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none"
      >
        <table className="w-full min-w-[640px] table-fixed border-separate border-spacing-0.5 text-xs">
          <caption className="sr-only">
            Activity by hour of the day{timezone ? ` (${timezone})` : ''}
          </caption>
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
              const max = Math.max(1, ...sorted.map((h) => h[row.key]));
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
                    const alpha = value === 0 ? 0.06 : 0.15 + (value / max) * 0.85;
                    return (
                      <td
                        key={h.hour}
                        title={`${hourLabel(h.hour)}: ${formatInt(value)} ${row.label.toLowerCase()}`}
                        className="h-8 rounded-md text-center"
                        style={{ backgroundColor: `rgb(${row.rgb} / ${alpha})` }}
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
      <p className="mt-2 text-xs text-slate-600">
        Hours of the business day{timezone ? ` in ${timezone}` : ''}; darker is busier.
      </p>
    </div>
  );
}
