import { useQuery } from '@apollo/client/react';
import { graphql } from '../gql';
import type { MeQuery } from '../gql/graphql';

export const MeDocument = graphql(`
  query Me {
    me {
      id
      email
      role
      onboardingCompleted
      createdAt
      businessInfo {
        businessName
        ownerName
        currency
        timezone
      }
      globalAI {
        trained
        lastTrainedAt
      }
    }
  }
`);

export type CurrentUser = NonNullable<MeQuery['me']>;

/**
 * The signed-in user (`me`), cached: every component can call it without another request.
 * `me` is null while loading, and when the server no longer knows the token.
 */
export function useMe() {
  const { data, loading, error, refetch } = useQuery(MeDocument);
  const me = data?.me ?? null;
  return {
    me,
    loading,
    error,
    refetch,
    isAdmin: me?.role === 'ADMIN',
    /** The server answered and there is no such user: the session is over */
    signedOut: !loading && !error && data !== undefined && data.me === null,
  };
}
