// Scenario "fanout": a clock shared by threads, a forced GC and memory snapshots.
import v8 from 'node:v8';
import vm from 'node:vm';

/**
 * Milliseconds (µs resolution) on the process's monotonic clock: unlike performance.now(),
 * whose origin is per thread, the same clock in the main thread and in the clients' worker.
 */
export const nowMs = () => Number(process.hrtime.bigint() / 1000n) / 1000;

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

let collect;
/**
 * `gc` of this thread: the global one under `node --expose-gc`, else exposed at run time
 * (V8's flag, then a fresh context that has it); null if neither works.
 */
export function gcFunction() {
  if (collect !== undefined) return collect;
  if (typeof globalThis.gc === 'function') return (collect = globalThis.gc);
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc');
    collect = typeof gc === 'function' ? gc : null;
  } catch {
    collect = null;
  }
  return collect;
}

/**
 * rss (the whole process) and heapUsed (this thread's isolate only), after two full
 * collections when a GC can be forced.
 */
export async function memorySnapshot() {
  const gc = gcFunction();
  if (gc) {
    gc();
    await sleep(100);
    gc();
    await sleep(100);
  }
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed, gc: Boolean(gc) };
}

/** Polls `probe` every 10 ms until it returns true; false once `timeoutMs` has passed. */
export async function until(probe, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (probe()) return true;
    if (Date.now() > deadline) return false;
    await sleep(10);
  }
}
