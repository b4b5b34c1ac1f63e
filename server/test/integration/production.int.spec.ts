import { getIntrospectionQuery } from 'graphql';
import { signUp, startTestApp, type TestApp } from '../support/testApp';

/** NODE_ENV=production: introspection for admins only, no internals in errors. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ env: { NODE_ENV: 'production', ADMIN_EMAILS: 'root@example.com' } });
});
afterAll(() => t.stop());

test('introspection is refused to anonymous callers and to ordinary users', async () => {
  const anonymous = await t.gql(getIntrospectionQuery());
  expect(anonymous.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  expect(anonymous.data ?? undefined).toBeUndefined();

  const user = await signUp(t);
  const asUser = await t.gql('{ __type(name: "User") { name } }', {}, { token: user.accessToken });
  expect(asUser.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});

test('admins can introspect (the admin playground needs it)', async () => {
  const admin = await signUp(t, 'root@example.com');
  const response = await t.gql<{ __schema: { queryType: { name: string } } }>(
    getIntrospectionQuery(),
    {},
    { token: admin.accessToken },
  );
  expect(response.errors).toBeUndefined();
  expect(response.data?.__schema.queryType.name).toBe('Query');
});

test('__typename alone is not introspection and stays available', async () => {
  expect((await t.gql('{ __typename }')).data).toEqual({ __typename: 'Query' });
});

test('error responses carry no stack traces', async () => {
  const response = await t.gql('{ me { email } }');
  expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  expect(JSON.stringify(response)).not.toMatch(/stacktrace|at .*\.ts:\d+/);
});
