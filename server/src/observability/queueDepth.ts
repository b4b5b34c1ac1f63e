import type { Logger } from '../logger';
import { InboundEventModel, InboundEventStatus } from '../modules/webhookQueue/inboundEvent.model';
import type { QueueDepth } from './metrics';

/** Scrapes closer together than this share one count. */
const REUSE_MS = 5_000;

/**
 * Counts inbox events by status when Prometheus scrapes, rather than keeping counters in
 * step with every status change: counts read from the database are right across servers
 * and restarts, where per-process counters would drift. One `$group` pass per scrape
 * (FerretDB computes a `$group`'s first accumulator correctly, and `$sum` is the only one),
 * reused for a few seconds so several scrapers do not multiply it. On FerretDB the pass
 * reads every inbox document (done ones too) over the server's single connection, which
 * is fine for moderate inboxes; on MongoDB the `{status, nextAttemptAt}` index serves it.
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
  const depth: QueueDepth = { pending: 0, processing: 0, failed: 0 };
  try {
    const groups = await InboundEventModel.aggregate<{ _id: string; count: number }>([
      {
        $match: {
          status: {
            $in: [
              InboundEventStatus.PENDING,
              InboundEventStatus.PROCESSING,
              InboundEventStatus.FAILED,
            ],
          },
        },
      },
      { $group: { _id: '$status', count: { $sum: 1 } } },
    ]).exec();
    for (const group of groups) {
      if (group._id in depth) depth[group._id as keyof QueueDepth] = group.count;
    }
    return depth;
  } catch (error) {
    logger.warn({ err: error }, 'inbox depth could not be counted');
    return undefined;
  }
}
