import { ApolloClient, ApolloLink, CombinedGraphQLErrors, InMemoryCache } from '@apollo/client';
import { Observable } from 'rxjs';
import { MeDocument } from '../gql/graphql';
import { authLink, tokenRefreshLink } from './links';
import { getAccessToken, getRefreshToken, setTokens } from './tokens';

interface Call {
  operationName: string | undefined;
  authorization: string | undefined;
}

const me = { id: '665f1c2e9b1e8a3d4c5b6a70', email: 'owner@shop.test', role: 'USER' };
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
