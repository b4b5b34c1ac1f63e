import { CombinedGraphQLErrors, ServerError } from '@apollo/client';

const FALLBACK = 'Something went wrong. Please try again.';
const OFFLINE = 'Could not reach the server. Check your connection and try again.';

function messageFromBody(bodyText: string): string | undefined {
  try {
    const body = JSON.parse(bodyText) as { errors?: { message?: unknown }[]; message?: unknown };
    const message = body.errors?.[0]?.message ?? body.message;
    return typeof message === 'string' ? message : undefined;
  } catch {
    // Proxies and rate limiters may answer in plain text; HTML pages are not worth showing.
    const text = bodyText.trim();
    return text && text.length <= 200 && !text.startsWith('<') ? text : undefined;
  }
}

/** The message to show a user for a failed operation: the server's own words when it gave some. */
export function errorMessage(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) return error.errors[0]?.message ?? FALLBACK;
  if (ServerError.is(error)) return messageFromBody(error.bodyText) ?? FALLBACK;
  if (error instanceof TypeError) return OFFLINE;
  return FALLBACK;
}
