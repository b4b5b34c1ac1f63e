import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { useApolloClient } from '@apollo/client/react';
import { GraphiQL } from 'graphiql';
import 'graphiql/setup-workers/vite';
import 'graphiql/style.css';
import './playground.css';
import { createClient } from 'graphql-ws';
import { useEffect, useMemo } from 'react';
import { authorizedFetch, freshAccessToken } from '../../auth/authorizedFetch';

const GRAPHQL_PATH = '/graphql';

const DEFAULT_QUERY = `# Runs as you, against the live API.
# Ctrl/Cmd+Enter runs the query; the book icon opens the schema docs.

query Overview {
  me {
    email
    role
  }
  campaigns(limit: 5) {
    total
    items {
      name
      status
    }
  }
}

# Live updates arrive over the WebSocket, e.g.:
# subscription { chatUpdated { id customerName status leadScore } }
`;

function webSocketUrl(path: string): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}${path}`;
}

/** GraphiQL from our bundle (no CDN): HTTP with the bearer token, subscriptions over graphql-ws. */
export default function GraphiQLEditor() {
  const apollo = useApolloClient();

  const { fetcher, wsClient } = useMemo(() => {
    const socket = createClient({
      url: webSocketUrl(GRAPHQL_PATH),
      // Asked on every (re)connect: the server closes with 4401 when the token expires.
      connectionParams: async () => {
        const token = await freshAccessToken(apollo);
        return token ? { token } : {};
      },
      lazy: true,
      retryAttempts: 5,
      shouldRetry: () => true,
    });
    return {
      wsClient: socket,
      fetcher: createGraphiQLFetcher({
        url: GRAPHQL_PATH,
        wsClient: socket,
        fetch: (input, init) => authorizedFetch(apollo, input, init),
      }),
    };
  }, [apollo]);

  useEffect(() => () => void wsClient.dispose(), [wsClient]);

  return (
    <GraphiQL
      fetcher={fetcher}
      defaultQuery={DEFAULT_QUERY}
      isHeadersEditorEnabled={false}
      forcedTheme="light"
    />
  );
}
