import { useMutation } from '@apollo/client/react';
import { useCallback } from 'react';
import { useNavigate } from 'react-router-dom';
import { currentSubscription } from '../components/alerts/browserPush';
import { graphql } from '../gql';
import { clearTokens, getRefreshToken } from './tokens';

export const LogoutDocument = graphql(`
  mutation Logout($refreshToken: String) {
    logout(refreshToken: $refreshToken)
  }
`);

/**
 * Signs out: this session (default) or, with `everywhere`, every session of the user
 * (the server's logout without a refresh token ends them all).
 */
export function useLogout() {
  const navigate = useNavigate();
  const [logout, { loading }] = useMutation(LogoutDocument);
  const run = useCallback(
    async ({ everywhere = false }: { everywhere?: boolean } = {}) => {
      try {
        await logout({ variables: { refreshToken: everywhere ? null : getRefreshToken() } });
      } catch {
        // Signing out locally matters more than telling the server.
      }
      // This browser's push belonged to the account leaving: the next person here gets none.
      await currentSubscription()
        .then((subscription) => subscription?.unsubscribe())
        .catch(() => undefined);
      clearTokens();
      navigate('/login', { replace: true });
    },
    [logout, navigate],
  );
  return { logout: run, loading };
}
