import {
  codesOf,
  describeRequest,
  pathName,
  SLOW_MS,
  type AnswerChecks,
  type Violation,
} from './checks';
import { parseJson, type Answer } from './harnessClient';
import type { FuzzOperation } from './operation';
import type { FuzzSessions, RoleName } from './roles';

/**
 * Sends the HTTP part of the fuzz: a few workers pull operations from the stream as
 * they go (so generation overlaps the server's work), send each exactly as generated,
 * with the caller's token unless the operation brings its own Authorization, check
 * every answer, renew a session an operation ended, and count what the report shows.
 */

/** What the HTTP part of a run saw. */
export interface HttpTally {
  done: number;
  byRole: Map<string, number>;
  fiveHundreds: number;
  internals: number;
  slowest: { ms: number; index: number; rootFields: string[] };
  /** Per `kind rootField`: how often, how long in all, the longest. */
  timings: Map<string, { count: number; totalMs: number; maxMs: number }>;
  /** Every answer's time, in the order answered. */
  latencies: number[];
  /** The answers slower than 1 s: time, operation, caller. */
  overOneSecond: string[];
  /** Root fields that answered with data, for valid operations. */
  answered: Map<string, number>;
  /** Requests graphql-js accepts but the server's parser or validation refused (first 50). */
  stricter: string[];
  /** Operations the generator called valid although graphql-js refuses them. */
  generatorBugs: string[];
  violations: Violation[];
}

export interface HttpRunOptions {
  url: string;
  stream: Iterator<FuzzOperation>;
  concurrency: number;
  checks: AnswerChecks;
  sessions: FuzzSessions;
  /** Per role, the strings it must never see in `data`. */
  markers: Map<RoleName, string[]>;
  /** True once the server is gone: the workers stop. */
  stopped(): boolean;
  /** Awaited after each answer, with the count so far (the memory baseline hooks in here). */
  afterAnswer(done: number): Promise<void>;
}

const SESSION_FIELDS = ['login', 'signup', 'refreshToken', 'changePassword'];

async function send(op: FuzzOperation, options: HttpRunOptions): Promise<Answer> {
  const headers: Record<string, string> = {
    'x-request-id': options.checks.requestIdOf(op.index),
    ...op.request.headers,
  };
  const token = options.sessions.tokenOf(op.role as RoleName);
  const authorization = op.request.authorization ?? (token ? `Bearer ${token}` : '');
  if (authorization) headers.authorization = authorization;
  let url = `${options.url}/graphql`;
  const init: RequestInit = { method: op.request.method, headers };
  if (op.request.method === 'GET') {
    url += `?${new URLSearchParams(op.request.params)}`;
  } else {
    headers['content-type'] = op.request.contentType ?? 'application/json';
    init.body = op.request.rawBody ?? JSON.stringify(op.request.body);
  }
  const begin = performance.now();
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(20_000) });
    const text = await response.text();
    return { status: response.status, text, json: parseJson(text), ms: performance.now() - begin };
  } catch (error) {
    return { status: 0, text: String(error), ms: performance.now() - begin };
  }
}

export async function runHttpFuzz(options: HttpRunOptions): Promise<HttpTally> {
  const { checks, sessions, stream } = options;
  const tally: HttpTally = {
    done: 0,
    byRole: new Map(),
    fiveHundreds: 0,
    internals: 0,
    slowest: { ms: 0, index: -1, rootFields: [] },
    timings: new Map(),
    latencies: [],
    overOneSecond: [],
    answered: new Map(),
    stricter: [],
    generatorBugs: [],
    violations: [],
  };

  const runOne = async (op: FuzzOperation) => {
    const first = await send(op, options);
    // A stall of the machine (the other test worker, the shared FerretDB busy) makes any
    // call slow once; a cost that grows with what was sent is slow every time. So a slow
    // answer is timed again, and the slow check keeps the faster of the two.
    const answer =
      first.ms > SLOW_MS
        ? { ...first, ms: Math.min(first.ms, (await send(op, options)).ms) }
        : first;
    const role = op.role as RoleName;
    tally.byRole.set(op.role, (tally.byRole.get(op.role) ?? 0) + 1);
    if (answer.status >= 500) tally.fiveHundreds += 1;
    if (codesOf(answer).includes('INTERNAL')) tally.internals += 1;
    if (answer.ms > tally.slowest.ms)
      tally.slowest = { ms: answer.ms, index: op.index, rootFields: op.rootFields };
    tally.latencies.push(answer.ms);
    if (answer.ms > 1_000) {
      const fields = op.rootFields.join(',') || '-';
      tally.overOneSecond.push(
        `${Math.round(answer.ms)} ms: #${op.index} ${op.kind} ${fields} as ${op.role}`,
      );
    }
    tally.violations.push(...checks.check(op, answer, options.markers.get(role) ?? []));
    // graphql-js accepted it, the server's parser or validation did not (its own caps).
    const refused = answer.json?.errors?.find((error) =>
      ['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED'].includes(
        String(error.extensions?.reason),
      ),
    );
    if (!op.expectError && refused && tally.stricter.length < 50) {
      tally.stricter.push(`${refused.message} <- ${describeRequest(op)}`);
    }
    // Which root fields answered with data: the fuzz reaches the real resolvers.
    const data = answer.json?.data;
    if (data && op.kind === 'valid') {
      for (const [key, value] of Object.entries(data)) {
        if (value === null) continue;
        const field = pathName(op, [key]);
        tally.answered.set(field, (tally.answered.get(field) ?? 0) + 1);
      }
    }
    const timingKey = `${op.kind} ${op.rootFields[0] ?? '-'}`;
    const timing = tally.timings.get(timingKey) ?? { count: 0, totalMs: 0, maxMs: 0 };
    timing.count += 1;
    timing.totalMs += answer.ms;
    timing.maxMs = Math.max(timing.maxMs, answer.ms);
    tally.timings.set(timingKey, timing);
    if (
      sessions.has(role) &&
      op.request.authorization === undefined &&
      codesOf(answer).includes('UNAUTHENTICATED') &&
      !op.rootFields.some((field) => SESSION_FIELDS.includes(field)) &&
      (await sessions.ensure(role))
    ) {
      tally.violations.push(
        checks.violation(
          op,
          answer,
          'session ended during the fuzz (the token stopped working)',
          'renewed with refreshToken or login; the operations before this one ended it',
        ),
      );
    }
    tally.done += 1;
    await options.afterAnswer(tally.done);
  };

  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      for (let item = stream.next(); !item.done && !options.stopped(); item = stream.next()) {
        const op = item.value;
        if (op.kind === 'valid' && op.expectError) {
          tally.generatorBugs.push(`${op.problem}: ${describeRequest(op)}`);
        }
        await runOne(op);
      }
    }),
  );
  return tally;
}
