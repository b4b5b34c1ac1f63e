import { ApolloClient, ApolloLink, CombinedGraphQLErrors, InMemoryCache } from '@apollo/client';
import { Observable } from 'rxjs';
import { MeDocument } from '../gql/graphql';
import { parse } from 'graphql';
import { authLink, createSocketReauthLink, isSocketUnauthorized, tokenRefreshLink } from './links';
import { getAccessToken, getRefreshToken, setTokens } from './tokens';

interface Call {
  operationName: string | undefined;
  authorization: string | undefined;
}

const me = {
  __typename: 'User',
  id: '665f1c2e9b1e8a3d4c5b6a70',
  email: 'owner@shop.test',
  role: 'USER',
  onboardingCompleted: true,
  createdAt: '2025-01-01T00:00:00.000Z',
  businessInfo: {
    __typename: 'BusinessInfo',
    businessName: 'Bloom',
    ownerName: null,
    currency: null,
    timezone: null,
  },
  globalAI: { __typename: 'GlobalAI', trained: false, lastTrainedAt: null },
};
const unauthenticated = {
  errors: [{ message: 'Not signed in', extensions: { code: 'UNAUTHENTICATED' } }],
};

/** A stand-in for the API: `access-2` is the only valid access token, `refresh-1` the only valid refresh token. */
function createFakeServer(options: { refreshOffline?: boolean } = {}) {
  const calls: Call[] = [];
  const server = new ApolloLink(
    (operation) =>
      new Observable<ApolloLink.Result>((observer) => {
        const authorization = operation.getContext().headers?.authorization as string | undefined;
        calls.push({ operationName: operation.operationName, authorization });
        const timer = setTimeout(() => {
          if (operation.operationName === 'RefreshToken') {
            if (options.refreshOffline) return observer.error(new TypeError('Failed to fetch'));
            const valid = operation.variables.token === 'refresh-1';
            observer.next(
              valid
                ? { data: { refreshToken: { accessToken: 'access-2', refreshToken: 'refresh-2' } } }
                : unauthenticated,
            );
          } else {
            observer.next(authorization === 'Bearer access-2' ? { data: { me } } : unauthenticated);
          }
          observer.complete();
        }, 5);
        return () => clearTimeout(timer);
      }),
  );
  const client = new ApolloClient({
    link: ApolloLink.from([tokenRefreshLink, authLink, server]),
    cache: new InMemoryCache(),
  });
  return { calls, client };
}

function queryMe(client: ApolloClient) {
  return client.query({
    query: MeDocument,
    fetchPolicy: 'network-only',
    context: { queryDeduplication: false },
  });
}

afterEach(() => {
  window.localStorage.clear();
});

describe('token refresh link', () => {
  it('sends the access token as a bearer header', async () => {
    setTokens({ accessToken: 'access-2', refreshToken: 'refresh-1' });
    const { calls, client } = createFakeServer();

    await expect(queryMe(client)).resolves.toMatchObject({ data: { me } });
    expect(calls).toEqual([{ operationName: 'Me', authorization: 'Bearer access-2' }]);
  });

  it('refreshes once for concurrent failures, stores the new pair and retries', async () => {
    setTokens({ accessToken: 'access-1', refreshToken: 'refresh-1' });
    const { calls, client } = createFakeServer();

    const results = await Promise.all([queryMe(client), queryMe(client)]);

    expect(results.map((r) => r.data)).toEqual([{ me }, { me }]);
    const refreshes = calls.filter((c) => c.operationName === 'RefreshToken');
    expect(refreshes).toEqual([{ operationName: 'RefreshToken', authorization: undefined }]);
    expect(getAccessToken()).toBe('access-2');
    expect(getRefreshToken()).toBe('refresh-2');
  });

  it('clears the tokens when the refresh token is rejected', async () => {
    setTokens({ accessToken: 'access-1', refreshToken: 'revoked' });
    const { client } = createFakeServer();

    const error: unknown = await queryMe(client).catch((e: unknown) => e);

    expect(CombinedGraphQLErrors.is(error)).toBe(true);
    expect(getAccessToken()).toBeNull();
    expect(getRefreshToken()).toBeNull();
  });

  it('keeps the tokens when the server cannot be reached for the refresh', async () => {
    setTokens({ accessToken: 'access-1', refreshToken: 'refresh-1' });
    const { client } = createFakeServer({ refreshOffline: true });

    await expect(queryMe(client)).rejects.toBeDefined();
    expect(getRefreshToken()).toBe('refresh-1');
  });

  it('does not refresh a request sent without a token', async () => {
    const { calls, client } = createFakeServer();

    await expect(queryMe(client)).rejects.toBeDefined();
    expect(calls.map((c) => c.operationName)).toEqual(['Me']);
  });
});

describe('socket re-authentication link', () => {
  const expired = new Error('Socket closed with event 4401 Unauthorized: token expired');

  /** A socket that rejects `access-1` with 4401 and streams one event to anything newer. */
  function createFakeSocket() {
    const attempts: (string | null)[] = [];
    const socket = new ApolloLink((operation) => {
      if (operation.operationName === 'RefreshToken') {
        return new Observable<ApolloLink.Result>((observer) => {
          const valid = operation.variables.token === 'refresh-1';
          observer.next(
            valid
              ? { data: { refreshToken: { accessToken: 'access-2', refreshToken: 'refresh-2' } } }
              : unauthenticated,
          );
          observer.complete();
        });
      }
      return new Observable<ApolloLink.Result>((observer) => {
        const token = getAccessToken();
        attempts.push(token);
        const timer = setTimeout(() => {
          if (token === 'access-1') return observer.error(expired);
          observer.next({
            data: { statsUpdated: { __typename: 'StatsUpdate', at: 'now', reason: null } },
          });
        }, 5);
        return () => clearTimeout(timer);
      });
    });
    const client = new ApolloClient({
      link: ApolloLink.from([createSocketReauthLink(() => 'access-1'), socket]),
      cache: new InMemoryCache(),
    });
    return { attempts, client };
  }

  const query = parse('subscription Live { statsUpdated { at reason } }');

  it('refreshes the tokens after a 4401 close and subscribes again', async () => {
    setTokens({ accessToken: 'access-1', refreshToken: 'refresh-1' });
    const { attempts, client } = createFakeSocket();

    const first = await new Promise((resolve, reject) => {
      const sub = client.subscribe({ query }).subscribe({
        next: (value) => {
          sub.unsubscribe();
          resolve(value.data);
        },
        error: reject,
      });
    });

    expect(first).toEqual({ statsUpdated: { __typename: 'StatsUpdate', at: 'now', reason: null } });
    expect(attempts).toEqual(['access-1', 'access-2']);
    expect(getRefreshToken()).toBe('refresh-2');
  });

  it('signs out and ends the subscription when the refresh is rejected', async () => {
    setTokens({ accessToken: 'access-1', refreshToken: 'revoked' });
    const { client } = createFakeSocket();

    // Apollo Client 4 delivers a subscription's error as a result with `error`.
    const error = await new Promise((resolve) => {
      client.subscribe({ query }).subscribe({
        next: (value) => resolve(value.error),
        error: resolve,
      });
    });

    expect(isSocketUnauthorized(error)).toBe(true);
    expect(getAccessToken()).toBeNull();
  });
});
