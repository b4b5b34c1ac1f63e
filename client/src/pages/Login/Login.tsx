import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { setTokens } from '../../auth/tokens';
import { AuthForm, type Credentials } from '../../components/AuthForm';
import { errorMessage } from '../../errorMessage';
import { graphql } from '../../gql';

export const LoginDocument = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      accessToken
      refreshToken
      user {
        id
        email
        role
      }
    }
  }
`);

export function Login() {
  const navigate = useNavigate();
  // Back to the page that sent the visitor here (RequireAuth puts it in the state).
  const from = (useLocation().state as { from?: string } | null)?.from ?? '/';
  const [login, { loading }] = useMutation(LoginDocument);
  const [error, setError] = useState<string | null>(null);

  async function handleSubmit(input: Credentials) {
    setError(null);
    try {
      const { data } = await login({ variables: { input } });
      if (!data) return;
      setTokens(data.login);
      navigate(from, { replace: true });
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <AuthForm
      title="Log in to Salesdesk"
      subtitle="Welcome back. Your chats kept going while you were away."
      submitLabel="Log in"
      busyLabel="Logging in…"
      passwordAutoComplete="current-password"
      busy={loading}
      error={error}
      onSubmit={(input) => void handleSubmit(input)}
      footer={
        <>
          New to Salesdesk?{' '}
          <Link
            className="font-semibold text-indigo-700 hover:underline focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none rounded"
            to="/signup"
          >
            Create an account
          </Link>
        </>
      }
    />
  );
}
