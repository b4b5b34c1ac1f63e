import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
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
  const [login, { loading }] = useMutation(LoginDocument);
  const [error, setError] = useState<string | null>(null);

  async function handleSubmit(input: Credentials) {
    setError(null);
    try {
      const { data } = await login({ variables: { input } });
      if (!data) return;
      setTokens(data.login);
      navigate('/', { replace: true });
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <AuthForm
      title="Log in to Salesdesk"
      submitLabel="Log in"
      busyLabel="Logging in…"
      passwordAutoComplete="current-password"
      busy={loading}
      error={error}
      onSubmit={(input) => void handleSubmit(input)}
      footer={
        <>
          New to Salesdesk? <Link to="/signup">Create an account</Link>
        </>
      }
    />
  );
}
