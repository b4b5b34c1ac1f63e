import type { Answer, AnswerError } from './harnessClient';
import type { FuzzOperation } from './operation';

/**
 * The rules every answer must keep, whatever was sent: a coded client error or data,
 * never a 5xx, INTERNAL or an uncoded error, no stack trace or file path, never slower
 * than 2 s, a refusal wherever GraphQL itself must refuse, and no data of another owner
 * (by deny check and by marker). Each broken rule becomes a Violation, with what the
 * report needs to group it and to replay it.
 */

export const SLOW_MS = 2_000;

const CLIENT_CODES = new Set([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'RATE_LIMITED',
]);
const LEAK = /\.ts:\d+|\.js:\d+|\/work\/|node_modules|stacktrace/i;

export interface Violation {
  category: string;
  detail: string;
  index: number;
  role: string;
  kind: string;
  rootFields: string[];
  /** Where the problem is: the root field (aliases resolved) and the path below it. */
  fieldPath: string;
  status: number;
  code?: string;
  message?: string;
  ms: number;
  requestId: string;
  request: string;
  response: string;
}

export const clip = (text: string, max: number): string =>
  text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;

export function describeRequest(op: FuzzOperation): string {
  const { request } = op;
  if (request.method === 'GET') return `GET ${clip(JSON.stringify(request.params), 600)}`;
  const auth =
    request.authorization !== undefined
      ? ` [authorization: ${clip(request.authorization, 40)}]`
      : '';
  const type = request.contentType ? ` [content-type: ${request.contentType}]` : '';
  if (request.rawBody !== undefined)
    return `POST raw${type}${auth} ${clip(JSON.stringify(request.rawBody), 600)}`;
  return `POST${type}${auth} ${clip(JSON.stringify(request.body), 900)}`;
}

export function codesOf(answer: Answer): string[] {
  return (answer.json?.errors ?? []).map((error) => String(error.extensions?.code ?? '(none)'));
}

/** `["r1", "items", 0, "customerProfileAlias3"]` -> `chats.items.customerProfile`. */
export function pathName(op: FuzzOperation, path: (string | number)[]): string {
  const [head, ...rest] = path;
  const position = /^r(\d+)$/.exec(String(head));
  const root = (position && op.rootFields[Number(position[1])]) ?? String(head ?? op.kind);
  const below = rest.filter((part): part is string => typeof part === 'string');
  return [root, ...below].map((part) => part.replace(/Alias\d+$/, '')).join('.');
}

/** A problem of the whole run (the process died, memory, sentinels), not of one answer. */
export const runViolation = (category: string, detail: string): Violation => ({
  category,
  detail,
  index: -1,
  role: '-',
  kind: '-',
  rootFields: [],
  fieldPath: '-',
  status: 0,
  ms: 0,
  requestId: '-',
  request: '-',
  response: '-',
});

export type AnswerChecks = ReturnType<typeof answerChecks>;

/** The checks of one run: request ids name the seed, so a log line leads back to its run. */
export function answerChecks(seed: number) {
  const requestIdOf = (index: number) => `fuzz-${seed}-${index}`;

  function violation(
    op: FuzzOperation,
    answer: Answer,
    category: string,
    detail: string,
    error: AnswerError | undefined = answer.json?.errors?.[0],
  ): Violation {
    return {
      category,
      detail,
      index: op.index,
      role: op.role,
      kind: op.kind,
      rootFields: op.rootFields,
      fieldPath: error?.path
        ? pathName(op, error.path)
        : error
          ? `(request: ${op.kind})`
          : [...new Set(op.rootFields)].join(',') || op.kind,
      status: answer.status,
      code: error?.extensions?.code,
      message: error?.message,
      ms: Math.round(answer.ms),
      requestId: requestIdOf(op.index),
      request: describeRequest(op),
      response: clip(answer.text.trim(), 1200),
    };
  }

  /** Every rule an answer must keep, as violations. */
  function check(op: FuzzOperation, answer: Answer, forbiddenMarkers: string[]): Violation[] {
    const found: Violation[] = [];
    const errors = answer.json?.errors ?? [];
    const add = (category: string, detail: string, error?: AnswerError) =>
      found.push(violation(op, answer, category, detail, error ?? errors[0]));

    if (answer.status === 0) add('no answer', answer.text);
    if (answer.status >= 500) add('HTTP 5xx', `status ${answer.status}`);
    for (const error of errors) {
      const code = error.extensions?.code;
      if (code === 'INTERNAL')
        add('INTERNAL error', `path ${JSON.stringify(error.path ?? [])}`, error);
      else if (code === undefined)
        add('error without a code', clip(String(error.message), 200), error);
      else if (!CLIENT_CODES.has(code)) add('unexpected error code', code, error);
    }
    if (LEAK.test(answer.text))
      add('stack trace or file path', String(LEAK.exec(answer.text)?.[0]));
    if (answer.ms > SLOW_MS) add('slower than 2 s', `${Math.round(answer.ms)} ms`);
    if (answer.status >= 200 && answer.status < 300 && !answer.json) add('2xx without JSON', '');
    if (op.expectError && answer.status > 0 && answer.status < 400 && errors.length === 0) {
      add('invalid operation accepted', op.problem ?? '');
    }
    const data = answer.json?.data;
    for (const deny of op.deny) {
      const value = data?.[deny.key];
      const mine = errors.filter((error) => error.path?.[0] === deny.key);
      if (value !== null && value !== undefined) {
        add(
          deny.reason === 'id'
            ? "another owner's id answered with data (NOT_FOUND expected)"
            : "another user's userId answered with data (FORBIDDEN expected)",
          `${deny.field}: ${clip(JSON.stringify(value), 200)}`,
        );
      } else if (!deny.allowForbidden) {
        const forbidden = mine.find((error) => error.extensions?.code === 'FORBIDDEN');
        if (forbidden)
          add(
            "another owner's id answered FORBIDDEN (existence leaks; NOT_FOUND expected)",
            deny.field,
            forbidden,
          );
      }
    }
    if (data && forbiddenMarkers.length > 0) {
      const text = JSON.stringify(data);
      const leaked = forbiddenMarkers.find((marker) => text.includes(marker));
      if (leaked) add("another account's data in the answer", `contains ${leaked}`);
    }
    return found;
  }

  return { requestIdOf, violation, check };
}
