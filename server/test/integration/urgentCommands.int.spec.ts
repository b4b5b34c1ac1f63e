import mongoose from 'mongoose';
import { databaseEngine } from '../../src/db/engine';
import { urgently } from '../../src/db/urgentCommands';
import { startTestApp, type TestApp } from '../support/testApp';

/*
 * On the embedded engine the server's one connection serves every command in turn; the
 * webhook's answer goes ahead of the commands already waiting.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

test('an urgent command overtakes the ones waiting for the connection', async () => {
  expect(databaseEngine()).toBe('ferretdb');
  const db = mongoose.connection.db!;
  const order: string[] = [];
  const ping = (name: string) => db.command({ ping: 1 }).then(() => order.push(name));
  const waiting = Array.from({ length: 8 }, (_, index) => ping(`plain ${index}`));
  const urgent = urgently(() => ping('urgent'));
  await Promise.all([...waiting, urgent]);
  // The first plain one already had the connection; the urgent one runs next.
  expect(order.indexOf('urgent')).toBeLessThanOrEqual(1);
  expect(order.filter((name) => name.startsWith('plain'))).toEqual(
    Array.from({ length: 8 }, (_, index) => `plain ${index}`),
  );
});

test('commands outside urgently keep their order', async () => {
  const db = mongoose.connection.db!;
  const order: number[] = [];
  await Promise.all(
    Array.from({ length: 10 }, (_, index) => db.command({ ping: 1 }).then(() => order.push(index))),
  );
  expect(order).toEqual(Array.from({ length: 10 }, (_, index) => index));
});
