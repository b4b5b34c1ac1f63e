import { writeFileSync } from 'node:fs';
import type { LogLine } from '../serverProcess';
import { clip, type Violation } from './checks';
import type { HttpTally } from './httpRun';
import { ROLE_NAMES } from './roles';
import type { WsTally } from './wsRun';

/**
 * What a run tells its reader: the one summary line, a JSON report with every distinct
 * problem (one example each, with the server's own log of it) and where the time went,
 * and the failure message, which is 'no violations' exactly when the run is clean.
 * Violations are grouped by rule, field and normalized message, so one bug hit a
 * thousand times reads as one problem.
 */

export interface FuzzRun {
  seed: number;
  startedAt: number;
  httpDoneAt: number;
  http: HttpTally;
  ws: WsTally;
  subscriptionCount: number;
  rssBaselineKb: number;
  rssEndKb: number;
  violations: Violation[];
  sessionRenewals: number;
  logs: LogLine[];
}

interface ProblemGroup {
  count: number;
  example: Violation;
  roles: Set<string>;
}

const normalize = (text: string | undefined): string =>
  clip(
    (text ?? '')
      .replace(/[0-9a-f]{24}/gi, '<id>')
      .replace(/"[^"]{40,}"/g, '"<long>"')
      .replace(/\d+/g, '#'),
    160,
  );

/** The server's own log of an unexpected error, for the request: message and first frames. */
function serverErrorFor(requestId: string, logs: LogLine[]): string | undefined {
  const line = logs.find((entry) => entry.requestId === requestId && entry.level >= 50);
  if (!line) return undefined;
  const err = line.err as { type?: string; message?: string; stack?: string } | undefined;
  const frames = (err?.stack ?? '')
    .split('\n')
    .filter((frame) => frame.includes('/server/src/'))
    .slice(0, 3)
    .map((frame) =>
      frame
        .trim()
        .replace(/^.*\/server\/src\//, 'src/')
        .replace(/\)$/, ''),
    );
  return `${line.msg}: ${err?.type ?? ''} ${err?.message ?? ''}${frames.length ? ` at ${frames.join(' < ')}` : ''}`;
}

/** Distinct problems, most frequent first. */
function groupProblems(run: FuzzRun): [string, ProblemGroup][] {
  const groups = new Map<string, ProblemGroup>();
  for (const violation of run.violations) {
    const serverLog = serverErrorFor(violation.requestId, run.logs)?.replace(/ at src\/.*$/, '');
    const key = [
      violation.category,
      violation.fieldPath,
      violation.code ?? '',
      normalize(serverLog ?? violation.message),
    ].join(' | ');
    const group = groups.get(key) ?? { count: 0, example: violation, roles: new Set<string>() };
    group.count += 1;
    group.roles.add(violation.role);
    groups.set(key, group);
  }
  return [...groups.entries()].sort((a, b) => b[1].count - a[1].count);
}

function summaryLine(run: FuzzRun, problems: number): string {
  const { http, ws, rssBaselineKb, rssEndKb } = run;
  const { slowest } = http;
  const rssChange = rssBaselineKb ? ((rssEndKb - rssBaselineKb) / rssBaselineKb) * 100 : 0;
  return (
    `schema fuzz: seed ${run.seed}, ${http.done} HTTP operations (` +
    ROLE_NAMES.map((role) => `${role} ${http.byRole.get(role) ?? 0}`).join(', ') +
    `) in ${Math.round((run.httpDoneAt - run.startedAt) / 1000)} s + ${run.subscriptionCount} over WebSocket (` +
    [...ws.outcomes].map(([outcome, count]) => `${outcome} ${count}`).join(', ') +
    '); ' +
    `5xx ${http.fiveHundreds}, INTERNAL ${http.internals}, slowest ${Math.round(slowest.ms)} ms (${slowest.rootFields.join(',') || `#${slowest.index}`}), ` +
    `RSS ${Math.round(rssBaselineKb / 1024)} MB after warm-up -> ${Math.round(rssEndKb / 1024)} MB at the end (${rssChange >= 0 ? '+' : ''}${rssChange.toFixed(1)}%); ` +
    `${run.violations.length} violations in ${problems} distinct problems; ${run.sessionRenewals} session renewals`
  );
}

/** Answer times by nearest rank, in whole ms. */
function latency(http: HttpTally) {
  const sorted = [...http.latencies].sort((a, b) => a - b);
  const rank = (share: number) =>
    Math.round(sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)] ?? 0);
  return {
    p50: rank(0.5),
    p95: rank(0.95),
    p99: rank(0.99),
    max: rank(1),
    overOneSecond: [...http.overOneSecond].sort((a, b) => Number.parseInt(b) - Number.parseInt(a)),
  };
}

/**
 * Writes the JSON report to `reportPath`; returns the summary line and the failure
 * message ('no violations' for a clean run).
 */
export function reportRun(run: FuzzRun, reportPath: string): { summary: string; verdict: string } {
  const { http, ws, logs } = run;
  const sorted = groupProblems(run);
  const summary = summaryLine(run, sorted.length);
  const report = {
    summary,
    latency: latency(http),
    slowestKinds: [...http.timings.entries()]
      .sort((a, b) => b[1].totalMs - a[1].totalMs)
      .slice(0, 40)
      .map(
        ([key, t]) =>
          `${Math.round(t.totalMs)} ms total, ${t.count}x, max ${Math.round(t.maxMs)} ms: ${key}`,
      ),
    answeredWithData: Object.fromEntries([...http.answered].sort((a, b) => b[1] - a[1])),
    refusedByServerOnly: http.stricter,
    subscriptions: ws.samples,
    problems: sorted.map(([key, group]) => ({
      key,
      count: group.count,
      roles: [...group.roles],
      serverLog: serverErrorFor(group.example.requestId, logs),
      example: group.example,
    })),
  };
  writeFileSync(reportPath, JSON.stringify(report, null, 2));

  const described = sorted.slice(0, 20).map(([key, group], position) => {
    const { example } = group;
    const serverLog = serverErrorFor(example.requestId, logs);
    return [
      `${position + 1}. [${group.count}x, ${[...group.roles].join('/')}] ${key}`,
      `   ${example.detail}`,
      `   op #${example.index} (${example.kind}) as ${example.role}, ${example.ms} ms: ${example.request}`,
      `   -> ${example.response}`,
      ...(serverLog ? [`   server log: ${serverLog}`] : []),
    ].join('\n');
  });
  const bugs = http.generatorBugs;
  const harness =
    bugs.length > 0
      ? `HARNESS BUG: the generator called ${bugs.length} invalid operations valid, e.g.\n${bugs.slice(0, 5).join('\n')}\n\n`
      : '';
  const more =
    sorted.length > 20
      ? `\n\n... and ${sorted.length - 20} more distinct problems in the report`
      : '';
  const verdict =
    run.violations.length === 0 && !harness
      ? 'no violations'
      : `${harness}${summary}\nFull report: ${reportPath}\n\n${described.join('\n\n')}${more}`;
  return { summary, verdict };
}
