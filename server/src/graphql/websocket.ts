import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import {
  getOperationAST,
  GraphQLError,
  parse,
  specifiedRules,
  createSourceEventStream,
  execute,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import jwt from 'jsonwebtoken';
import { WebSocketServer } from 'ws';
import { buildContext } from '../auth/context';
import type { Sessions } from '../auth/sessions';
import type { AppConfig } from '../config';
import type { Logger } from '../logger';
import {
  countGraphQLErrors,
  observedExecution,
  operationLabel,
} from '../observability/graphqlMetrics';
import type { Metrics } from '../observability/metrics';
import { runInScope, type RequestScope } from '../observability/requestContext';
import type { PubSub } from '../realtime/pubsub';
import type { SubscriptionContext } from '../realtime/subscription.types';
import { formatError } from './formatError';
import { guardOperation, limitRules, parseOptionsFor } from './limits';
import { SharedSubscriptions, type Selection } from './sharedSubscriptions';
import { frames, serveGraphqlWs, type WsConnection } from './wsProtocol';

interface WebSocketOptions {
  httpServer: Server;
  schema: GraphQLSchema;
  config: AppConfig;
  logger: Logger;
  /** What subscriptions listen to; it travels in each operation's context. */
  pubsub: PubSub;
  metrics: Metrics;
  sessions: Sessions;
}

/** Close codes the client acts on: 4401 means "refresh your token and reconnect". */
export const CLOSE_UNAUTHORIZED = 4401;
/** "Service restart": graphql-ws clients reconnect (to another server, behind a balancer). */
export const CLOSE_SERVICE_RESTART = 1012;

/** setTimeout's ceiling (~24.8 days); a longer-lived token is re-armed rather than overflowing. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** graphql-ws's defaults: connection_init within 3 s; a ping every 12 s. */
const CONNECTION_INIT_WAIT_MS = 3000;
const KEEP_ALIVE_MS = 12_000;
/** What a shared execution's context says for the caller's address: it has no one caller. */
const SHARED_IP = 'websocket';

/**
 * graphql-ws's protocol on the HTTP server's /graphql path (wsProtocol.ts). Apollo's
 * validation rules, CSRF check and limits do not apply to WebSocket traffic, so the same
 * checks run here.
 *
 * Authentication happens once, in connection_init (`connectionParams.token`, the access
 * JWT): a bad or expired token closes the socket with 4401; no token connects, and then
 * every operation needing a user answers UNAUTHENTICATED, as over HTTP. A socket stays
 * open only as long as its token is valid: at the token's expiry the server closes it
 * with 4401, so the client reconnects with a refreshed token and subscriptions never
 * outlive the session that opened them. Ending the session (logout, password change)
 * closes its sockets with 4401 at once, on every process.
 *
 * Queries and mutations run per operation, each in its own request scope. Subscriptions
 * are shared (sharedSubscriptions.ts): subscribers with the same document, variables and
 * scope (user id, role, email) are one execution, each event resolved and serialized once
 * for all of them. The shared execution's context holds only what its key holds: the
 * user, the pub/sub and a request id of its own, never one subscriber's address or session.
 */
export function createWebSocketServer({
  httpServer,
  schema,
  config,
  logger,
  pubsub,
  metrics,
  sessions,
}: WebSocketOptions) {
  const wsServer = new WebSocketServer({
    server: httpServer,
    path: '/graphql',
    maxPayload: config.limits.maxWsPayloadBytes,
  });
  const format = (error: GraphQLError) =>
    formatError(error.toJSON(), error, { exposeInternals: config.env === 'development', logger });
  const documents = new DocumentCache(schema, [...specifiedRules, ...limitRules(config.limits)], {
    ...parseOptionsFor(config.limits),
  });
  const observed = observedExecution(metrics);
  const shared = new SharedSubscriptions({
    inc: () => metrics.websocketSubscriptions.inc(),
    dec: () => metrics.websocketSubscriptions.dec(),
  });

  const contextOf = async (connection: WsConnection): Promise<SubscriptionContext> => ({
    ...(await buildContext({
      token: connection.token,
      ip: connection.ip,
      jwtSecret: config.jwtSecret,
      sessions,
    })),
    pubsub,
  });

  const socketsOfSession = new ConnectionIndex<string>();
  const stopClosingEnded = sessions.onEnded((sessionIds) => {
    for (const id of sessionIds) {
      for (const connection of socketsOfSession.get(id)) {
        connection.close(CLOSE_UNAUTHORIZED, 'Unauthorized: session ended');
      }
    }
  });
  const track = (connection: WsConnection, sessionId: string) => {
    // The tabs of one login present the same token: they keep one copy of it (~300 bytes).
    const [other] = socketsOfSession.get(sessionId);
    if (other && other.token === connection.token) connection.token = other.token;
    connection.sessionId = sessionId;
    socketsOfSession.add(sessionId, connection);
  };
  const untrack = (connection: WsConnection) => {
    if (connection.sessionId !== undefined) {
      socketsOfSession.remove(connection.sessionId, connection);
    }
  };
  const expiries = new ExpiryTimers();

  /** Formatted errors, counted once per subscriber they are sent to. */
  const formatted = (
    errors: readonly GraphQLError[],
    scope: RequestScope,
    name: string,
    receivers: number,
  ) => {
    // Unexpected errors are logged while formatted: under the operation's request id.
    const list = runInScope(scope, () => errors.map(format));
    for (let sent = 0; sent < receivers; sent++) countGraphQLErrors(metrics, name, list);
    return list;
  };
  /** The JSON of an `error` payload. */
  const errorsJson = (
    errors: readonly GraphQLError[],
    scope: RequestScope,
    name: string,
    receivers = 1,
  ): string => JSON.stringify(formatted(errors, scope, name, receivers));
  /** The JSON of a `next` payload. */
  const resultJson = (
    result: ExecutionResult,
    scope: RequestScope,
    name: string,
    receivers = 1,
  ): string => {
    if (!result.errors) return JSON.stringify(result);
    return JSON.stringify({ ...result, errors: formatted(result.errors, scope, name, receivers) });
  };

  async function operation(connection: WsConnection, id: string, payload: SubscribePayload) {
    const idJson = JSON.stringify(id);
    const name = operationLabel(metrics, payload.operationName);
    const refuse = (errors: readonly GraphQLError[], scope: RequestScope) =>
      connection.finish(id, [frames.error(idJson, errorsJson(errors, scope, name))]);

    const prepared = documents.get(payload.query);
    if ('errors' in prepared) return refuse(prepared.errors, { requestId: randomUUID() });
    const { document } = prepared;
    const contextValue = await contextOf(connection);
    const scope = { requestId: contextValue.requestId };
    if (!connection.isPreparing(id)) return; // completed by the client, or closed, meanwhile
    try {
      guardOperation(
        {
          schema,
          document,
          operationName: payload.operationName,
          variables: payload.variables,
          context: contextValue,
        },
        config,
      );
    } catch (error) {
      return refuse([toGraphQLError(error)], scope);
    }
    const args: ExecutionArgs = {
      schema,
      document,
      operationName: payload.operationName,
      variableValues: payload.variables,
      contextValue,
    };
    if (getOperationAST(document, payload.operationName)?.operation !== 'subscription') {
      const result = (await observed.execute(args)) as ExecutionResult;
      connection.finish(id, [
        frames.next(idJson, resultJson(result, scope, name)),
        frames.complete(idJson),
      ]);
      return;
    }
    shared.join(connection, id, selectionOf(args, payload, prepared.id, contextValue, name));
  }

  /** The shared execution of a subscription, for everyone whose selection it is. */
  function selectionOf(
    args: ExecutionArgs,
    payload: SubscribePayload,
    documentId: number | undefined,
    context: SubscriptionContext,
    name: string,
  ): Selection {
    const { user, authProblem } = context;
    const key = JSON.stringify([
      user ? ['user', user.id, user.role, user.email] : ['anonymous', authProblem ?? null],
      payload.operationName ?? null,
      canonicalJson(payload.variables ?? null),
      // A kept document's id stands for its text (the same text, the same id).
      documentId ?? payload.query,
    ]);
    // Only what the key holds; it is also the execution's request scope (its requestId).
    // Written out (no spreads): an object of fixed shape holds its fields in itself.
    const sharedContext: SubscriptionContext = {
      requestId: flat(randomUUID()),
      ip: SHARED_IP,
      user: user ? { id: user.id, email: user.email, role: user.role } : undefined,
      authProblem,
      pubsub,
    };
    const sharedArgs = {
      schema: args.schema,
      document: args.document,
      operationName: args.operationName,
      variableValues: args.variableValues,
      contextValue: sharedContext,
    };
    return new SharedExecution(key, sharedArgs, name, outputs);
  }
  const outputs: Outputs = { resultJson, errorsJson };

  const protocol = serveGraphqlWs(
    wsServer,
    {
      connect: async (connection, params) => {
        connection.token = typeof params?.token === 'string' ? params.token : undefined;
        const context = await contextOf(connection);
        // Closed while its token was checked: `closed` has run, nothing more to track.
        if (!connection.isOpen) return false;
        if (context.authProblem) {
          const what = context.authProblem === 'ended' ? 'session' : 'token';
          connection.close(CLOSE_UNAUTHORIZED, `Unauthorized: ${what} ${context.authProblem}`);
          return false;
        }
        if (context.user) expiries.add(connection);
        if (context.sessionId) track(connection, context.sessionId);
        return true;
      },
      subscribe: operation,
      closed: (connection) => {
        expiries.remove(connection);
        untrack(connection);
      },
    },
    {
      connectionInitWaitTimeoutMs: CONNECTION_INIT_WAIT_MS,
      keepAliveMs: KEEP_ALIVE_MS,
      isProduction: config.env === 'production',
      logger,
    },
  );

  return {
    wsServer,
    /** At shutdown: clients are told to reconnect, then the server closes. */
    dispose: async () => {
      stopClosingEnded();
      for (const socket of wsServer.clients) {
        socket.close(CLOSE_SERVICE_RESTART, 'Service restart');
      }
      shared.dispose();
      expiries.dispose();
      await protocol.dispose();
    },
  };
}

interface Outputs {
  resultJson(result: ExecutionResult, scope: RequestScope, name: string, receivers: number): string;
  errorsJson(
    errors: readonly GraphQLError[],
    scope: RequestScope,
    name: string,
    receivers: number,
  ): string;
}

/**
 * One selection's execution, shared by its subscribers: it subscribes once (the source
 * event stream) and executes each event once, in a request scope of its own, as graphql's
 * `subscribe` would for one subscriber. A class, not closures: it lives as long as the
 * subscription.
 */
class SharedExecution implements Selection {
  private readonly scope: RequestScope;

  constructor(
    readonly key: string,
    private readonly args: ExecutionArgs & { contextValue: SubscriptionContext },
    private readonly name: string,
    private readonly outputs: Outputs,
  ) {
    this.scope = args.contextValue;
  }

  async start(): Promise<AsyncIterator<unknown> | ExecutionResult> {
    const stream = await runInScope(this.scope, () => createSourceEventStream(this.args));
    return Symbol.asyncIterator in stream ? stream[Symbol.asyncIterator]() : stream;
  }

  next(source: AsyncIterator<unknown>): Promise<IteratorResult<unknown>> {
    // Outside the scope: nothing logs while waiting, and each promise made in a scope
    // carries it (a property more on the promise that waits, per subscription).
    return source.next();
  }

  execute(event: unknown): Promise<ExecutionResult> | ExecutionResult {
    return runInScope(this.scope, () => execute({ ...this.args, rootValue: event }));
  }

  payload(result: ExecutionResult, receivers: number): string {
    return this.outputs.resultJson(result, this.scope, this.name, receivers);
  }

  failure(error: unknown, receivers: number): string {
    const cause = error instanceof Error ? error : new Error(String(error));
    const wrapped = new GraphQLError(cause.message, { originalError: cause });
    return this.outputs.errorsJson([wrapped], this.scope, this.name, receivers);
  }
}

/**
 * Parsed and validated documents by query text: the validation rules are the same for
 * every operation, so a query text seen before is neither parsed nor validated again, and
 * every subscriber of one query shares one document. Only valid, short documents are kept,
 * the least recently used evicted first.
 */
class DocumentCache {
  private readonly documents = new Map<string, CachedDocument>();
  private nextId = 1;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly rules: readonly ValidationRule[],
    private readonly parseOptions: { maxTokens: number },
    private readonly maxEntries = 500,
    private readonly maxQueryLength = 10_000,
  ) {}

  /** The document, and `id` (unique to its text) when it is kept. */
  get(query: string): CachedDocument | { errors: readonly GraphQLError[] } {
    const cached = this.documents.get(query);
    if (cached) {
      this.documents.delete(query);
      this.documents.set(query, cached);
      return cached;
    }
    let document;
    try {
      document = parse(query, this.parseOptions);
    } catch (error) {
      return { errors: [withCode(toGraphQLError(error), 'GRAPHQL_PARSE_FAILED')] };
    }
    const errors = validate(this.schema, document, this.rules);
    if (errors.length > 0) {
      return { errors: errors.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED')) };
    }
    if (query.length > this.maxQueryLength) return { document };
    if (this.documents.size >= this.maxEntries) {
      this.documents.delete(this.documents.keys().next().value!);
    }
    const entry = { document, id: this.nextId++ };
    this.documents.set(query, entry);
    return entry;
  }
}

interface CachedDocument {
  document: DocumentNode;
  id?: number;
}

/**
 * Connections by a key (a session, an expiry): one connection is kept as itself, several
 * in a Set (a Set costs ~220 bytes, and most keys have one connection).
 */
class ConnectionIndex<K> {
  private readonly entries = new Map<K, WsConnection | Set<WsConnection>>();

  /** Adds it; true when the key is new. */
  add(key: K, connection: WsConnection): boolean {
    const entry = this.entries.get(key);
    if (!entry) {
      this.entries.set(key, connection);
      return true;
    }
    if (entry instanceof Set) entry.add(connection);
    else if (entry !== connection) this.entries.set(key, new Set([entry, connection]));
    return false;
  }

  /** Removes it; true when the key has no connection left. */
  remove(key: K, connection: WsConnection): boolean {
    const entry = this.entries.get(key);
    if (entry instanceof Set) {
      entry.delete(connection);
      if (entry.size > 1) return false;
      const [left] = entry;
      if (left) this.entries.set(key, left);
      else this.entries.delete(key);
      return !left;
    }
    if (entry === connection) this.entries.delete(key);
    return !this.entries.has(key);
  }

  get(key: K): WsConnection[] {
    const entry = this.entries.get(key);
    return entry instanceof Set ? [...entry] : entry ? [entry] : [];
  }

  /** Removes the key and gives its connections. */
  take(key: K): WsConnection[] {
    const connections = this.get(key);
    this.entries.delete(key);
    return connections;
  }

  clear(): void {
    this.entries.clear();
  }
}

/**
 * Closes each connection with 4401 when its (already verified) token expires. One timer
 * per distinct expiry second, however many sockets share it (every tab of one login).
 */
class ExpiryTimers {
  private readonly connections = new ConnectionIndex<number>();
  private readonly timers = new Map<number, NodeJS.Timeout>();

  add(connection: WsConnection): void {
    const payload = connection.token ? jwt.decode(connection.token, { json: true }) : null;
    if (typeof payload?.exp !== 'number') return;
    const expiresAt = payload.exp * 1000;
    connection.expiresAt = expiresAt;
    if (this.connections.add(expiresAt, connection)) this.arm(expiresAt);
  }

  remove(connection: WsConnection): void {
    const expiresAt = connection.expiresAt;
    if (expiresAt === undefined || !this.connections.remove(expiresAt, connection)) return;
    clearTimeout(this.timers.get(expiresAt));
    this.timers.delete(expiresAt);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.connections.clear();
  }

  private arm(expiresAt: number): void {
    const timer = setTimeout(
      () => {
        if (Date.now() < expiresAt) return this.arm(expiresAt);
        this.timers.delete(expiresAt);
        for (const connection of this.connections.take(expiresAt)) {
          connection.close(CLOSE_UNAUTHORIZED, 'Unauthorized: token expired');
        }
      },
      Math.min(Math.max(0, expiresAt - Date.now()), MAX_TIMER_MS),
    );
    this.timers.set(expiresAt, timer.unref());
  }
}

/**
 * The same string, flattened: randomUUID() builds its result from many pieces, which a
 * long-lived copy would otherwise keep (some 450 bytes instead of some 90).
 */
function flat(text: string): string {
  text.charCodeAt(0);
  return text;
}

/** JSON with object keys sorted, so equal variables give equal keys. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.keys(inner)
            .sort()
            .map((key) => [key, (inner as Record<string, unknown>)[key]]),
        )
      : inner,
  );
}

const toGraphQLError = (error: unknown): GraphQLError =>
  error instanceof GraphQLError
    ? error
    : new GraphQLError(error instanceof Error ? error.message : String(error), {
        originalError: error instanceof Error ? error : undefined,
      });

/** Tags parse and validation failures the way Apollo does over HTTP, unless already coded. */
const withCode = (error: GraphQLError, code: string): GraphQLError =>
  error.extensions.code
    ? error
    : new GraphQLError(error.message, {
        nodes: error.nodes,
        source: error.source,
        positions: error.positions,
        path: error.path,
        originalError: error.originalError,
        extensions: { ...error.extensions, code },
      });
