export { Funnel, type FunnelStepData } from './Funnel';
export { HourlyHeatmap, type HourData } from './HourlyHeatmap';
export { TimeSeriesChart } from './TimeSeriesChart';
export { CHART_COLORS, type Series, type TimeSeriesChartProps } from './types';
