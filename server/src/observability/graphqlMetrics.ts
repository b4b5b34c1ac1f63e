import type { ApolloServerPlugin } from '@apollo/server';
import {
  execute,
  getOperationAST,
  subscribe,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLFormattedError,
} from 'graphql';
import type { RequestContext } from '../auth/context';
import type { Metrics } from './metrics';
import { runInScope } from './requestContext';

const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,99}$/;

/** The operation's own name, capped in variety (names are chosen by clients). */
export function operationLabel(metrics: Metrics, name: string | null | undefined): string {
  if (!name) return '(anonymous)';
  return GRAPHQL_NAME.test(name) ? metrics.operationNames.value(name) : '(invalid)';
}

/** One count per error sent to the client, by the code it was sent with. */
export function countGraphQLErrors(
  metrics: Metrics,
  operation: string,
  errors: readonly GraphQLFormattedError[] | undefined,
): void {
  for (const error of errors ?? []) {
    const code = error.extensions?.code;
    metrics.graphqlErrors.inc({ operation, code: typeof code === 'string' ? code : 'INTERNAL' });
  }
}

/** Durations and errors of operations over HTTP, by operation name. */
export function graphqlMetricsPlugin(metrics: Metrics): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, request, operation, response }) {
          const name = operationLabel(metrics, operationName ?? request.operationName);
          const errors =
            response.body.kind === 'single' ? response.body.singleResult.errors : undefined;
          countGraphQLErrors(metrics, name, errors);
          metrics.graphqlOperationDuration.observe(
            {
              operation: name,
              type: operation?.operation ?? 'unknown',
              transport: 'http',
              outcome: errors?.length ? 'error' : 'ok',
            },
            (performance.now() - started) / 1000,
          );
        },
      };
    },
  };
}

type Execution = (args: ExecutionArgs) => Promise<ExecutionResult | AsyncIterable<ExecutionResult>>;

/**
 * graphql-ws `execute` and `subscribe` that run each operation in its own request scope
 * (its context's requestId: log lines of its resolvers carry it) and record it: query and
 * mutation durations, and the number of subscriptions open.
 */
export function observedExecution(metrics: Metrics): { execute: Execution; subscribe: Execution } {
  const scopeOf = (args: ExecutionArgs) => ({
    requestId: (args.contextValue as RequestContext).requestId,
  });
  return {
    execute: async (args) => {
      const started = performance.now();
      const result = await runInScope(scopeOf(args), () => execute(args));
      const operation = getOperationAST(args.document, args.operationName);
      metrics.graphqlOperationDuration.observe(
        {
          operation: operationLabel(metrics, operation?.name?.value),
          type: operation?.operation ?? 'unknown',
          transport: 'websocket',
          outcome: result.errors?.length ? 'error' : 'ok',
        },
        (performance.now() - started) / 1000,
      );
      return result;
    },
    subscribe: async (args) => {
      const scope = scopeOf(args);
      const result = await runInScope(scope, () => subscribe(args));
      if (!(Symbol.asyncIterator in result)) return result;
      return trackedSubscription(result, metrics, scope);
    },
  };
}

/**
 * Counts the subscription while it is open: whichever comes first of the source ending,
 * failing, or being returned (client `complete`, socket closed) ends it, once. Each event
 * is produced in the operation's scope. A plain object, not an async generator: a
 * generator waiting for the next event would queue `return()` behind it, forever when no
 * event comes.
 */
function trackedSubscription(
  source: AsyncGenerator<ExecutionResult> | AsyncIterable<ExecutionResult>,
  metrics: Metrics,
  scope: { requestId: string },
): AsyncIterableIterator<ExecutionResult> {
  const iterator = source[Symbol.asyncIterator]();
  let open = true;
  const end = () => {
    if (open) metrics.websocketSubscriptions.dec();
    open = false;
  };
  metrics.websocketSubscriptions.inc();
  // `return` and `throw` make graphql-ws treat it as a generator it may stop.
  const tracked: AsyncIterableIterator<ExecutionResult> = {
    next: async () => {
      try {
        const step = await runInScope(scope, () => iterator.next());
        if (step.done) end();
        return step;
      } catch (error) {
        end();
        throw error;
      }
    },
    return: async (value?: unknown) => {
      end();
      return iterator.return ? iterator.return(value) : { done: true, value: undefined };
    },
    throw: async (error?: unknown) => {
      end();
      if (iterator.throw) return iterator.throw(error);
      throw error;
    },
    [Symbol.asyncIterator]() {
      return tracked;
    },
  };
  return tracked;
}
