import {
  Area,
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatCompact, formatDay } from '../lib/format';
import type { TimeSeriesChartProps } from './types';

// Recharts lives only in this module (and its chunk); pages reach it through ./index.
export default function TimeSeriesChart({
  data,
  series,
  title,
  height = 260,
  leftFormat,
  rightFormat,
}: TimeSeriesChartProps) {
  const hasRight = series.some((s) => s.axis === 'right');
  const leftTick = leftFormat ?? series.find((s) => s.axis !== 'right')?.format ?? formatCompact;
  const rightTick = rightFormat ?? series.find((s) => s.axis === 'right')?.format ?? formatCompact;
  const byKey = new Map(series.map((s) => [s.key, s]));
  // Without ResizeObserver (jsdom) the chart keeps a fixed size instead of failing.
  const responsive = typeof ResizeObserver !== 'undefined';

  return (
    <figure className="m-0">
      <figcaption className="sr-only">{title}</figcaption>
      <ComposedChart
        data={data}
        responsive={responsive}
        width={responsive ? undefined : 640}
        height={responsive ? undefined : height}
        style={responsive ? { width: '100%', height } : undefined}
        margin={{ top: 8, right: hasRight ? 4 : 12, bottom: 0, left: -8 }}
      >
        <defs>
          {series
            .filter((s) => (s.kind ?? 'area') === 'area')
            .map((s) => (
              <linearGradient key={s.key} id={`fill-${s.key}`} x1="0" y1="0" x2="0" y2="1">
                <stop offset="0%" stopColor={s.color} stopOpacity={0.28} />
                <stop offset="100%" stopColor={s.color} stopOpacity={0.02} />
              </linearGradient>
            ))}
        </defs>
        <CartesianGrid stroke="#e2e8f0" strokeDasharray="3 3" vertical={false} />
        <XAxis
          dataKey="date"
          tickFormatter={(d: string) => formatDay(d)}
          tick={{ fill: '#475569', fontSize: 12 }}
          tickLine={false}
          axisLine={{ stroke: '#cbd5e1' }}
          minTickGap={24}
        />
        <YAxis
          yAxisId="left"
          tickFormatter={(v: number) => leftTick(v)}
          tick={{ fill: '#475569', fontSize: 12 }}
          tickLine={false}
          axisLine={false}
          width={56}
          allowDecimals={Boolean(leftFormat)}
        />
        {hasRight && (
          <YAxis
            yAxisId="right"
            orientation="right"
            tickFormatter={(v: number) => rightTick(v)}
            tick={{ fill: '#475569', fontSize: 12 }}
            tickLine={false}
            axisLine={false}
            width={56}
          />
        )}
        <Tooltip
          labelFormatter={(d) => formatDay(String(d), { weekday: 'short' })}
          formatter={(value, name, item) => {
            const s = byKey.get(String(item.dataKey));
            const n = Number(value);
            return [s?.format ? s.format(n) : n.toLocaleString(), name];
          }}
          contentStyle={{
            borderRadius: 12,
            border: '1px solid #e2e8f0',
            boxShadow: '0 8px 24px rgb(15 23 42 / 0.08)',
            fontSize: 13,
          }}
        />
        <Legend iconType="circle" wrapperStyle={{ fontSize: 13, color: '#334155' }} />
        {series.map((s) => {
          const common = {
            dataKey: s.key,
            name: s.label,
            yAxisId: s.axis ?? 'left',
            isAnimationActive: false,
          };
          if (s.kind === 'bar') {
            return (
              <Bar key={s.key} {...common} fill={s.color} radius={[4, 4, 0, 0]} maxBarSize={18} />
            );
          }
          if (s.kind === 'line') {
            return (
              <Line
                key={s.key}
                {...common}
                type="monotone"
                stroke={s.color}
                strokeWidth={2}
                dot={false}
              />
            );
          }
          return (
            <Area
              key={s.key}
              {...common}
              type="monotone"
              stroke={s.color}
              strokeWidth={2}
              fill={`url(#fill-${s.key})`}
            />
          );
        })}
      </ComposedChart>
    </figure>
  );
}
