export interface Series {
  /** The field of each data point */
  key: string;
  label: string;
  /** A CSS colour */
  color: string;
  kind?: 'area' | 'line' | 'bar';
  /** Right axis: a second unit (revenue beside messages) */
  axis?: 'left' | 'right';
  format?: (value: number) => string;
}

export interface TimeSeriesChartProps {
  /** One point per day, oldest first; `date` is YYYY-MM-DD */
  data: ({ date: string } & Record<string, number | string>)[];
  series: Series[];
  /** Read by screen readers: what the chart shows */
  title: string;
  height?: number;
  /** Tick format of the left axis (the first left series' format by default) */
  leftFormat?: (value: number) => string;
  rightFormat?: (value: number) => string;
}

/** Readable on white at 4.5:1 or better, distinct from each other. */
export const CHART_COLORS = {
  indigo: '#4f46e5',
  fuchsia: '#c026d3',
  emerald: '#047857',
  amber: '#b45309',
  sky: '#0369a1',
  rose: '#be123c',
  slate: '#475569',
} as const;
