import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import mongoose from 'mongoose';
import type { ValidationError } from 'class-validator';
import { ArgumentValidationError } from 'type-graphql';
import { AppError, type ErrorCode } from '../errors';
import type { Logger } from '../logger';

/** The only codes clients ever see. */
export type ClientErrorCode = ErrorCode | 'INTERNAL';

const clientCodes = new Set<string>([
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'RATE_LIMITED',
  'INTERNAL',
]);

/** GraphQL's and Apollo's own failures are all the caller's input. */
const requestErrorCodes = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/**
 * Apollo answers a persisted query whose hash is not the query's with HTTP 400 and this
 * message, as the automatic persisted queries protocol says, but without a code.
 */
const PERSISTED_QUERY_MISMATCH = 'provided sha does not match query';

export function httpStatusFor(code: ClientErrorCode): number {
  switch (code) {
    case 'BAD_USER_INPUT':
      return 400;
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'RATE_LIMITED':
      return 429;
    case 'INTERNAL':
      return 500;
  }
}

interface FormatOptions {
  /** Development only: internal messages and stack traces reach the client. */
  exposeInternals: boolean;
  logger: Logger;
}

/**
 * The one place errors become what clients see: a message a person can act on and one
 * of the codes above. Anything unexpected is logged and answered as INTERNAL.
 */
export function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  options: FormatOptions,
): GraphQLFormattedError {
  const original = unwrapResolverError(error);
  const base = { locations: formatted.locations, path: formatted.path };

  if (original instanceof AppError) {
    return {
      ...base,
      message: original.message,
      extensions: { ...original.details, code: original.code },
    };
  }
  if (original instanceof ArgumentValidationError) {
    const { validationErrors } = original.extensions;
    const fields = fieldProblems(Array.isArray(validationErrors) ? validationErrors : []);
    const problems = fields.flatMap((field) =>
      field.messages.map((message) => `${field.path}: ${message}`),
    );
    return {
      ...base,
      message: problems.length > 0 ? `Invalid input: ${problems.join('; ')}` : 'Invalid input.',
      extensions: { code: 'BAD_USER_INPUT', fields },
    };
  }
  if (
    original instanceof mongoose.Error.ValidationError ||
    original instanceof mongoose.Error.CastError
  ) {
    return {
      ...base,
      message: `Invalid input: ${original.message}`,
      extensions: { code: 'BAD_USER_INPUT' },
    };
  }
  if (formatted.message === PERSISTED_QUERY_MISMATCH && original instanceof GraphQLError) {
    return {
      ...base,
      message: formatted.message,
      extensions: { code: 'BAD_USER_INPUT', reason: 'PERSISTED_QUERY_HASH_MISMATCH' },
    };
  }
  const code = String(formatted.extensions?.code ?? '');
  if (clientCodes.has(code) && code !== 'INTERNAL' && isExpected(original)) {
    // `http` tells Apollo the status code; it is not for the client.
    const { http: _status, ...extensions } = formatted.extensions ?? {};
    return { ...base, message: formatted.message, extensions: { ...extensions, code } };
  }
  // Apollo's own request refusals (a bad persisted-query version, ...) come with an HTTP
  // 4xx status and no code of their own.
  if (code === 'INTERNAL_SERVER_ERROR' && original instanceof GraphQLError) {
    const status = (original.extensions.http as { status?: number } | undefined)?.status;
    if (status !== undefined && status >= 400 && status < 500) {
      return {
        ...base,
        message: formatted.message,
        extensions: { code: 'BAD_USER_INPUT', reason: 'BAD_REQUEST' },
      };
    }
  }
  if (requestErrorCodes.has(code)) {
    return {
      ...base,
      message: formatted.message,
      // Our own validation rules say which limit; graphql's and Apollo's say the phase.
      extensions: { code: 'BAD_USER_INPUT', reason: formatted.extensions?.reason ?? code },
    };
  }

  options.logger.error({ err: original, path: formatted.path }, 'unexpected error');
  if (options.exposeInternals) {
    return { ...formatted, extensions: { ...formatted.extensions, code: 'INTERNAL' } };
  }
  return {
    ...base,
    message: 'Something went wrong on our side. Please try again.',
    extensions: { code: 'INTERNAL' },
  };
}

/** Errors we raised ourselves as GraphQLErrors (scalars, limits) carry a code on purpose. */
const isExpected = (original: unknown): boolean =>
  original instanceof GraphQLError || original === undefined;

interface FieldProblem {
  /** Dotted path inside the argument, e.g. `product.price` or `chatFlow.objectionHandling.2.response`. */
  path: string;
  messages: string[];
}

/**
 * Flattens class-validator's nested errors to one entry per invalid field. Only paths
 * and rule messages: its `target` and `value` would echo the input, passwords included.
 */
function fieldProblems(errors: readonly ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {});
    return [
      ...(own.length > 0 ? [{ path, messages: own }] : []),
      ...fieldProblems(error.children ?? [], path),
    ];
  });
}
