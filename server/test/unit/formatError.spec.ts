import 'reflect-metadata';
import { GraphQLError, graphql, type GraphQLFormattedError } from 'graphql';
import mongoose from 'mongoose';
import { ArgumentValidationError } from 'type-graphql';
import type { ValidationError } from 'class-validator';
import { AppError, badInput, forbidden, notFound, rateLimited } from '../../src/errors';
import { formatError, httpStatusFor, type ClientErrorCode } from '../../src/graphql/formatError';
import type { Logger } from '../../src/logger';
import { buildAppSchema } from '../../src/schema';

const GENERIC = 'Something went wrong on our side. Please try again.';

function stubLogger() {
  const error = jest.fn();
  return { logger: { error } as unknown as Logger, error };
}

/** What Apollo does: the formatted error, then the raw one. */
function format(raw: GraphQLError, exposeInternals = false) {
  const { logger, error } = stubLogger();
  const result = formatError(raw.toJSON(), raw, { exposeInternals, logger });
  return { result, logged: error };
}

/** An error thrown by a resolver, as graphql-js wraps it: with a path and the original. */
const fromResolver = (original: Error): GraphQLError =>
  new GraphQLError(original.message, { originalError: original, path: ['campaign'] });

describe('AppError', () => {
  test('keeps its message and code', () => {
    const { result, logged } = format(fromResolver(notFound('Campaign')));
    expect(result.message).toBe('Campaign not found.');
    expect(result.extensions).toEqual({ code: 'NOT_FOUND' });
    expect(result.path).toEqual(['campaign']);
    expect(logged).not.toHaveBeenCalled();
  });

  test('carries its details into extensions', () => {
    const { result } = format(fromResolver(rateLimited(42)));
    expect(result.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: 42 });
    const { result: input } = format(fromResolver(badInput('Bad email.', { field: 'email' })));
    expect(input).toMatchObject({
      message: 'Bad email.',
      extensions: { code: 'BAD_USER_INPUT', field: 'email' },
    });
  });

  test('is recognised when passed unwrapped too', () => {
    const error = forbidden();
    const { logger } = stubLogger();
    const result = formatError({ message: error.message }, error, {
      exposeInternals: false,
      logger,
    });
    expect(result).toMatchObject({
      message: 'You are not allowed to do that.',
      extensions: { code: 'FORBIDDEN' },
    });
  });
});

describe('unexpected errors', () => {
  test.each([
    [
      'wrapped without a path',
      new GraphQLError('db password is hunter2', {
        originalError: new Error('db password is hunter2'),
      }),
    ],
    ['thrown by a resolver', fromResolver(new Error('db password is hunter2'))],
  ])('%s become a generic INTERNAL error and are logged', (_label, raw) => {
    const { result, logged } = format(raw);
    expect(result.message).toBe(GENERIC);
    expect(result.extensions).toEqual({ code: 'INTERNAL' });
    expect(JSON.stringify(result)).not.toContain('hunter2');
    expect(logged).toHaveBeenCalledTimes(1);
    expect(logged.mock.calls[0]![1]).toBe('unexpected error');
  });

  test('the log line carries the original error and the path', () => {
    const original = new Error('db password is hunter2');
    const { logged } = format(fromResolver(original));
    expect(logged).toHaveBeenCalledWith({ err: original, path: ['campaign'] }, 'unexpected error');
  });

  test('stack traces Apollo added are dropped', () => {
    const raw = fromResolver(new Error('boom'));
    const formatted: GraphQLFormattedError = {
      ...raw.toJSON(),
      extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['Error: boom', '    at x'] },
    };
    const { logger } = stubLogger();
    const result = formatError(formatted, raw, { exposeInternals: false, logger });
    expect(result.extensions).toEqual({ code: 'INTERNAL' });
  });

  test('with exposeInternals the original message is kept, still as INTERNAL', () => {
    const { result, logged } = format(fromResolver(new Error('db password is hunter2')), true);
    expect(result.message).toBe('db password is hunter2');
    expect(result.extensions?.code).toBe('INTERNAL');
    expect(logged).toHaveBeenCalledTimes(1);
  });

  test('a plain Error carrying a client-looking code is still INTERNAL', () => {
    // A resolver's own Error is never trusted, whatever extensions Apollo reports.
    const raw = fromResolver(new Error('secret detail'));
    const formatted: GraphQLFormattedError = {
      ...raw.toJSON(),
      extensions: { code: 'BAD_USER_INPUT' },
    };
    const { logger } = stubLogger();
    const result = formatError(formatted, raw, { exposeInternals: false, logger });
    expect(result).toMatchObject({ message: GENERIC, extensions: { code: 'INTERNAL' } });
  });

  test("Apollo's INTERNAL_SERVER_ERROR becomes INTERNAL", () => {
    const raw = new GraphQLError('Context creation failed: connection refused', {
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    const { result, logged } = format(raw);
    expect(result).toMatchObject({ message: GENERIC, extensions: { code: 'INTERNAL' } });
    expect(logged).toHaveBeenCalled();
  });
});

describe('errors raised on purpose as GraphQLErrors', () => {
  test('keep their client code, message and extra extensions', () => {
    const raw = new GraphQLError('This operation costs 2000; the limit is 1000.', {
      extensions: { code: 'BAD_USER_INPUT', reason: 'COMPLEXITY_LIMIT' },
    });
    const { result, logged } = format(raw);
    expect(result).toMatchObject({
      message: 'This operation costs 2000; the limit is 1000.',
      extensions: { code: 'BAD_USER_INPUT', reason: 'COMPLEXITY_LIMIT' },
    });
    expect(logged).not.toHaveBeenCalled();
  });

  test('FORBIDDEN from the introspection guard passes through', () => {
    const raw = new GraphQLError('Introspection is available to admins only.', {
      extensions: { code: 'FORBIDDEN' },
    });
    expect(format(raw).result).toMatchObject({
      message: 'Introspection is available to admins only.',
      extensions: { code: 'FORBIDDEN' },
    });
  });

  test('an unknown code becomes INTERNAL', () => {
    const raw = new GraphQLError('Teapot.', { extensions: { code: 'IM_A_TEAPOT' } });
    const { result, logged } = format(raw);
    expect(result).toMatchObject({ message: GENERIC, extensions: { code: 'INTERNAL' } });
    expect(logged).toHaveBeenCalled();
  });
});

describe("GraphQL's and Apollo's request errors", () => {
  test.each([
    'GRAPHQL_VALIDATION_FAILED',
    'GRAPHQL_PARSE_FAILED',
    'BAD_REQUEST',
    'OPERATION_RESOLUTION_FAILURE',
    'PERSISTED_QUERY_NOT_FOUND',
    'PERSISTED_QUERY_NOT_SUPPORTED',
  ])('%s becomes BAD_USER_INPUT with the original message', (code) => {
    const raw = new GraphQLError('Cannot query field "nope" on type "Query".', {
      extensions: { code },
    });
    const { result, logged } = format(raw);
    expect(result.message).toBe('Cannot query field "nope" on type "Query".');
    expect(result.extensions).toEqual({ code: 'BAD_USER_INPUT', reason: code });
    expect(logged).not.toHaveBeenCalled();
  });
});

describe('validation errors', () => {
  test('ArgumentValidationError becomes BAD_USER_INPUT naming the constraints', () => {
    const validationErrors = [
      { property: 'email', constraints: { isEmail: 'Enter a valid email address.' } },
      { property: 'password', constraints: { maxLength: 'password is too long' } },
    ] as ValidationError[];
    const { result, logged } = format(fromResolver(new ArgumentValidationError(validationErrors)));
    expect(result.message).toBe(
      'Invalid input: email: Enter a valid email address.; password: password is too long',
    );
    expect(result.extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.extensions?.fields).toEqual([
      { path: 'email', messages: ['Enter a valid email address.'] },
      { path: 'password', messages: ['password is too long'] },
    ]);
    expect(logged).not.toHaveBeenCalled();
  });

  test('nested errors are reported with their dotted field path', () => {
    const validationErrors = [
      {
        property: 'product',
        children: [{ property: 'price', constraints: { min: 'price must not be less than 0' } }],
      },
      {
        property: 'chatFlow',
        children: [
          {
            property: 'objectionHandling',
            children: [
              {
                property: '2',
                children: [
                  {
                    property: 'response',
                    constraints: { isNotEmpty: 'response should not be empty' },
                  },
                ],
              },
            ],
          },
        ],
      },
    ] as ValidationError[];
    const { result } = format(fromResolver(new ArgumentValidationError(validationErrors)));
    expect(result.extensions?.fields).toEqual([
      { path: 'product.price', messages: ['price must not be less than 0'] },
      { path: 'chatFlow.objectionHandling.2.response', messages: ['response should not be empty'] },
    ]);
    expect(result.message).toBe(
      'Invalid input: product.price: price must not be less than 0; chatFlow.objectionHandling.2.response: response should not be empty',
    );
  });

  test('an ArgumentValidationError without constraints says "Invalid input."', () => {
    const validationErrors = [{ property: 'email' }] as ValidationError[];
    const { result } = format(fromResolver(new ArgumentValidationError(validationErrors)));
    expect(result).toMatchObject({
      message: 'Invalid input.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  test('a mongoose CastError becomes BAD_USER_INPUT', () => {
    const cast = new mongoose.Error.CastError('ObjectId', 'not-an-id', '_id');
    const { result, logged } = format(fromResolver(cast));
    expect(result.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(result.message).toMatch(/^Invalid input: /);
    expect(logged).not.toHaveBeenCalled();
  });

  test('a mongoose ValidationError becomes BAD_USER_INPUT', () => {
    const invalid = new mongoose.Error.ValidationError();
    const { result } = format(fromResolver(invalid));
    expect(result.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(result.message).toMatch(/^Invalid input: /);
  });
});

describe('httpStatusFor', () => {
  test.each<[ClientErrorCode, number]>([
    ['BAD_USER_INPUT', 400],
    ['UNAUTHENTICATED', 401],
    ['FORBIDDEN', 403],
    ['NOT_FOUND', 404],
    ['RATE_LIMITED', 429],
    ['INTERNAL', 500],
  ])('%s is HTTP %i', (code, status) => {
    expect(httpStatusFor(code)).toBe(status);
  });
});

test('a signup validation error does not echo the submitted password back', async () => {
  const schema = await buildAppSchema();
  const response = await graphql({
    schema,
    source: `mutation {
      signup(input: { email: "not-an-email", password: "my-real-password-123" }) { accessToken }
    }`,
    contextValue: { requestId: 'r1', ip: '127.0.0.1' },
  });
  const raw = response.errors![0]!;
  const result = formatError(raw.toJSON(), raw, {
    exposeInternals: false,
    logger: { error: jest.fn() } as unknown as Logger,
  });
  expect(result).toMatchObject({
    message: 'Invalid input: email: Enter a valid email address.',
    extensions: { code: 'BAD_USER_INPUT' },
  });
  expect(JSON.stringify(result)).not.toContain('my-real-password-123');
});

test('details can never replace the code', () => {
  const error = new AppError('NOT_FOUND', 'Campaign not found.', { code: 'INTERNAL' });
  const result = formatError({ message: error.message }, error, {
    exposeInternals: false,
    logger: { error: jest.fn() } as unknown as Logger,
  });
  expect(result.extensions?.code).toBe('NOT_FOUND');
});
