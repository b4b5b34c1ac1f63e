// Scenario "dashboard": the readable table and the machine-readable BENCH_RESULT line.
import { QUERIES } from './dashboard.mjs';
import { ms, ratio, round } from './stats.mjs';

const pair = (summary) => `${ms(summary.p50)} / ${ms(summary.p95)}`;

export function reportDashboard({ engine, iterations, results }) {
  const byLabel = Object.fromEntries(results.map((result) => [result.label, result]));
  const base = byLabel['1x'];
  const lines = [
    '',
    `dashboard  ${iterations} runs per query, p50 / p95 (${engine})`,
    ...results.map(
      (r) =>
        `  ${r.label.padEnd(10)} ${r.sizes.days} days (${r.sizes.dayDocuments} day documents), ` +
        `${r.sizes.chats} chats, ${r.sizes.messages} messages; seeded in ` +
        `${(r.seedMs / 1000).toFixed(1)} s`,
    ),
  ];
  const queries = {};
  for (const name of Object.keys(QUERIES)) {
    lines.push(`  ${name}`);
    queries[name] = {};
    for (const result of results) {
      const [app, raw] = [result.app[name], result.baseline[name]];
      const growth = app.p50 / base.app[name].p50;
      const rawGrowth = raw.p50 / base.baseline[name].p50;
      queries[name][result.label] = {
        graphql: { p50: round(app.p50), p95: round(app.p95) },
        rawDriver: { p50: round(raw.p50), p95: round(raw.p95) },
        overRawDriver: round(app.p50 / raw.p50, 2),
        overOneX: round(growth, 2),
        rawOverOneX: round(rawGrowth, 2),
      };
      lines.push(
        `    ${result.label.padEnd(10)} GraphQL ${pair(app).padEnd(22)} raw driver ` +
          `${pair(raw).padEnd(22)} ratio ${ratio(app.p50 / raw.p50)}` +
          (result === base
            ? ''
            : `   /1x: GraphQL ${ratio(growth)}, raw driver ${ratio(rawGrowth)}`),
      );
    }
  }
  lines.push(
    '  /1x: p50 over the 1x p50 (goal < 1.5). Raw driver: the same day-document reads with the',
    '  MongoDB driver on one connection (no GraphQL, no summing); ratio: GraphQL p50 / raw p50.',
    '',
  );
  console.log(lines.join('\n'));
  const sizes = Object.fromEntries(results.map((r) => [r.label, r.sizes]));
  console.log(
    `BENCH_RESULT ${JSON.stringify({ scenario: 'dashboard', engine, iterations, sizes, queries })}`,
  );
}
