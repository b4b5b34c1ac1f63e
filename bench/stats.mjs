// Small helpers shared by the scenarios: a pool of async loops, percentiles, formatting.

/**
 * Runs task(0) .. task(count - 1) on `concurrency` async loops, each taking the next index
 * when its previous task finished. The first failure stops every loop from taking more and
 * is rethrown once the tasks in hand have settled.
 */
export async function runPool(count, concurrency, task) {
  let next = 0;
  let failure;
  const loop = async () => {
    while (failure === undefined && next < count) {
      const index = next++;
      try {
        await task(index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, loop));
  if (failure) throw failure.error;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** p50 / p95 / p99 / max / mean of latency samples in ms. */
/** `run` once to warm up, then `runs` times timed one after another: their summary. */
export async function timedRuns(runs, run) {
  await run();
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run();
    samples.push(performance.now() - started);
  }
  return summarize(samples);
}

export function summarize(samples) {
  const sorted = Float64Array.from(samples).sort();
  const mean = sorted.reduce((sum, value) => sum + value, 0) / (sorted.length || 1);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
    mean,
  };
}

export const round = (value, digits = 1) => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};

/** `12.3 ms` below 10 s, `12.3 s` above. */
export const ms = (value) =>
  value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(1)} ms`;

export const seconds = (value) => `${(value / 1000).toFixed(2)} s`;

export const ratio = (value) => `${value.toFixed(1)}x`;

/** Items per second over a span in ms. */
export const perSecond = (count, spanMs) => (spanMs > 0 ? (count * 1000) / spanMs : NaN);
