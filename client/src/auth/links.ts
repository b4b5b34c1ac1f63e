import { ApolloLink, CombinedGraphQLErrors, ServerError, type ApolloClient } from '@apollo/client';
import { ErrorLink } from '@apollo/client/link/error';
import { from, Observable, switchMap, throwError, type Subscription } from 'rxjs';
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

/**
 * Trades the refresh token for a new pair. One refresh at a time: concurrent callers all
 * wait for the same call. Resolves false when there is no session (any more).
 */
export function refreshOnce(client: ApolloClient): Promise<boolean> {
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

/** The server closes a socket whose token is bad or expired with 4401 (see server/src/graphql/websocket.ts). */
export function isSocketUnauthorized(error: unknown): boolean {
  return error instanceof Error && /^Socket closed with event 4401\b/.test(error.message);
}

/** How many times in a row a subscription may be re-authenticated before it gives up. */
const MAX_SOCKET_REAUTH = 2;

/**
 * graphql-ws gives up on a 4401 close (its fatal "Unauthorized"), which ends every
 * subscription when the access token expires. This link, in front of the WebSocket link,
 * refreshes the token pair (unless another request already did) and subscribes again;
 * the socket reconnects with the new token from connectionParams. When the refresh is
 * rejected the tokens are cleared, which signs the user out.
 */
export function createSocketReauthLink(socketToken: () => string | null): ApolloLink {
  return new ApolloLink(
    (operation, forward) =>
      new Observable<ApolloLink.Result>((observer) => {
        let active: Subscription | undefined;
        let stopped = false;
        let attempts = 0;

        const start = () => {
          active = forward(operation).subscribe({
            next: (value) => {
              attempts = 0;
              observer.next(value);
            },
            complete: () => observer.complete(),
            error: (error: unknown) => {
              if (stopped) return;
              if (!isSocketUnauthorized(error) || attempts >= MAX_SOCKET_REAUTH) {
                observer.error(error);
                return;
              }
              attempts += 1;
              const stale = socketToken();
              const ready =
                stale !== getAccessToken() && getAccessToken()
                  ? Promise.resolve(true)
                  : refreshOnce(operation.client);
              void ready.then((ok) => {
                if (stopped) return;
                if (ok) start();
                else observer.error(error);
              });
            },
          });
        };

        start();
        return () => {
          stopped = true;
          active?.unsubscribe();
        };
      }),
  );
}
