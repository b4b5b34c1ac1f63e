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
      subtitle="Start answering customers in minutes. No card needed."
      submitLabel="Sign up"
      busyLabel="Creating account…"
      passwordAutoComplete="new-password"
      passwordHint="At least 8 characters."
      busy={loading}
      error={error}
      onSubmit={(input) => void handleSubmit(input)}
      footer={
        <>
          Already have an account?{' '}
          <Link
            className="font-semibold text-indigo-700 hover:underline focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none rounded"
            to="/login"
          >
            Log in
          </Link>
        </>
      }
    />
  );
}
