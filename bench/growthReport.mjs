// Scenario "growth": the goal table of each size, each figure beside its raw-driver baseline,
// the largest size against the smallest, and the machine-readable BENCH_RESULT line.
import { ms, ratio, round } from './stats.mjs';

const MB = 1024;
const READS = {
  inbox: 'inbox first page',
  chatOpen: 'chat open',
  dashboard: 'dashboard',
  analytics30: '30-day analytics+funnel',
};
const READ_GOAL_MS = { inbox: 150, chatOpen: 150, dashboard: 150, analytics30: 300 };

function figures(result) {
  const { reads, steady, burst, memory, baseline } = result;
  const row = {
    replyP95: { app: steady.reply.p95, raw: baseline.perMessage.p95 },
    throughput: { app: burst.perSecond, raw: baseline.pipeline.messagesPerSecond },
    ackP99: { app: burst.ack.p99, raw: baseline.insert.p99 },
    serverRssMb: memory.peakRss / MB,
    ferretdbRssMb: memory.ferretdbPeakRss / MB,
  };
  for (const name of Object.keys(READS)) {
    row[name] = { app: reads[name].p95, raw: baseline.reads[name].p95 };
  }
  return row;
}

/** The goals of the issue, checked at the largest size against the smallest. */
function goals(first, last) {
  const checks = [
    ['reply p95 <= 1 s', last.replyP95.app <= 1000],
    ['reply p95 <= 1.5x the smallest', last.replyP95.app <= 1.5 * first.replyP95.app],
    ['throughput >= 20 msg/s', last.throughput.app >= 20],
    ['ack p99 <= 2x a raw insert p99', last.ackP99.app <= 2 * last.ackP99.raw],
    ['server RSS <= 400 MB', last.serverRssMb <= 400],
  ];
  for (const [name, label] of Object.entries(READS)) {
    checks.push([`${label} p95 <= ${READ_GOAL_MS[name]} ms`, last[name].app <= READ_GOAL_MS[name]]);
    if (name !== 'analytics30') {
      checks.push([`${label} p95 <= 1.5x the smallest`, last[name].app <= 1.5 * first[name].app]);
    }
  }
  return checks.map(([goal, met]) => ({ goal, met }));
}

export function reportGrowth({ engine, options, results }) {
  const rows = results.map((result) => ({ n: result.n, ...figures(result) }));
  const lines = [
    '',
    `growth  a year of a shop on ${engine}: ${options.rate} msg/s for ${options.seconds} s, ` +
      `bursts of ${options.burst}, ${options.runs} runs per read (p95; app / raw driver)`,
  ];
  for (const [index, result] of results.entries()) {
    const row = rows[index];
    const { sizes } = result;
    lines.push(
      `  ${result.n.toLocaleString('en')} chats  (${sizes.messages.toLocaleString('en')} messages, ` +
        `${sizes.events.toLocaleString('en')} inbox events, ${sizes.dayDocuments} day documents; ` +
        `seeded in ${(result.seedMs / 1000).toFixed(0)} s, server up in ${ms(result.bootMs)})`,
      `    webhook -> reply sent  ${ms(row.replyP95.app).padStart(9)}   raw writes of one message ` +
        `${ms(row.replyP95.raw)}  (${result.steady.sent}/${result.steady.count} sent)`,
      `    throughput             ${row.throughput.app.toFixed(1).padStart(6)} msg/s   raw writes ` +
        `${row.throughput.raw.toFixed(1)} msg/s  (${result.burst.sent}/${result.burst.count} in ` +
        `${ms(result.burst.spanMs)})`,
      `    webhook ack p99        ${ms(row.ackP99.app).padStart(9)}   raw insert p99 ` +
        `${ms(row.ackP99.raw)}   ratio ${ratio(row.ackP99.app / row.ackP99.raw)}`,
    );
    for (const [name, label] of Object.entries(READS)) {
      lines.push(
        `    ${label.padEnd(22)} ${ms(row[name].app).padStart(9)}   raw driver ${ms(row[name].raw)}`,
      );
    }
    lines.push(
      `    memory                 server peak ${row.serverRssMb.toFixed(0)} MB, FerretDB peak ` +
        `${row.ferretdbRssMb.toFixed(0)} MB`,
    );
    for (const problem of result.problems) lines.push(`    PROBLEM: ${problem}`);
  }
  const [first, last] = [rows[0], rows.at(-1)];
  const checked = rows.length > 1 ? goals(first, last) : [];
  if (checked.length > 0) {
    lines.push(
      `  goals at ${last.n.toLocaleString('en')} chats (against ${first.n.toLocaleString('en')}):`,
    );
    for (const { goal, met } of checked) lines.push(`    ${met ? 'met    ' : 'MISSED '} ${goal}`);
  }
  lines.push('');
  console.log(lines.join('\n'));
  const summary = rows.map((row) => {
    const rounded = { n: row.n };
    for (const [key, value] of Object.entries(row)) {
      if (key === 'n') continue;
      rounded[key] =
        typeof value === 'number'
          ? round(value)
          : {
              app: round(value.app),
              raw: round(value.raw),
              ratio: round(value.app / value.raw, 2),
            };
    }
    if (row !== first) rounded.overSmallest = overSmallest(row, first);
    return rounded;
  });
  const problems = results.flatMap((r) => r.problems.map((problem) => `${r.n}: ${problem}`));
  console.log(
    `BENCH_RESULT ${JSON.stringify({ scenario: 'growth', engine, options, sizes: summary, goals: checked, problems })}`,
  );
  if (problems.length > 0) throw new Error(`growth: ${problems.join('; ')}`);
}

function overSmallest(row, first) {
  const out = {};
  for (const key of ['replyP95', ...Object.keys(READS)]) {
    out[key] = round(row[key].app / first[key].app, 2);
  }
  return out;
}
