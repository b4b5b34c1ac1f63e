import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { OperationTypeNode } from 'graphql';
import { createClient } from 'graphql-ws';
import { authLink, tokenRefreshLink } from './auth/links';
import { getAccessToken, subscribeTokens } from './auth/tokens';

const GRAPHQL_PATH = '/graphql';

function webSocketUrl(path: string): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}${path}`;
}

const wsClient = createClient({
  url: webSocketUrl(GRAPHQL_PATH),
  connectionParams: () => {
    const token = getAccessToken();
    return token ? { token } : {};
  },
});

const transport = ApolloLink.split(
  ({ operationType }) => operationType === OperationTypeNode.SUBSCRIPTION,
  new GraphQLWsLink(wsClient),
  new HttpLink({ uri: GRAPHQL_PATH }),
);

export const client = new ApolloClient({
  link: ApolloLink.from([tokenRefreshLink, authLink, transport]),
  cache: new InMemoryCache(),
});

subscribeTokens(() => {
  // The socket authenticates once, on connect: reconnect so it carries the new token.
  wsClient.terminate();
  // Never show one user's cached data to the next one.
  if (!getAccessToken()) void client.clearStore();
});
