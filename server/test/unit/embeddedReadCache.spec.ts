import { setDatabaseEngine } from '../../src/db/engine';
import { EmbeddedReadCache, forgetCachesOf, onlyTouches } from '../../src/db/embeddedReadCache';

afterEach(() => setDatabaseEngine('mongodb'));

const counted = () => {
  let loads = 0;
  return {
    load: (value: string) => async () => {
      loads++;
      return value;
    },
    get loads() {
      return loads;
    },
  };
};

test('on the embedded database a value is read once, until a write forgets it', async () => {
  setDatabaseEngine('ferretdb');
  const cache = new EmbeddedReadCache<string>('unit-a');
  const reads = counted();
  expect(await cache.get('k', reads.load('one'))).toBe('one');
  expect(await cache.get('k', reads.load('two'))).toBe('one');
  expect(reads.loads).toBe(1);
  forgetCachesOf('unit-a');
  expect(await cache.get('k', reads.load('three'))).toBe('three');
  expect(reads.loads).toBe(2);
});

test('on MongoDB (other servers write) every read goes to the database', async () => {
  setDatabaseEngine('mongodb');
  const cache = new EmbeddedReadCache<string>('unit-b');
  const reads = counted();
  await cache.get('k', reads.load('one'));
  expect(await cache.get('k', reads.load('two'))).toBe('two');
  expect(reads.loads).toBe(2);
});

test('a read that began before a write is returned but not kept', async () => {
  setDatabaseEngine('ferretdb');
  const cache = new EmbeddedReadCache<string>('unit-c');
  let release!: () => void;
  const slow = cache.get(
    'k',
    () => new Promise<string>((resolve) => (release = () => resolve('before the write'))),
  );
  cache.forgetAll();
  release();
  expect(await slow).toBe('before the write');
  expect(await cache.get('k', async () => 'after the write')).toBe('after the write');
});

test('the cache stays bounded', async () => {
  setDatabaseEngine('ferretdb');
  const cache = new EmbeddedReadCache<number>('unit-d', 3);
  const reads = counted();
  for (const key of ['a', 'b', 'c', 'd']) await cache.get(key, async () => key.length);
  await cache.get('a', reads.load('again') as never);
  expect(reads.loads).toBe(1);
});

test('updates that only move counters (and timestamps) are told apart from the rest', () => {
  const counters = onlyTouches('stats.');
  expect(counters({ $inc: { 'stats.responses': 1 }, $set: { updatedAt: new Date() } })).toBe(true);
  expect(counters({ $inc: { 'stats.responses': 1 }, $set: { status: 'paused' } })).toBe(false);
  expect(counters({ $set: { 'chatFlow.greeting': 'Hi' } })).toBe(false);
  expect(counters({ name: 'replaced' })).toBe(false);
  expect(counters({ $set: { updatedAt: new Date() } })).toBe(false);
  expect(counters([{ $set: { 'stats.x': 1 } }])).toBe(false);
  expect(counters(undefined)).toBe(false);
});
