import type { Limits, PipelineOptions } from './config';

/*
 * The fixed product limits and pipeline timings: not environment variables, overridable by
 * tests (config.pipeline, config.limits).
 */

export const defaultPipeline = (): PipelineOptions => ({
  queue: { concurrency: 8, leaseMs: 60_000, maxAttempts: 5, retryBaseMs: 1000, pollMs: 1000 },
  sendMaxAttempts: 3,
  sendRetryBaseMs: 500,
  graphApiTimeoutMs: 10_000,
  // Stale past the longest a call can take: a 10 s Graph API timeout, three times, with
  // in-place waits of at most 8 s between.
  delivery: {
    staleMs: 60_000,
    retryBaseMs: 5000,
    retryMaxMs: 5 * 60_000,
    maxAttempts: 12,
    sweepMs: 2000,
  },
  aiTimeoutMs: 15_000,
  handbackSweepMs: 30_000,
  silenceSweepMs: 60 * 60 * 1000,
  campaignTestSweepMs: 30_000,
  // Under the 16 MB a database document can hold; WhatsApp's own limits are 5-100 MB.
  media: { maxBytes: 10 * 1024 * 1024, maxAttempts: 5, retryBaseMs: 5000, sweepMs: 2000 },
  alerts: {
    sweepMs: 1000,
    gapMs: 10 * 60_000,
    // Far past the longest an attempt can take (each SMTP step has its own timeout).
    leaseMs: 10 * 60_000,
    retryBaseMs: 30_000,
    retryMaxMs: 30 * 60_000,
    maxAttempts: 10,
    timeoutMs: 15_000,
    summarySweepMs: 5 * 60_000,
  },
});

export const defaultLimits: Limits = {
  maxQueryDepth: 10,
  maxIntrospectionDepth: 15,
  maxQueryComplexity: 1000,
  // The dashboard's largest operation has ~120 tokens and no aliases; at 3,000 tokens
  // graphql's own validation of the worst shapes stays under ~50 ms.
  maxQueryTokens: 3000,
  maxAliases: 50,
  maxDirectives: 50,
  maxFragments: 100,
  maxFragmentSpreads: 200,
  maxBodyBytes: 1024 * 1024,
  maxWsPayloadBytes: 64 * 1024,
  authFailuresPerEmailAndIp: 10,
  authFailuresPerEmail: 100,
  authAttemptsPerIp: 100,
  authWindowMs: 15 * 60 * 1000,
};
