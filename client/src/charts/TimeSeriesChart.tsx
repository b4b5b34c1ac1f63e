import { useId, useState, type KeyboardEvent } from 'react';
import { formatCompact, formatDay } from '../lib/format';
import { labelEvery, ticksFor } from './scale';
import { useWidth } from './useWidth';
import type { Series, TimeSeriesChartProps } from './types';

const AXIS_WIDTH = 56;
const X_AXIS_HEIGHT = 24;
const TOP = 8;
const LEGEND = 'mt-2 flex flex-wrap justify-center gap-x-4 gap-y-1 text-[13px] text-slate-700';

const valueOf = (point: Record<string, number | string>, key: string) => {
  const value = Number(point[key]);
  return Number.isFinite(value) ? value : 0;
};

/**
 * Days on the x axis, one or two value axes, areas, lines and bars; a tooltip follows the
 * pointer (or the arrow keys). Drawn as plain SVG, so a page with charts loads no chart
 * library: the dashboard's and analytics' time to content.
 */
export function TimeSeriesChart({
  data,
  series,
  title,
  height = 260,
  leftFormat,
  rightFormat,
}: TimeSeriesChartProps) {
  const id = useId();
  const { ref, width } = useWidth(640);
  const [active, setActive] = useState<number | null>(null);
  const hasRight = series.some((s) => s.axis === 'right');
  const leftTick = leftFormat ?? series.find((s) => s.axis !== 'right')?.format ?? formatCompact;
  const rightTick = rightFormat ?? series.find((s) => s.axis === 'right')?.format ?? formatCompact;
  const sideOf = (s: Series) => s.axis ?? 'left';
  const maxOf = (side: 'left' | 'right') =>
    Math.max(
      0,
      ...series
        .filter((s) => sideOf(s) === side)
        .flatMap((s) => data.map((p) => valueOf(p, s.key))),
    );
  const ticks = {
    left: ticksFor(maxOf('left'), 4, !leftFormat),
    right: ticksFor(maxOf('right'), 4, false),
  };

  const plotLeft = AXIS_WIDTH;
  const plotWidth = Math.max(0, width - AXIS_WIDTH - (hasRight ? AXIS_WIDTH : 12));
  const plotHeight = height - TOP - X_AXIS_HEIGHT;
  const band = data.length > 0 ? plotWidth / data.length : 0;
  const x = (index: number) => plotLeft + band * (index + 0.5);
  const y = (value: number, side: 'left' | 'right') => {
    const top = ticks[side][ticks[side].length - 1] || 1;
    return TOP + plotHeight - (value / top) * plotHeight;
  };
  const bars = series.filter((s) => s.kind === 'bar');
  const barWidth = Math.min(18, (band * 0.7) / Math.max(bars.length, 1));
  const every = labelEvery(data.length, plotWidth);

  const move = (clientX: number, box: DOMRect) => {
    if (band <= 0) return;
    const index = Math.floor((clientX - box.left - plotLeft) / band);
    setActive(index >= 0 && index < data.length ? index : null);
  };
  const keys = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    const step = event.key === 'ArrowLeft' ? -1 : 1;
    setActive((index) => Math.min(data.length - 1, Math.max(0, (index ?? data.length) + step)));
  };
  const point = active !== null ? data[active] : undefined;

  return (
    <figure className="m-0">
      <figcaption className="sr-only">{title}</figcaption>
      <div ref={ref} className="relative" style={{ height }}>
        {width > 0 && (
          <svg
            width={width}
            height={height}
            role="img"
            aria-label={title}
            tabIndex={0}
            className="rounded-lg focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none"
            onPointerMove={(e) => move(e.clientX, e.currentTarget.getBoundingClientRect())}
            onPointerLeave={() => setActive(null)}
            onKeyDown={keys}
            onBlur={() => setActive(null)}
          >
            <defs>
              {series
                .filter((s) => (s.kind ?? 'area') === 'area')
                .map((s) => (
                  <linearGradient key={s.key} id={`${id}-${s.key}`} x1="0" y1="0" x2="0" y2="1">
                    <stop offset="0%" stopColor={s.color} stopOpacity={0.28} />
                    <stop offset="100%" stopColor={s.color} stopOpacity={0.02} />
                  </linearGradient>
                ))}
            </defs>
            {ticks.left.map((tick) => (
              <g key={`l${tick}`}>
                <line
                  x1={plotLeft}
                  x2={plotLeft + plotWidth}
                  y1={y(tick, 'left')}
                  y2={y(tick, 'left')}
                  stroke="#e2e8f0"
                  strokeDasharray="3 3"
                />
                <text
                  x={plotLeft - 8}
                  y={y(tick, 'left')}
                  dy="0.32em"
                  textAnchor="end"
                  fontSize={12}
                  fill="#475569"
                >
                  {leftTick(tick)}
                </text>
              </g>
            ))}
            {hasRight &&
              ticks.right.map((tick) => (
                <text
                  key={`r${tick}`}
                  x={plotLeft + plotWidth + 8}
                  y={y(tick, 'right')}
                  dy="0.32em"
                  fontSize={12}
                  fill="#475569"
                >
                  {rightTick(tick)}
                </text>
              ))}
            <line
              x1={plotLeft}
              x2={plotLeft + plotWidth}
              y1={TOP + plotHeight}
              y2={TOP + plotHeight}
              stroke="#cbd5e1"
            />
            {data.map((p, index) =>
              index % every === 0 ? (
                <text
                  key={p.date}
                  x={x(index)}
                  y={height - 6}
                  textAnchor="middle"
                  fontSize={12}
                  fill="#475569"
                >
                  {formatDay(p.date)}
                </text>
              ) : null,
            )}
            {point && (
              <line
                x1={x(active!)}
                x2={x(active!)}
                y1={TOP}
                y2={TOP + plotHeight}
                stroke="#94a3b8"
              />
            )}
            {bars.map((s, barIndex) =>
              data.map((p, index) => {
                const top = y(valueOf(p, s.key), sideOf(s));
                const left = x(index) - (bars.length * barWidth) / 2 + barIndex * barWidth;
                const barHeight = TOP + plotHeight - top;
                return barHeight > 0 ? (
                  <rect
                    key={`${s.key}${p.date}`}
                    x={left}
                    y={top}
                    width={barWidth}
                    height={barHeight}
                    rx={Math.min(4, barWidth / 2)}
                    fill={s.color}
                  />
                ) : null;
              }),
            )}
            {series
              .filter((s) => s.kind !== 'bar')
              .map((s) => {
                const points = data.map(
                  (p, index) => `${x(index)},${y(valueOf(p, s.key), sideOf(s))}`,
                );
                if (points.length === 0) return null;
                const line = `M${points.join('L')}`;
                const base = TOP + plotHeight;
                return (
                  <g key={s.key}>
                    {(s.kind ?? 'area') === 'area' && (
                      <path
                        d={`${line}L${x(data.length - 1)},${base}L${x(0)},${base}Z`}
                        fill={`url(#${id}-${s.key})`}
                      />
                    )}
                    <path
                      d={line}
                      fill="none"
                      stroke={s.color}
                      strokeWidth={2}
                      strokeLinejoin="round"
                    />
                    {point && (
                      <circle
                        cx={x(active!)}
                        cy={y(valueOf(point, s.key), sideOf(s))}
                        r={3.5}
                        fill={s.color}
                      />
                    )}
                  </g>
                );
              })}
          </svg>
        )}
        {point && (
          <div
            role="status"
            className="pointer-events-none absolute top-2 z-10 min-w-36 rounded-xl border border-slate-200 bg-white/95 px-3 py-2 text-[13px] shadow-lg"
            style={
              x(active!) > width / 2
                ? { right: width - x(active!) + 12 }
                : { left: x(active!) + 12 }
            }
          >
            <p className="font-semibold text-slate-900">
              {formatDay(point.date, { weekday: 'short' })}
            </p>
            {series.map((s) => (
              <p key={s.key} className="flex items-center gap-2 text-slate-700">
                <span
                  aria-hidden="true"
                  className="h-2 w-2 rounded-full"
                  style={{ background: s.color }}
                />
                {s.label}:{' '}
                {(s.format ?? ((n: number) => n.toLocaleString()))(valueOf(point, s.key))}
              </p>
            ))}
          </div>
        )}
      </div>
      <ul className={LEGEND} aria-hidden="true">
        {series.map((s) => (
          <li key={s.key} className="flex items-center gap-1.5">
            <span className="h-2.5 w-2.5 rounded-full" style={{ background: s.color }} />
            {s.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}
