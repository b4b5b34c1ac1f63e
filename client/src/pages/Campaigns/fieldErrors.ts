import { CombinedGraphQLErrors } from '@apollo/client';
import type { FieldErrors } from './campaignForm';

interface FieldProblem {
  path: string;
  messages: string[];
}

const isFieldProblem = (value: unknown): value is FieldProblem =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as FieldProblem).path === 'string' &&
  Array.isArray((value as FieldProblem).messages);

/**
 * The per-field problems of a BAD_USER_INPUT answer (server/src/graphql/formatError.ts puts
 * them in `extensions.fields` as `[{ path, messages }]`), keyed by their dotted path.
 */
export function serverFieldErrors(error: unknown): FieldErrors {
  const errors: FieldErrors = {};
  if (!CombinedGraphQLErrors.is(error)) return errors;
  for (const problem of error.errors) {
    if (problem.extensions?.code !== 'BAD_USER_INPUT') continue;
    const fields: unknown = problem.extensions.fields;
    if (!Array.isArray(fields)) continue;
    for (const field of fields) {
      if (isFieldProblem(field)) (errors[field.path] ??= []).push(...field.messages);
    }
  }
  return errors;
}
