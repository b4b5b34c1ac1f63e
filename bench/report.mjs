// The readable report and the machine-readable BENCH_RESULT line.
import { ms, ratio, round, seconds } from './stats.mjs';

export function report({ n, concurrency, pipeline, baseline }) {
  const engine =
    pipeline.engine === 'ferretdb'
      ? `FerretDB ${String(baseline.ferretdbVersion ?? '?').replace(/^v/, '')} SQLite`
      : pipeline.engine;
  const ratios = {
    ackP50: pipeline.ack.p50 / baseline.ack.p50,
    ackP99: pipeline.ack.p99 / baseline.ack.p99,
    processed: pipeline.processedMs / baseline.writesMs,
  };
  const { ack } = pipeline;

  console.log(
    [
      '',
      `webhooks  N=${n} concurrency=${concurrency} ` +
        `(${engine}, ${pipeline.responder} responder, queue concurrency ${pipeline.queueConcurrency})`,
      `  ack latency      p50 ${ms(ack.p50)}  p95 ${ms(ack.p95)}  p99 ${ms(ack.p99)}  ` +
        `max ${ms(ack.max)}  (${pipeline.acksPerSecond.toFixed(0)} acks/s)`,
      `  baseline insert  p50 ${ms(baseline.ack.p50)}  p99 ${ms(baseline.ack.p99)}` +
        `            ratio p50 ${ratio(ratios.ackP50)}  p99 ${ratio(ratios.ackP99)}`,
      `  all processed    ${seconds(pipeline.processedMs)}  ` +
        `(${pipeline.processedPerSecond.toFixed(0)} msg/s)   ` +
        `baseline writes ${seconds(baseline.writesMs)}  ` +
        `(${baseline.messagesPerSecond.toFixed(0)} msg/s, ${baseline.writesPerMessage} writes each)` +
        `   ratio ${ratio(ratios.processed)}`,
      `  checked          ${pipeline.checks.sends} sends, ${pipeline.checks.messages} messages, ` +
        `${pipeline.checks.chats} chats, ${pipeline.checks.eventsDone} events done`,
      '',
    ].join('\n'),
  );

  const result = {
    scenario: 'webhooks',
    n,
    concurrency,
    engine,
    responder: pipeline.responder,
    queueConcurrency: pipeline.queueConcurrency,
    ackMs: {
      p50: round(ack.p50),
      p95: round(ack.p95),
      p99: round(ack.p99),
      max: round(ack.max),
      mean: round(ack.mean),
    },
    acksPerSecond: round(pipeline.acksPerSecond),
    processedMs: round(pipeline.processedMs, 0),
    processedPerSecond: round(pipeline.processedPerSecond),
    baseline: {
      ackMs: { p50: round(baseline.ack.p50), p99: round(baseline.ack.p99) },
      writesMs: round(baseline.writesMs, 0),
      messagesPerSecond: round(baseline.messagesPerSecond),
      writesPerMessage: baseline.writesPerMessage,
    },
    ratios: {
      ackP50: round(ratios.ackP50, 2),
      ackP99: round(ratios.ackP99, 2),
      processed: round(ratios.processed, 2),
    },
    checks: pipeline.checks,
  };
  console.log(`BENCH_RESULT ${JSON.stringify(result)}`);
}
