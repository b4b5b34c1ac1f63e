import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * What a log line learns from where it was written: the HTTP request, WebSocket operation
 * or inbox job it belongs to. Carried by AsyncLocalStorage so no function has to pass it
 * on; the logger's mixin (logger.ts) adds `requestId` to every line written inside.
 */
export interface RequestScope {
  requestId: string;
  /** Set for inbox jobs: the worker's view of the event it is handling. */
  job?: JobState;
}

/** The pipeline stages a job goes through, in order (see pipeline/pipeline.ts). */
export type PipelineStage = 'ingest' | 'reply' | 'deliver' | 'record';

/**
 * One inbox event being handled. The worker reads `stage` at shutdown to decide whether
 * the event may be handed to another server; `released` stops this one at its next stage.
 */
export interface JobState {
  stage?: PipelineStage;
  released: boolean;
}

const storage = new AsyncLocalStorage<RequestScope>();

export function runInScope<T>(scope: RequestScope, run: () => T): T {
  return storage.run(scope, run);
}

export const currentScope = (): RequestScope | undefined => storage.getStore();

/**
 * An incoming X-Request-Id is kept when it looks like an id (a proxy or the client made
 * it, and following one request across services is the point); anything else, including
 * values that could forge log structure, is replaced.
 */
export function requestIdFrom(incoming: string | undefined): string {
  return incoming && /^[A-Za-z0-9._:/+=-]{1,128}$/.test(incoming) ? incoming : randomUUID();
}
