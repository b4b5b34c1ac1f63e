import type { Metrics } from './metrics';
import { currentScope, type PipelineStage } from './requestContext';

/** The worker handed this event to another server (shutdown): this one must not go on. */
export class JobReleased extends Error {
  constructor(stage: PipelineStage) {
    super(`released at shutdown before the ${stage} stage`);
    this.name = 'JobReleased';
  }
}

/**
 * Runs one stage of the message pipeline and records its duration. Inside an inbox job it
 * also tells the worker where the job is (only jobs that have not reached `deliver` may
 * be released at shutdown: past it, a reply may already be on its way to Meta), and stops
 * a released job at the stage boundary, before it does anything the next server will do.
 */
export async function pipelineStage<T>(
  metrics: Metrics | undefined,
  stage: PipelineStage,
  run: () => Promise<T>,
): Promise<T> {
  const job = currentScope()?.job;
  if (job) {
    if (job.released) throw new JobReleased(stage);
    job.stage = stage;
  }
  const started = performance.now();
  try {
    return await run();
  } finally {
    metrics?.pipelineStageDuration.observe({ stage }, (performance.now() - started) / 1000);
  }
}
