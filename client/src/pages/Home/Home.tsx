import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect } from 'react';
import { useNavigate } from 'react-router-dom';
import { clearTokens, getRefreshToken } from '../../auth/tokens';
import { errorMessage } from '../../errorMessage';
import { graphql } from '../../gql';

export const MeDocument = graphql(`
  query Me {
    me {
      id
      email
      role
    }
  }
`);

export const LogoutDocument = graphql(`
  mutation Logout($refreshToken: String) {
    logout(refreshToken: $refreshToken)
  }
`);

const ROLE_LABELS = { ADMIN: 'Admin', USER: 'User' } as const;

export function Home() {
  const navigate = useNavigate();
  const { data, loading, error } = useQuery(MeDocument);
  const [logout, { loading: loggingOut }] = useMutation(LogoutDocument);

  useEffect(() => {
    // A token the server no longer knows: `me` is null, so the session is over.
    if (data && data.me === null) clearTokens();
  }, [data]);

  async function handleLogout() {
    try {
      await logout({ variables: { refreshToken: getRefreshToken() } });
    } catch {
      // Signing out locally matters more than telling the server.
    }
    clearTokens();
    navigate('/login', { replace: true });
  }

  const me = data?.me;

  return (
    <main className="page">
      <section className="card" aria-labelledby="home-title">
        <h1 id="home-title">Salesdesk</h1>
        {loading && <p aria-live="polite">Loading your account…</p>}
        {error && (
          <p className="error" role="alert">
            {errorMessage(error)}
          </p>
        )}
        {me && (
          <>
            <p>
              Signed in as <strong>{me.email}</strong>
            </p>
            <p>
              Role: <strong>{ROLE_LABELS[me.role]}</strong>
            </p>
          </>
        )}
        <p className="muted">Your dashboard is coming soon.</p>
        <button type="button" onClick={() => void handleLogout()} disabled={loggingOut}>
          {loggingOut ? 'Logging out…' : 'Log out'}
        </button>
      </section>
    </main>
  );
}
