import { createApp } from '../../src/app';
import { testConfig, tempDataDir, uniqueEmail } from '../support/testApp';

const SIGNUP = 'mutation($input: SignupInput!) { signup(input: $input) { user { id } } }';
const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { user { id } } }';

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function post(url: string, query: string, variables: object) {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: Record<string, { user: { id: string } }> };
}

test('with no MONGODB_URI the app runs its own FerretDB, stops it, and finds the data again', async () => {
  const data = tempDataDir();
  try {
    const config = () => testConfig({ MONGODB_URI: '', DATA_DIR: data.dir });
    const credentials = { email: uniqueEmail(), password: 'persisted password' };

    const first = await createApp(config());
    const firstUrl = await first.listen();
    expect(first.database.engine).toBe('ferretdb');
    const pid = first.database.embedded!.pid;
    expect(isAlive(pid)).toBe(true);
    const created = await post(firstUrl, SIGNUP, { input: credentials });
    const userId = created.data?.signup?.user.id;
    expect(userId).toBeTruthy();
    await first.stop();
    expect(isAlive(pid)).toBe(false);

    const second = await createApp(config());
    const secondUrl = await second.listen();
    expect(second.database.embedded!.pid).not.toBe(pid);
    const login = await post(secondUrl, LOGIN, { input: credentials });
    expect(login.data?.login?.user.id).toBe(userId);
    const ready = await fetch(`${secondUrl}/readyz`);
    expect(await ready.json()).toMatchObject({ database: { status: 'up', engine: 'ferretdb' } });
    await second.stop();
  } finally {
    data.remove();
  }
});
