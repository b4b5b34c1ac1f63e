import type { Logger } from '../logger';
import { InboundEventStatus } from '../modules/webhookQueue/inboundEvent.model';
import { depthByStatus } from '../modules/webhookQueue/queueStore';
import type { QueueDepth } from './metrics';

/** Scrapes closer together than this share one count. */
const REUSE_MS = 5_000;

/**
 * Counts inbox events by status when Prometheus scrapes, rather than keeping counters in
 * step with every status change: counts read from the database are right across servers
 * and restarts, where per-process counters would drift. One `$group` pass over the work
 * list (unfinished and failed events, never the history), reused for a few seconds so
 * several scrapers do not multiply it.
 */
export function queueDepthReader(logger: Logger): () => Promise<QueueDepth | undefined> {
  let last: { at: number; depth: Promise<QueueDepth | undefined> } | undefined;
  return () => {
    if (last && Date.now() - last.at < REUSE_MS) return last.depth;
    last = { at: Date.now(), depth: count(logger) };
    return last.depth;
  };
}

async function count(logger: Logger): Promise<QueueDepth | undefined> {
  try {
    const counts = await depthByStatus();
    return {
      pending: counts.get(InboundEventStatus.PENDING) ?? 0,
      processing: counts.get(InboundEventStatus.PROCESSING) ?? 0,
      failed: counts.get(InboundEventStatus.FAILED) ?? 0,
    };
  } catch (error) {
    logger.warn({ err: error }, 'inbox depth could not be counted');
    return undefined;
  }
}
