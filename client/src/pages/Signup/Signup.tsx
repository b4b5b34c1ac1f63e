import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { setTokens } from '../../auth/tokens';
import { AuthForm, type Credentials } from '../../components/AuthForm';
import { errorMessage } from '../../errorMessage';
import { graphql } from '../../gql';

export const SignupDocument = graphql(`
  mutation Signup($input: SignupInput!) {
    signup(input: $input) {
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

export function Signup() {
  const navigate = useNavigate();
  const [signup, { loading }] = useMutation(SignupDocument);
  const [error, setError] = useState<string | null>(null);

  async function handleSubmit(input: Credentials) {
    setError(null);
    try {
      const { data } = await signup({ variables: { input } });
      if (!data) return;
      setTokens(data.signup);
      navigate('/', { replace: true });
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  return (
    <AuthForm
      title="Create your Salesdesk account"
      submitLabel="Sign up"
      busyLabel="Creating account…"
      passwordAutoComplete="new-password"
      busy={loading}
      error={error}
      onSubmit={(input) => void handleSubmit(input)}
      footer={
        <>
          Already have an account? <Link to="/login">Log in</Link>
        </>
      }
    />
  );
}
