import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { OperationTypeNode } from 'graphql';
import { createClient } from 'graphql-ws';
import { authLink, createSocketReauthLink, refreshOnce, tokenRefreshLink } from './auth/links';
import { getAccessToken, subscribeTokens, tokenExpiresAt } from './auth/tokens';
import { typePolicies } from './cachePolicies';
import { setSocketStatus } from './socketStatus';

const GRAPHQL_PATH = '/graphql';
/** A token this close to its expiry is refreshed before a socket connects with it. */
const EXPIRY_MARGIN_MS = 30_000;

function webSocketUrl(path: string): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}${path}`;
}

/** The token the current socket authenticated with. */
let socketToken: string | null = null;
/** A refresh made for a connecting socket must not terminate that socket. */
let connecting = false;

const wsClient = createClient({
  url: webSocketUrl(GRAPHQL_PATH),
  // Called on every (re)connect: a socket opened with an expired token would be closed
  // with 4401 at once, so refresh first.
  connectionParams: async () => {
    connecting = true;
    try {
      let token = getAccessToken();
      const expiresAt = token ? tokenExpiresAt(token) : null;
      if (token && expiresAt !== null && expiresAt - Date.now() < EXPIRY_MARGIN_MS) {
        if (await refreshOnce(client)) token = getAccessToken();
      }
      socketToken = token;
      return token ? { token } : {};
    } finally {
      connecting = false;
    }
  },
  // Reconnect after network drops for as long as the page is open.
  retryAttempts: Infinity,
  on: {
    connecting: () => setSocketStatus('connecting'),
    connected: () => setSocketStatus('connected'),
    // 4499 is our own terminate() before a reconnect with a new token: not an outage.
    closed: (event) =>
      setSocketStatus(
        (event as { code?: number } | undefined)?.code === 4499 ? 'connecting' : 'offline',
      ),
  },
  retryWait: async (retries) => {
    const ms = Math.min(1000 * 2 ** retries, 30_000);
    await new Promise((resolve) => setTimeout(resolve, ms * (0.5 + Math.random() / 2)));
  },
});

const transport = ApolloLink.split(
  ({ operationType }) => operationType === OperationTypeNode.SUBSCRIPTION,
  ApolloLink.from([createSocketReauthLink(() => socketToken), new GraphQLWsLink(wsClient)]),
  new HttpLink({ uri: GRAPHQL_PATH }),
);

export const client = new ApolloClient({
  link: ApolloLink.from([tokenRefreshLink, authLink, transport]),
  cache: new InMemoryCache({ typePolicies }),
});

let lastToken = getAccessToken();
subscribeTokens(() => {
  const token = getAccessToken();
  if (token === lastToken) return;
  lastToken = token;
  // The socket authenticates once, on connect: reconnect so it carries the new token.
  // (terminate closes with 4499, which graphql-ws retries, resubscribing everything.)
  if (!connecting && token !== socketToken) wsClient.terminate();
  // Never show one user's cached data to the next one.
  if (!token) void client.clearStore();
});
