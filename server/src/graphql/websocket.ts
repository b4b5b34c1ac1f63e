import type { Server } from 'node:http';
import {
  GraphQLError,
  parse,
  specifiedRules,
  validate,
  type ExecutionArgs,
  type GraphQLSchema,
} from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import jwt from 'jsonwebtoken';
import { WebSocketServer, type WebSocket } from 'ws';
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
import { runInScope } from '../observability/requestContext';
import type { PubSub } from '../realtime/pubsub';
import type { SubscriptionContext } from '../realtime/subscription.types';
import { formatError } from './formatError';
import { guardOperation, limitRules, parseOptionsFor } from './limits';

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

/**
 * graphql-ws on the HTTP server's /graphql path. Apollo's validation rules, CSRF check
 * and limits do not apply to WebSocket traffic, so the same checks run here.
 *
 * Authentication happens once, in connection_init (`connectionParams.token`, the access
 * JWT): a bad or expired token closes the socket with 4401; no token connects, and then
 * every operation needing a user answers UNAUTHENTICATED, as over HTTP. A socket stays
 * open only as long as its token is valid: at the token's expiry the server closes it
 * with 4401, so the client reconnects with a refreshed token and subscriptions never
 * outlive the session that opened them. Ending the session (logout, password change)
 * closes its sockets with 4401 at once, on every process.
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
  const rules = [...specifiedRules, ...limitRules(config.limits)];
  const format = (error: GraphQLError) =>
    formatError(error.toJSON(), error, { exposeInternals: config.env === 'development', logger });

  const tokenOf = (connectionParams?: Readonly<Record<string, unknown>>): string | undefined =>
    typeof connectionParams?.token === 'string' ? connectionParams.token : undefined;
  const contextOf = async (ctx: {
    connectionParams?: Readonly<Record<string, unknown>>;
    extra: { request: { socket: { remoteAddress?: string } } };
  }): Promise<SubscriptionContext> => ({
    ...(await buildContext({
      token: tokenOf(ctx.connectionParams),
      ip: ctx.extra.request.socket.remoteAddress,
      jwtSecret: config.jwtSecret,
      sessions,
    })),
    pubsub,
  });

  const socketsOfSession = new Map<string, Set<WebSocket>>();
  const stopClosingEnded = sessions.onEnded((sessionIds) => {
    for (const id of sessionIds) {
      for (const socket of socketsOfSession.get(id) ?? []) {
        socket.close(CLOSE_UNAUTHORIZED, 'Unauthorized: session ended');
      }
    }
  });
  const track = (socket: WebSocket, sessionId: string) => {
    const sockets = socketsOfSession.get(sessionId) ?? new Set<WebSocket>();
    sockets.add(socket);
    socketsOfSession.set(sessionId, sockets);
    socket.once('close', () => {
      sockets.delete(socket);
      if (sockets.size === 0) socketsOfSession.delete(sessionId);
    });
  };

  const nameOf = (payload: { operationName?: string | null }) =>
    operationLabel(metrics, payload.operationName);

  const cleanup = useServer(
    {
      schema,
      // Each operation runs in its own request scope (its context's requestId) and is timed.
      ...observedExecution(metrics),
      connectionInitWaitTimeout: 3000,
      onConnect: async (ctx) => {
        const context = await contextOf(ctx);
        if (context.authProblem) {
          const what = context.authProblem === 'ended' ? 'session' : 'token';
          ctx.extra.socket.close(
            CLOSE_UNAUTHORIZED,
            `Unauthorized: ${what} ${context.authProblem}`,
          );
          return false;
        }
        if (context.user) closeAtExpiry(ctx.extra.socket, tokenOf(ctx.connectionParams));
        if (context.sessionId) track(ctx.extra.socket, context.sessionId);
        return true;
      },
      onSubscribe: async (ctx, _id, payload) => {
        let document;
        try {
          document = parse(payload.query, parseOptionsFor(config.limits));
        } catch (error) {
          return [withCode(toGraphQLError(error), 'GRAPHQL_PARSE_FAILED')];
        }
        const errors = validate(schema, document, rules);
        if (errors.length > 0)
          return errors.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED'));
        const contextValue = await contextOf(ctx);
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
          return [toGraphQLError(error)];
        }
        const args: ExecutionArgs = {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables,
          contextValue,
        };
        return args;
      },
      onError: (_ctx, _id, payload, errors) => {
        const formatted = errors.map(format);
        countGraphQLErrors(metrics, nameOf(payload), formatted);
        return formatted;
      },
      onNext: (_ctx, _id, payload, args, result) => {
        const raw = result.errors;
        if (!raw) return result;
        // Unexpected errors are logged while formatted: under the operation's request id.
        const requestId = (args.contextValue as SubscriptionContext).requestId;
        const errors = runInScope({ requestId }, () => raw.map(format));
        countGraphQLErrors(metrics, nameOf(payload), errors);
        return { ...result, errors };
      },
    },
    wsServer,
  );
  return {
    wsServer,
    /** At shutdown: clients are told to reconnect, then the server closes. */
    dispose: async () => {
      stopClosingEnded();
      for (const socket of wsServer.clients) {
        socket.close(CLOSE_SERVICE_RESTART, 'Service restart');
      }
      await cleanup.dispose();
    },
  };
}

/** Closes the socket with 4401 when its (already verified) token expires. */
function closeAtExpiry(socket: WebSocket, token: string | undefined): void {
  const payload = token ? jwt.decode(token, { json: true }) : null;
  if (typeof payload?.exp !== 'number') return;
  const expiresAt = payload.exp * 1000;
  let timer: NodeJS.Timeout;
  const arm = () => {
    timer = setTimeout(
      () => {
        if (Date.now() < expiresAt) arm();
        else socket.close(CLOSE_UNAUTHORIZED, 'Unauthorized: token expired');
      },
      Math.min(Math.max(0, expiresAt - Date.now()), MAX_TIMER_MS),
    );
  };
  arm();
  socket.once('close', () => clearTimeout(timer));
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
