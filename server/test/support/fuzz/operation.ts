/**
 * What the generator and the harness agree on: the callers an operation is generated
 * for (with the ids each may and may not reach), and the operation itself, carrying the
 * request to send and what its answer must show.
 */

export interface IdPool {
  user: string[];
  campaign: string[];
  chat: string[];
  message: string[];
}

export const emptyPool = (): IdPool => ({ user: [], campaign: [], chat: [], message: [] });

export interface FuzzRole {
  name: string;
  authenticated: boolean;
  isAdmin: boolean;
  /** The caller's own ids: valid targets. */
  own: IdPool;
  /** Someone else's ids: an owner must get NOT_FOUND (or FORBIDDEN for userId), never data. */
  other: IdPool;
  /** Facebook Page ids and Page tokens of the caller's connected channels. */
  pageIds: string[];
  pageTokens: string[];
}

export interface FuzzConfig {
  seed: number;
  count: number;
  roles: FuzzRole[];
  /** Share of operations made invalid on purpose (default 0.5). */
  invalidShare?: number;
  /** Dates are generated around this instant (fixed, for determinism). */
  epochMs?: number;
}

export interface FuzzRequest {
  method: 'POST' | 'GET';
  /** The JSON body of a POST (serialized by the sender). */
  body?: unknown;
  /** The exact body text, instead of `body`. */
  rawBody?: string;
  /** Defaults to application/json. */
  contentType?: string;
  /** GET: query string parameters. */
  params?: Record<string, string>;
  headers?: Record<string, string>;
  /** Replaces the role's `Authorization` header ('' sends none). */
  authorization?: string;
}

/** A root field that must carry no data: it was aimed at someone else's document. */
export interface DenyCheck {
  /** Response key (alias or field name). */
  key: string;
  field: string;
  /** `id`: another owner's document id (NOT_FOUND expected); `userId`: acting for another user (FORBIDDEN expected). */
  reason: 'id' | 'userId';
  allowForbidden: boolean;
}

export interface FuzzOperation {
  index: number;
  role: string;
  /** `valid`, or the kind of invalidity built in. */
  kind: string;
  rootFields: string[];
  request: FuzzRequest;
  /** GraphQL (or HTTP) itself must refuse it: the answer must carry an error. */
  expectError: boolean;
  /** Why it must be refused, when it must. */
  problem?: string;
  deny: DenyCheck[];
}
