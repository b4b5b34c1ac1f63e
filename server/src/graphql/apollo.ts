import type { Server } from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { RequestContext } from '../auth/context';
import type { AppConfig } from '../config';
import { drainHttpServer } from '../http/drain';
import type { Logger } from '../logger';
import { graphqlMetricsPlugin } from '../observability/graphqlMetrics';
import type { Metrics } from '../observability/metrics';
import { formatError } from './formatError';
import { guardOperation, limitRules, parseOptionsFor } from './limits';

const MB = 1024 * 1024;

interface ApolloOptions {
  schema: GraphQLSchema;
  httpServer: Server;
  config: AppConfig;
  logger: Logger;
  metrics: Metrics;
  /** Stops the WebSocket server when Apollo drains. */
  disposeWebSocket: () => Promise<void> | void;
  /** Ends the WebSockets still open when the drain's grace period is over. */
  terminateWebSockets: () => void;
}

export function createApolloServer(options: ApolloOptions): ApolloServer<RequestContext> {
  const { schema, httpServer, config, logger, metrics, disposeWebSocket, terminateWebSockets } =
    options;
  const limitsPlugin: ApolloServerPlugin<RequestContext> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, contextValue, operation }) {
          if (operation?.operation === 'subscription') {
            // Executed over HTTP, a subscription's resolver would run once without an event.
            throw new GraphQLError('Subscriptions are served over WebSocket (graphql-ws) only.', {
              extensions: {
                code: 'BAD_USER_INPUT',
                reason: 'SUBSCRIPTION_OVER_HTTP',
                http: { status: 400 },
              },
            });
          }
          guardOperation(
            {
              schema,
              document,
              operationName: request.operationName,
              variables: request.variables,
              context: contextValue,
            },
            config,
          );
        },
      };
    },
  };
  return new ApolloServer<RequestContext>({
    schema,
    // Apollo's defaults keep up to 30 MB (by its own estimate, ~4x that in memory) of
    // parsed documents and of registered persisted queries, which any caller can fill
    // with distinct queries. Our dashboard sends a few dozen operations.
    documentStore: new InMemoryLRUCache<DocumentNode>({
      maxSize: 4 * MB,
      sizeCalculation: InMemoryLRUCache.sizeCalculation,
    }),
    persistedQueries: {
      cache: new InMemoryLRUCache<string>({
        maxSize: 2 * MB,
        sizeCalculation: InMemoryLRUCache.sizeCalculation,
      }),
    },
    // Production hides the schema from everyone but admins (guardOperation), not from all.
    introspection: true,
    // main.ts owns shutdown: Apollo's own handler would stop it, then re-raise the signal.
    stopOnTerminationSignals: false,
    // The landing pages load scripts from a CDN; the dashboard bundles its own GraphiQL.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await Promise.all([
                drainHttpServer(httpServer, terminateWebSockets),
                disposeWebSocket(),
              ]);
            },
          };
        },
      },
      limitsPlugin,
      graphqlMetricsPlugin(metrics),
    ],
    parseOptions: parseOptionsFor(config.limits),
    validationRules: limitRules(config.limits),
    includeStacktraceInErrorResponses: config.env === 'development',
    formatError: (formatted, error) =>
      formatError(formatted, error, { exposeInternals: config.env === 'development', logger }),
  });
}
