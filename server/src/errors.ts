/**
 * Failures the product explains to its users. Services throw these; the GraphQL layer
 * maps each code to a GraphQL error code in one place (graphql/formatError.ts), and the
 * REST routes map them to HTTP statuses.
 */
export type ErrorCode =
  'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'RATE_LIMITED';

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badInput = (message: string, details?: Record<string, unknown>): AppError =>
  new AppError('BAD_USER_INPUT', message, details);

export const unauthenticated = (message = 'You need to sign in.'): AppError =>
  new AppError('UNAUTHENTICATED', message);

export const forbidden = (message = 'You are not allowed to do that.'): AppError =>
  new AppError('FORBIDDEN', message);

/** Other users' documents are "not found" too: existence never leaks. */
export const notFound = (what: string): AppError => new AppError('NOT_FOUND', `${what} not found.`);

export const rateLimited = (retryAfterSeconds: number): AppError =>
  new AppError('RATE_LIMITED', `Too many attempts. Try again in ${retryAfterSeconds} seconds.`, {
    retryAfterSeconds,
  });
