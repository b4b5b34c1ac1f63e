import { randomBytes } from 'node:crypto';

/*
 * GraphQL over HTTP and signing up, for any server the tests start (a test app in this
 * process, or the production build in the browser suite). Nothing here loads the app.
 */

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; [key: string]: unknown } }[];
}

/** Whatever answers GraphQL: a test app, or a server started some other way. */
export interface GraphQLApi {
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { token?: string; headers?: Record<string, string> },
  ): Promise<GraphQLResponse<T>>;
}

/** GraphQL over HTTP against the server at `url`. */
export function graphqlAt(url: string): GraphQLApi {
  return {
    async gql<T>(
      query: string,
      variables?: Record<string, unknown>,
      { token, headers }: { token?: string; headers?: Record<string, string> } = {},
    ): Promise<GraphQLResponse<T>> {
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        body: JSON.stringify({ query, variables }),
      });
      return {
        status: response.status,
        ...((await response.json()) as object),
      } as GraphQLResponse<T>;
    },
  };
}

let emailCounter = 0;
export const uniqueEmail = (prefix = 'owner'): string =>
  `${prefix}${++emailCounter}-${randomBytes(3).toString('hex')}@example.com`;

export const SIGNUP = /* GraphQL */ `
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
`;

export interface AuthResult {
  accessToken: string;
  refreshToken: string;
  user: { id: string; email: string; role: string };
}

export async function signUp(
  testApp: GraphQLApi,
  email = uniqueEmail(),
  password = 'correct horse battery',
): Promise<AuthResult> {
  const response = await testApp.gql<{ signup: AuthResult }>(SIGNUP, {
    input: { email, password },
  });
  if (!response.data?.signup) throw new Error(`signup failed: ${JSON.stringify(response.errors)}`);
  return response.data.signup;
}
