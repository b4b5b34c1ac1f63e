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
import { WebSocketServer } from 'ws';
import { buildContext, type RequestContext } from '../auth/context';
import type { AppConfig } from '../config';
import type { Logger } from '../logger';
import { formatError } from './formatError';
import { depthLimitRule, guardOperation } from './limits';

interface WebSocketOptions {
  httpServer: Server;
  schema: GraphQLSchema;
  config: AppConfig;
  logger: Logger;
}

/** Close codes the client acts on: 4401 means "refresh your token and reconnect". */
export const CLOSE_UNAUTHORIZED = 4401;

/**
 * graphql-ws on the HTTP server's /graphql path. Apollo's validation rules, CSRF check
 * and limits do not apply to WebSocket traffic, so the same checks run here.
 */
export function createWebSocketServer({ httpServer, schema, config, logger }: WebSocketOptions) {
  const wsServer = new WebSocketServer({
    server: httpServer,
    path: '/graphql',
    maxPayload: config.limits.maxWsPayloadBytes,
  });
  const rules = [
    ...specifiedRules,
    depthLimitRule(config.limits.maxQueryDepth, config.limits.maxIntrospectionDepth),
  ];
  const format = (error: GraphQLError) =>
    formatError(error.toJSON(), error, { exposeInternals: config.env === 'development', logger });

  const contextOf = (ctx: {
    connectionParams?: Readonly<Record<string, unknown>>;
    extra: { request: { socket: { remoteAddress?: string } } };
  }): RequestContext =>
    buildContext({
      token:
        typeof ctx.connectionParams?.token === 'string' ? ctx.connectionParams.token : undefined,
      ip: ctx.extra.request.socket.remoteAddress,
      jwtSecret: config.jwtSecret,
    });

  const cleanup = useServer(
    {
      schema,
      connectionInitWaitTimeout: 3000,
      onConnect: (ctx) => {
        const context = contextOf(ctx);
        if (context.authProblem) {
          ctx.extra.socket.close(CLOSE_UNAUTHORIZED, `Unauthorized: token ${context.authProblem}`);
          return false;
        }
        return true;
      },
      onSubscribe: (ctx, _id, payload) => {
        let document;
        try {
          document = parse(payload.query);
        } catch (error) {
          return [withCode(toGraphQLError(error), 'GRAPHQL_PARSE_FAILED')];
        }
        const errors = validate(schema, document, rules);
        if (errors.length > 0)
          return errors.map((error) => withCode(error, 'GRAPHQL_VALIDATION_FAILED'));
        const contextValue = contextOf(ctx);
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
      onError: (_ctx, _id, _payload, errors) => errors.map(format),
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors ? { ...result, errors: result.errors.map(format) } : result,
    },
    wsServer,
  );
  return { wsServer, dispose: () => cleanup.dispose() };
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
