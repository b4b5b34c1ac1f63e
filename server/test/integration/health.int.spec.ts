import mongoose from 'mongoose';
import { models } from '../../src/db/indexes';
import { startTestApp, type TestApp } from '../support/testApp';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

test('GraphQL answers { __typename } over HTTP', async () => {
  const response = await t.gql('{ __typename }');
  expect(response.data).toEqual({ __typename: 'Query' });
});

test('/healthz says the process is up and /readyz that the database answers', async () => {
  const health = await fetch(`${t.url}/healthz`);
  expect(health.status).toBe(200);
  const ready = await fetch(`${t.url}/readyz`);
  expect(ready.status).toBe(200);
  expect(await ready.json()).toMatchObject({
    status: 'ready',
    database: { status: 'up', engine: 'ferretdb' },
  });
});

test('every index declared on the models exists after start-up', async () => {
  for (const model of models) {
    const existing = (await model.listIndexes()).map((index) => JSON.stringify(index.key));
    for (const [fields] of model.schema.indexes()) {
      expect(existing).toContain(JSON.stringify(fields));
    }
  }
  const unique = await mongoose.connection.collection('users').indexes();
  expect(unique.find((index) => index.key.email === 1)?.unique).toBe(true);
});

test('every response carries a request id, echoing the caller’s when given', async () => {
  const own = await fetch(`${t.url}/healthz`, { headers: { 'x-request-id': 'abc-123' } });
  expect(own.headers.get('x-request-id')).toBe('abc-123');
  const generated = await fetch(`${t.url}/healthz`);
  expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
});
