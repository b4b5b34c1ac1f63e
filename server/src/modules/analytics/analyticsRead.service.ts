/** Dashboard, series, funnel and attribution reads (being written). */
export class AnalyticsReadService {}
