import { lazy, Suspense } from 'react';
import { Skeleton } from '../components/ui';
import type { TimeSeriesChartProps } from './types';

export { Funnel, type FunnelStepData } from './Funnel';
export { HourlyHeatmap, type HourData } from './HourlyHeatmap';
export { CHART_COLORS, type Series, type TimeSeriesChartProps } from './types';

// recharts is the heaviest dependency: it loads in its own chunk, after the page shows.
const LazyTimeSeriesChart = lazy(() => import('./TimeSeriesChart'));

export function TimeSeriesChart(props: TimeSeriesChartProps) {
  const height = props.height ?? 260;
  return (
    <Suspense fallback={<Skeleton className="w-full" style={{ height }} />}>
      <LazyTimeSeriesChart {...props} />
    </Suspense>
  );
}
