import { useSyncExternalStore } from 'react';
import { getAccessToken, subscribeTokens } from './tokens';

/** The current access token; re-renders when it changes (sign-in, refresh, sign-out). */
export function useAccessToken(): string | null {
  return useSyncExternalStore(subscribeTokens, getAccessToken, () => null);
}
