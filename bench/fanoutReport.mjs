// Scenario "fanout": the readable table and the machine-readable BENCH_RESULT line.
import { ms, ratio as times, round } from './stats.mjs';

/** A ratio, or n/a when the baseline figure is zero (e.g. rss grew by less than a page). */
const ratio = (value) => (Number.isFinite(value) ? times(value) : 'n/a');
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const pad = (text, width) => String(text).padStart(width);
const row = (label, cells) =>
  `    ${label.padEnd(12)}${cells.map((cell) => pad(cell, 11)).join('')}`;

const latency = (summary) => ({
  count: summary.count,
  p50: round(summary.p50),
  p95: round(summary.p95),
  p99: round(summary.p99),
  max: round(summary.max),
  mean: round(summary.mean),
});
const bytes = (perConnection) => ({
  serverHeap: Math.round(perConnection.serverHeap),
  clientHeap: Math.round(perConnection.clientHeap),
  rss: Math.round(perConnection.rss),
});

/** Prints the table and BENCH_RESULT; throws, after printing, if a check failed. */
export function reportFanout(result) {
  const lines = [
    '',
    `fanout  M=${result.messages} messages ${result.gapMs} ms apart, S subscribers of user A + ` +
      `S other users (${result.engine}, ${result.responder} responder, ${result.pubsub} pub/sub, ` +
      `${result.gcForced ? 'GC forced before each memory reading' : 'no forced GC'})`,
  ];
  for (const { requested, ran } of result.capped) {
    lines.push(`  S=${requested} capped to S=${ran}: ulimit -n is ${result.openFilesLimit}`);
  }
  for (const run of result.runs) {
    const { s, salesdesk: sd, baseline: bw, ratios } = run;
    const figures = (side) => [
      ms(side.latency.p50),
      ms(side.latency.p95),
      ms(side.latency.p99),
      ms(side.latency.max),
      kb(side.perConnection.serverHeap),
      kb(side.perConnection.rss),
    ];
    lines.push(
      `  S=${s}  (${2 * s} connections; ack to receipt over ${sd.checks.expected} ` +
        `subscriber x message pairs; memory per idle connection)`,
      row('', ['p50', 'p95', 'p99', 'max', 'heap/conn', 'rss/conn']),
      row('salesdesk', figures(sd)),
      row('bare ws', figures(bw)),
      row('ratio', [
        ratio(ratios.p50),
        ratio(ratios.p95),
        ratio(ratios.p99),
        '',
        ratio(ratios.serverHeapPerConnection),
        ratio(ratios.rssPerConnection),
      ]),
      `    salesdesk split: ack to publish p50 ${ms(sd.ackToPublish.p50)} ` +
        `p99 ${ms(sd.ackToPublish.p99)} (pipeline); publish to receipt p50 ${ms(sd.fanout.p50)} ` +
        `p95 ${ms(sd.fanout.p95)} p99 ${ms(sd.fanout.p99)} (fan-out: ` +
        `${ratio(ratios.fanoutP50)} / ${ratio(ratios.fanoutP95)} / ${ratio(ratios.fanoutP99)} ` +
        `bare ws p50 / p95 / p99); ` +
        `${sd.checks.chatReads} ChatModel.findById calls ` +
        `(${(sd.checks.chatReads / sd.checks.expected).toFixed(2)} per delivery)`,
      `    all delivered    salesdesk ${ms(sd.spanMs)} from first ack, bare ws ${ms(bw.spanMs)}; ` +
        `clients opened in ${ms(sd.openMs)} / ${ms(bw.openMs)}; webhook ack p50 ` +
        `${ms(sd.webhookAck.p50)}`,
      `    checked          ${sd.checks.deliveries} of ${sd.checks.expected} delivered, other ` +
        `users got ${sd.checks.otherUsersEvents} events, ${sd.checks.errors} errors, ` +
        `${sd.checks.serverClosed} closed by the server; ${sd.checks.chats} chats, ` +
        `${sd.checks.eventsDone} events done, ${sd.checks.sends} sends`,
    );
  }
  for (const warning of result.warnings) lines.push(`  node warning: ${warning}`);
  lines.push('');
  console.log(lines.join('\n'));

  const json = {
    scenario: 'fanout',
    messages: result.messages,
    gapMs: result.gapMs,
    engine: result.engine,
    responder: result.responder,
    pubsub: result.pubsub,
    queueConcurrency: result.queueConcurrency,
    gcForced: result.gcForced,
    openFilesLimit: Number.isFinite(result.openFilesLimit) ? result.openFilesLimit : null,
    capped: result.capped,
    runs: result.runs.map(({ s, salesdesk: sd, baseline: bw, ratios }) => ({
      s,
      salesdesk: {
        latencyMs: latency(sd.latency),
        ackToPublishMs: latency(sd.ackToPublish),
        publishToReceiptMs: latency(sd.fanout),
        webhookAckMs: latency(sd.webhookAck),
        bytesPerConnection: bytes(sd.perConnection),
        openMs: round(sd.openMs, 0),
        spanMs: round(sd.spanMs, 0),
        checks: sd.checks,
      },
      baseline: {
        latencyMs: latency(bw.latency),
        bytesPerConnection: bytes(bw.perConnection),
        openMs: round(bw.openMs, 0),
        spanMs: round(bw.spanMs, 0),
        checks: bw.checks,
      },
      ratios: Object.fromEntries(
        Object.entries(ratios).map(([key, value]) => [key, round(value, 2)]),
      ),
    })),
    warnings: result.warnings,
    problems: result.problems,
  };
  console.log(`BENCH_RESULT ${JSON.stringify(json)}`);

  if (result.problems.length > 0) {
    throw new Error(`fanout check failed:\n  - ${result.problems.join('\n  - ')}`);
  }
}
