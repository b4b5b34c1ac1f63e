/**
 * The harness's own line to the server under fuzz (seeding, session renewal, the
 * sentinel reads and the known-bug checks), as opposed to the fuzz's operations: it
 * always sends from HARNESS_IP, so the server's per-address limits keep the two apart,
 * and it keeps the whole answer, text and timing included, for the checks.
 */

/** The harness's own requests (seeding, re-login) come from another address than the fuzz's. */
export const HARNESS_IP = '10.99.0.1';

export interface AnswerError {
  message?: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

/** One HTTP answer as the checks read it; status 0 when no answer came. */
export interface Answer {
  status: number;
  text: string;
  json?: { data?: Record<string, unknown> | null; errors?: AnswerError[] };
  ms: number;
}

export function parseJson(text: string): Answer['json'] {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Answer['json'])
      : undefined;
  } catch {
    return undefined;
  }
}

export interface HarnessClient {
  post(
    body: unknown,
    options?: { token?: string; headers?: Record<string, string> },
  ): Promise<Answer>;
  /** A request that must succeed: its data, or a thrown error with the answer. */
  must<T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown>,
    token?: string,
  ): Promise<T>;
}

export function harnessClient(url: string): HarnessClient {
  const post: HarnessClient['post'] = async (body, options = {}) => {
    const started = performance.now();
    const attempt = () =>
      fetch(`${url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-forwarded-for': HARNESS_IP,
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...options.headers,
        },
        body: JSON.stringify(body),
      });
    // A kept-alive socket the server closed while idle fails the first try: try once more.
    const response = await attempt().catch(attempt);
    const text = await response.text();
    return {
      status: response.status,
      text,
      json: parseJson(text),
      ms: performance.now() - started,
    };
  };
  return {
    post,
    async must<T>(query: string, variables: Record<string, unknown>, token?: string) {
      const answer = await post({ query, variables }, { token });
      if (!answer.json?.data || answer.json.errors) {
        throw new Error(`seeding failed: ${query}\n${answer.status} ${answer.text.slice(0, 2000)}`);
      }
      return answer.json.data as T;
    },
  };
}
