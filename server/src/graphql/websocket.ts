import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import {
  getOperationAST,
  specifiedRules,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLError,
  type GraphQLSchema,
} from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
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
import { DocumentCache, toGraphQLError } from './documentCache';
import { CLOSE_UNAUTHORIZED, ConnectionIndex, ExpiryTimers } from './expiryTimers';
import { SharedExecution, type Outputs } from './sharedExecution';
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
export { CLOSE_UNAUTHORIZED };
/** "Service restart": graphql-ws clients reconnect (to another server, behind a balancer). */
export const CLOSE_SERVICE_RESTART = 1012;

/** setTimeout's ceiling (~24.8 days); a longer-lived token is re-armed rather than overflowing. */
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

  /** `ip`: the caller's, for queries and mutations; a subscription's context is shared. */
  const contextOf = async (
    connection: WsConnection,
    ip?: string,
  ): Promise<SubscriptionContext> => ({
    ...(await buildContext({
      token: connection.token,
      ip,
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
    const isSubscription =
      getOperationAST(document, payload.operationName)?.operation === 'subscription';
    const contextValue = await contextOf(connection, isSubscription ? SHARED_IP : connection.ip);
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
    if (!isSubscription) {
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
