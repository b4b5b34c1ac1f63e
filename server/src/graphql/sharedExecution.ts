import {
  createSourceEventStream,
  execute,
  GraphQLError,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';
import { runInScope, type RequestScope } from '../observability/requestContext';
import type { SubscriptionContext } from '../realtime/subscription.types';
import type { Selection } from './sharedSubscriptions';

/** How a selection's results and errors become the JSON its subscribers are sent. */
export interface Outputs {
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
export class SharedExecution implements Selection {
  // The arguments' fields are kept here rather than as an object of their own (one less
  // object per live selection).
  private readonly schema: ExecutionArgs['schema'];
  private readonly document: ExecutionArgs['document'];
  private readonly operationName: ExecutionArgs['operationName'];
  private readonly variableValues: ExecutionArgs['variableValues'];
  /** The shared context, which is also the execution's request scope. */
  private readonly scope: SubscriptionContext;

  constructor(
    readonly key: string,
    args: ExecutionArgs & { contextValue: SubscriptionContext },
    private readonly name: string,
    private readonly outputs: Outputs,
  ) {
    this.schema = args.schema;
    this.document = args.document;
    this.operationName = args.operationName;
    this.variableValues = args.variableValues;
    this.scope = args.contextValue;
  }

  private args(rootValue?: unknown): ExecutionArgs {
    return {
      schema: this.schema,
      document: this.document,
      operationName: this.operationName,
      variableValues: this.variableValues,
      contextValue: this.scope,
      rootValue,
    };
  }

  async start(): Promise<AsyncIterator<unknown> | ExecutionResult> {
    const stream = await runInScope(this.scope, () => createSourceEventStream(this.args()));
    return Symbol.asyncIterator in stream ? stream[Symbol.asyncIterator]() : stream;
  }

  next(source: AsyncIterator<unknown>): Promise<IteratorResult<unknown>> {
    // Outside the scope: nothing logs while waiting, and each promise made in a scope
    // carries it (a property more on the promise that waits, per subscription).
    return source.next();
  }

  execute(event: unknown): Promise<ExecutionResult> | ExecutionResult {
    return runInScope(this.scope, () => execute(this.args(event)));
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
