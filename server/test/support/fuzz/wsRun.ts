import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { clip, describeRequest, type AnswerChecks, type Violation } from './checks';
import type { Answer, AnswerError } from './harnessClient';
import type { FuzzOperation } from './operation';
import type { RoleName } from './roles';

/**
 * The subscriptions, over graphql-ws: each on a client of its own, given 400 ms to
 * answer, then held to the HTTP rules plus the transport's own (no internal-error close,
 * no data for an invalid subscription, NOT_FOUND for another owner's chat).
 */

export interface WsTally {
  /** errors / data / closed / silent: how each subscription ended. */
  outcomes: Map<string, number>;
  samples: string[];
  violations: Violation[];
}

export interface WsRunOptions {
  url: string;
  subscriptions: FuzzOperation[];
  checks: AnswerChecks;
  tokenOf(role: RoleName): string | undefined;
  markers: Map<RoleName, string[]>;
}

const CONCURRENCY = 4;
const WINDOW_MS = 400;

export async function runSubscriptions(options: WsRunOptions): Promise<WsTally> {
  const { checks } = options;
  const tally: WsTally = { outcomes: new Map(), samples: [], violations: [] };
  const wsUrl = `${options.url.replace(/^http/, 'ws')}/graphql`;

  const runOne = async (op: FuzzOperation) => {
    const token = options.tokenOf(op.role as RoleName);
    let closeCode: number | undefined;
    const client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: token ? { token } : undefined,
      retryAttempts: 0,
      lazy: true,
      on: { closed: (event) => (closeCode = (event as { code?: number }).code) },
    });
    const begin = performance.now();
    const results: unknown[] = [];
    // Kept apart from the results: a non-array failure means the socket closed on us.
    let failure: unknown;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, WINDOW_MS);
      const finish = () => {
        clearTimeout(timer);
        resolve();
      };
      client.subscribe(op.request.body as { query: string }, {
        next: (value) => results.push(value),
        error: (error) => {
          failure = error;
          finish();
        },
        complete: finish,
      });
    });
    const ms = performance.now() - begin;
    await client.dispose();
    // Errors come as the subscription's error (validation, guards) or inside a result.
    const payloads = results as { data?: Record<string, unknown> | null; errors?: AnswerError[] }[];
    const errors = [
      ...(Array.isArray(failure) ? (failure as AnswerError[]) : []),
      ...payloads.flatMap((payload) => payload.errors ?? []),
    ];
    const data = payloads.find((payload) => payload.data)?.data ?? undefined;
    const outcome = errors.length > 0 ? 'errors' : data ? 'data' : failure ? 'closed' : 'silent';
    tally.outcomes.set(outcome, (tally.outcomes.get(outcome) ?? 0) + 1);
    const text = JSON.stringify({ errors, results, closeCode });
    tally.samples.push(
      `${outcome} ${op.kind} as ${op.role}: ${clip(text, 300)} <- ${describeRequest(op)}`,
    );
    const fake: Answer = { status: 200, text, json: { errors, data }, ms: errors.length ? ms : 0 };
    const markers = options.markers.get(op.role as RoleName) ?? [];
    // Silence is a fine answer to a subscription: an invalid one must just not deliver.
    const found = checks
      .check(op, fake, markers)
      .filter((problem) => problem.category !== 'invalid operation accepted');
    if (closeCode !== undefined && [1011, 4500].includes(closeCode)) {
      found.push(
        checks.violation(op, fake, `WebSocket closed with ${closeCode}`, 'internal error close'),
      );
    }
    if (op.expectError && data) {
      found.push(
        checks.violation(op, fake, 'invalid subscription delivered data', op.problem ?? ''),
      );
    }
    if (op.deny.some((deny) => deny.reason === 'id') && errors.length === 0) {
      found.push(
        checks.violation(
          op,
          fake,
          "another owner's chat subscribed without NOT_FOUND",
          'messageAdded',
        ),
      );
    }
    tally.violations.push(
      ...found.map((problem) => ({ ...problem, category: `ws: ${problem.category}` })),
    );
  };

  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < options.subscriptions.length) await runOne(options.subscriptions[next++]!);
    }),
  );
  return tally;
}
