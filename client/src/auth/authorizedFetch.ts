import type { ApolloClient } from '@apollo/client';
import { refreshOnce } from './links';
import { getAccessToken, tokenExpiresAt } from './tokens';

/** A token this close to its expiry is refreshed first: it must survive the trip. */
const EXPIRY_MARGIN_MS = 15_000;

/**
 * The access token, refreshed first when it is about to expire. Refreshing goes through
 * the Apollo links' single refresh (refreshOnce), so requests made outside Apollo
 * (downloads, uploads, GraphiQL) share its token rotation.
 */
export async function freshAccessToken(client: ApolloClient): Promise<string | null> {
  const token = getAccessToken();
  const expiresAt = token ? tokenExpiresAt(token) : null;
  if (expiresAt !== null && expiresAt - Date.now() < EXPIRY_MARGIN_MS) await refreshOnce(client);
  return getAccessToken();
}

const withToken = (init: RequestInit | undefined, token: string | null): RequestInit => {
  const headers = new Headers(init?.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  else headers.delete('authorization');
  return { ...init, headers };
};

/**
 * fetch() with the user's bearer token; on 401 the session is refreshed once and the
 * request repeated. Bodies must be re-sendable (strings, Blobs, Files), not streams.
 */
export async function authorizedFetch(
  client: ApolloClient,
  input: RequestInfo | URL,
  init?: RequestInit,
): Promise<Response> {
  const response = await fetch(input, withToken(init, await freshAccessToken(client)));
  if (response.status !== 401) return response;
  if (!(await refreshOnce(client))) return response;
  return fetch(input, withToken(init, getAccessToken()));
}
