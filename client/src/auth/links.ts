import { ApolloLink, CombinedGraphQLErrors, ServerError, type ApolloClient } from '@apollo/client';
import { ErrorLink } from '@apollo/client/link/error';
import { from, switchMap, throwError } from 'rxjs';
import { graphql } from '../gql';
import { clearTokens, getAccessToken, getRefreshToken, setTokens } from './tokens';

const RefreshTokenDocument = graphql(`
  mutation RefreshToken($token: String!) {
    refreshToken(token: $token) {
      accessToken
      refreshToken
    }
  }
`);

/** Adds `Authorization: Bearer <accessToken>` and remembers which token the request carried. */
export const authLink = new ApolloLink((operation, forward) => {
  const accessToken = operation.getContext().skipAuth ? null : getAccessToken();
  operation.setContext(({ headers }) => {
    const next: Record<string, string> = { ...headers };
    delete next.authorization;
    if (accessToken) next.authorization = `Bearer ${accessToken}`;
    return { headers: next, accessToken };
  });
  return forward(operation);
});

function isUnauthenticated(error: unknown): boolean {
  return (
    CombinedGraphQLErrors.is(error) &&
    error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')
  );
}

// The server said no (as opposed to being unreachable), so the session is over.
function isRejection(error: unknown): boolean {
  return CombinedGraphQLErrors.is(error) || (ServerError.is(error) && error.statusCode < 500);
}

async function refresh(client: ApolloClient): Promise<boolean> {
  const token = getRefreshToken();
  if (!token) return false;
  try {
    const { data } = await client.mutate({
      mutation: RefreshTokenDocument,
      variables: { token },
      context: { skipAuth: true },
      fetchPolicy: 'no-cache',
    });
    if (!data) return false;
    // The user may have signed out while the refresh was in flight.
    if (getRefreshToken() !== token) return false;
    setTokens(data.refreshToken);
    return true;
  } catch (error) {
    if (isRejection(error) && getRefreshToken() === token) clearTokens();
    return false;
  }
}

let inFlight: Promise<boolean> | null = null;

/** One refresh at a time: concurrent failures all wait for the same call. */
function refreshOnce(client: ApolloClient): Promise<boolean> {
  inFlight ??= refresh(client).finally(() => {
    inFlight = null;
  });
  return inFlight;
}

/**
 * On UNAUTHENTICATED, refreshes the token pair once and retries the operation. When the
 * refresh is rejected the tokens are cleared, which sends the app to /login.
 */
export const tokenRefreshLink = new ErrorLink(({ error, operation, forward }) => {
  const context = operation.getContext();
  if (!isUnauthenticated(error) || context.retriedAfterRefresh) return;
  if (!context.accessToken || !getRefreshToken()) return;
  operation.setContext({ retriedAfterRefresh: true });
  // Another operation may already have refreshed the pair since this one was sent.
  const ready =
    context.accessToken !== getAccessToken()
      ? Promise.resolve(true)
      : refreshOnce(operation.client);
  return from(ready).pipe(switchMap((ok) => (ok ? forward(operation) : throwError(() => error))));
});
