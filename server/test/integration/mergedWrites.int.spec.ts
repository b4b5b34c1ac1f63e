import mongoose, { Schema, type mongo } from 'mongoose';
import { databaseEngine } from '../../src/db/engine';
import { createOne, incrementById, insertUnordered } from '../../src/db/mergedWrites';
import { startTestApp, type TestApp } from '../support/testApp';

/*
 * Group commit on the embedded engine: concurrent writes go out as fewer commands, and
 * every caller still gets exactly its own outcome.
 */

const Probe = mongoose.model(
  'MergedWritesProbe',
  new Schema(
    { _id: String, name: { type: String, required: true }, n: { type: Number, default: 0 } },
    { collection: 'mergedwritesprobes', timestamps: true },
  ),
);

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

async function commandsDuring(name: string, run: () => Promise<unknown>): Promise<number> {
  const client = mongoose.connection.getClient();
  let count = 0;
  const listener = (event: mongo.CommandStartedEvent) => {
    if (event.commandName === name && event.command[name] === 'mergedwritesprobes') count++;
  };
  client.on('commandStarted', listener);
  try {
    await run();
  } finally {
    client.off('commandStarted', listener);
  }
  return count;
}

test('runs on the embedded engine, where writes are merged', () => {
  expect(databaseEngine()).toBe('ferretdb');
});

test('concurrent inserts go out together, and each caller hears of its own duplicates', async () => {
  await Probe.create({ _id: 'taken-1', name: 'first' });
  let results: Awaited<ReturnType<typeof insertUnordered>>[] = [];
  const commands = await commandsDuring('insert', async () => {
    results = await Promise.all(
      Array.from({ length: 30 }, (_, caller) =>
        insertUnordered(Probe, [
          { _id: `c${caller}-a`, name: 'a' },
          // Caller 7 repeats an existing id as its second document.
          { _id: caller === 7 ? 'taken-1' : `c${caller}-b`, name: 'b' },
        ]),
      ),
    );
  });
  expect(commands).toBeLessThan(30);
  results.forEach((failures, caller) => {
    if (caller === 7) {
      expect(failures).toEqual([expect.objectContaining({ index: 1, duplicate: true })]);
    } else {
      expect(failures).toEqual([]);
    }
  });
  expect(await Probe.countDocuments({ _id: /^c\d+-/ })).toBe(59);
  expect((await Probe.findById('taken-1').lean())!.name).toBe('first');
});

test('createOne rejects an invalid document alone, and a duplicate with code 11000', async () => {
  const outcomes = await Promise.allSettled([
    createOne(Probe, { _id: 'valid-1', name: 'ok' }),
    createOne(Probe, { _id: 'invalid-1' }),
    createOne(Probe, { _id: 'taken-1', name: 'again' }),
    createOne(Probe, { _id: 'valid-2', name: 'ok' }),
  ]);
  expect(outcomes.map((outcome) => outcome.status)).toEqual([
    'fulfilled',
    'rejected',
    'rejected',
    'fulfilled',
  ]);
  expect((outcomes[1] as PromiseRejectedResult).reason.name).toBe('ValidationError');
  expect((outcomes[2] as PromiseRejectedResult).reason.code).toBe(11000);
  const stored = (outcomes[0] as PromiseFulfilledResult<{ createdAt: Date }>).value;
  expect(stored.createdAt).toBeInstanceOf(Date);
  expect(await Probe.exists({ _id: 'invalid-1' })).toBeNull();
  expect(await Probe.countDocuments({ _id: /^valid-/ })).toBe(2);
});

test('concurrent increments of one document add up, in fewer commands', async () => {
  await Probe.create({ _id: 'counter', name: 'counter' });
  let matched: boolean[] = [];
  const commands = await commandsDuring('update', async () => {
    matched = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        incrementById(Probe, 'counter', { n: index % 2 === 0 ? 1 : 2 }),
      ),
    );
  });
  expect(matched.every(Boolean)).toBe(true);
  expect(commands).toBeLessThan(40);
  expect((await Probe.findById('counter').lean())!.n).toBe(60);
});

test('increments of a missing document report it to every caller and create nothing', async () => {
  const matched = await Promise.all(
    Array.from({ length: 10 }, () => incrementById(Probe, 'missing', { n: 1 })),
  );
  expect(matched).toEqual(Array(10).fill(false));
  expect(await Probe.exists({ _id: 'missing' })).toBeNull();
});
