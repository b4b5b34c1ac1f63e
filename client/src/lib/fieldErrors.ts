import { CombinedGraphQLErrors } from '@apollo/client';

/** Messages by field path, in the server's dotted form (`product.price`, `documents.2.url`). */
export type FieldErrors = Record<string, string[]>;

/** One message a field: for forms that show a single line under each input. */
export type FieldMessages = Record<string, string>;

interface FieldProblem {
  path: string;
  messages: unknown[];
}

const isFieldProblem = (value: unknown): value is FieldProblem =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as FieldProblem).path === 'string' &&
  Array.isArray((value as FieldProblem).messages);

const FALLBACK = 'Check this field.';

/**
 * The per-field problems of a failed mutation: server/src/graphql/formatError.ts puts them
 * in `extensions.fields` as `[{ path, messages }]` (BAD_USER_INPUT). Paths are keyed as the
 * form knows them: an argument's own name (`input.`) is dropped, so `input.website` and
 * `website` are one field. Every message of a path is kept, in the server's order.
 */
export function serverFieldErrors(error: unknown): FieldErrors {
  const errors: FieldErrors = {};
  if (!CombinedGraphQLErrors.is(error)) return errors;
  for (const problem of error.errors) {
    const fields: unknown = problem.extensions?.fields;
    if (!Array.isArray(fields)) continue;
    for (const field of fields) {
      if (!isFieldProblem(field)) continue;
      const messages = field.messages.length > 0 ? field.messages.map(String) : [FALLBACK];
      (errors[field.path.replace(/^input\./, '')] ??= []).push(...messages);
    }
  }
  return errors;
}

/** The first message of each field of a failed mutation (see serverFieldErrors). */
export function serverFieldMessages(error: unknown): FieldMessages {
  return Object.fromEntries(
    Object.entries(serverFieldErrors(error)).map(([path, messages]) => [
      path,
      messages[0] ?? FALLBACK,
    ]),
  );
}
