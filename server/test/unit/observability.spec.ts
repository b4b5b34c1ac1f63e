import { isLoopback } from '../../src/http/metrics';
import { LabelLimiter, Metrics } from '../../src/observability/metrics';
import { JobReleased, pipelineStage } from '../../src/observability/pipelineStages';
import {
  currentScope,
  requestIdFrom,
  runInScope,
  type JobState,
} from '../../src/observability/requestContext';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

test.each([
  ['127.0.0.1', true],
  ['127.10.20.30', true],
  ['::1', true],
  ['::ffff:127.0.0.1', true],
  ['192.0.2.2', false],
  ['::ffff:192.0.2.2', false],
  ['fd00::2', false],
  ['1127.0.0.1', false],
  ['127.0.0.1.example.com', false],
  ['', false],
  [undefined, false],
])('/metrics without a token: is %p loopback? %p', (address, expected) => {
  expect(isLoopback(address)).toBe(expected);
});

test('an incoming request id is kept when sane, replaced otherwise', () => {
  expect(requestIdFrom('abc-123')).toBe('abc-123');
  expect(requestIdFrom('Root=1-5759e988-bd862e3fe1be46a994272793')).toBe(
    'Root=1-5759e988-bd862e3fe1be46a994272793',
  );
  for (const insane of [undefined, '', 'has space', '{"level":60}', 'x'.repeat(129), 'a\nb']) {
    expect(requestIdFrom(insane)).toMatch(UUID);
  }
});

test('a label takes at most `max` distinct values, then "other"', () => {
  const limiter = new LabelLimiter(2);
  expect(['a', 'b', 'c', 'a', 'd'].map((value) => limiter.value(value))).toEqual([
    'a',
    'b',
    'other',
    'a',
    'other',
  ]);
});

test('each app has its own registry: two in one process neither clash nor mix', async () => {
  const one = new Metrics();
  const two = new Metrics();
  one.sendFailures.inc({ platform: 'facebook' });
  expect((await one.exposition()).body).toContain(
    'salesdesk_send_failures_total{platform="facebook"} 1',
  );
  expect((await two.exposition()).body).not.toContain('platform="facebook"');
});

test('inbox depth is reported when known, and left out (not zero) when the count failed', async () => {
  const metrics = new Metrics({ defaultMetrics: false });
  metrics.countQueueWith(async () => ({ pending: 3, processing: 1, failed: 0 }));
  const known = (await metrics.exposition()).body;
  expect(known).toContain('salesdesk_inbox_events{status="pending"} 3');
  expect(known).toContain('salesdesk_inbox_events{status="failed"} 0');
  metrics.countQueueWith(async () => undefined);
  expect((await metrics.exposition()).body).not.toContain('salesdesk_inbox_events{');
});

describe('pipeline stages', () => {
  test('inside a job: the worker sees the stage; a released job stops at the next one', async () => {
    const metrics = new Metrics({ defaultMetrics: false });
    const job: JobState = { released: false };
    const ran: string[] = [];
    await runInScope({ requestId: 'event-1', job }, async () => {
      await pipelineStage(metrics, 'reply', async () => {
        expect(job.stage).toBe('reply');
        expect(currentScope()?.requestId).toBe('event-1');
        ran.push('reply');
        job.released = true; // shutdown hands the event back meanwhile
      });
      await expect(
        pipelineStage(metrics, 'deliver', async () => ran.push('deliver')),
      ).rejects.toBeInstanceOf(JobReleased);
    });
    expect(ran).toEqual(['reply']);
    const body = (await metrics.exposition()).body;
    expect(body).toContain('salesdesk_pipeline_stage_duration_seconds_count{stage="reply"} 1');
    expect(body).not.toContain('stage="deliver"');
  });

  test('outside a job (simulator, GraphQL) stages are only timed', async () => {
    const metrics = new Metrics({ defaultMetrics: false });
    expect(await pipelineStage(metrics, 'ingest', async () => 42)).toBe(42);
    const body = (await metrics.exposition()).body;
    expect(body).toContain('salesdesk_pipeline_stage_duration_seconds_count{stage="ingest"} 1');
  });
});
