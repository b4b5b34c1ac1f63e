import mongoose from 'mongoose';
import { connectDatabase, type Database } from '../../src/db/connect';
import { syncIndexes, type IndexSyncReport } from '../../src/db/indexSync';
import { createLogger } from '../../src/logger';
import { testConfig } from '../support/testApp';

/** `npm run migrate`'s index sync against a real database. */
let database: Database;
beforeAll(async () => {
  database = await connectDatabase(testConfig(), createLogger('silent'));
});
afterAll(async () => {
  await database.connection.dropDatabase().catch(() => undefined);
  await database.close();
});

const db = () => mongoose.connection.db!;
const entry = (report: IndexSyncReport, collection: string) =>
  report.collections.find((item) => item.collection === collection)!;
const indexNames = async (collection: string): Promise<string[]> =>
  (await db().collection(collection).indexes()).map((index) => index.name!).sort();

test('a database set up at boot is in sync: nothing to create, nothing extra', async () => {
  const report = await syncIndexes(db(), { dryRun: true });
  expect(report.collections.length).toBeGreaterThan(10);
  for (const item of report.collections) {
    expect(item).toMatchObject({ missing: [], extra: [] });
    expect(item.error).toBeUndefined();
  }
});

test('a missing index is created; a dry run only reports it', async () => {
  await db().collection('chats').dropIndex('mode_1_handbackAt_1');

  const dry = await syncIndexes(db(), { dryRun: true });
  expect(entry(dry, 'chats')).toMatchObject({ missing: ['mode_1_handbackAt_1'], created: [] });
  expect(await indexNames('chats')).not.toContain('mode_1_handbackAt_1');

  const applied = await syncIndexes(db());
  expect(entry(applied, 'chats')).toMatchObject({ created: ['mode_1_handbackAt_1'] });
  expect(await indexNames('chats')).toContain('mode_1_handbackAt_1');
});

test('an undeclared index is reported and kept, and dropped only with drop', async () => {
  await db().collection('campaigns').createIndex({ name: 1 }, { name: 'legacy_name' });

  const kept = await syncIndexes(db());
  expect(entry(kept, 'campaigns')).toMatchObject({ extra: ['legacy_name'], dropped: [] });
  expect(await indexNames('campaigns')).toContain('legacy_name');

  const dryDrop = await syncIndexes(db(), { drop: true, dryRun: true });
  expect(entry(dryDrop, 'campaigns').dropped).toEqual([]);
  expect(await indexNames('campaigns')).toContain('legacy_name');

  const dropped = await syncIndexes(db(), { drop: true });
  expect(entry(dropped, 'campaigns')).toMatchObject({ dropped: ['legacy_name'] });
  expect(await indexNames('campaigns')).not.toContain('legacy_name');
  // Declared indexes are never dropped as "extra".
  expect(await indexNames('campaigns')).toEqual(
    expect.arrayContaining(['createdAt_-1', 'userId_1_status_1']),
  );
});

test('an index whose options changed needs drop; other collections still sync', async () => {
  const users = db().collection('users');
  await users.dropIndex('email_1');
  await users.createIndex({ email: 1 }, { name: 'email_1' }); // no longer unique
  await db().collection('messages').dropIndex('chatId_1_createdAt_1');

  const refused = await syncIndexes(db());
  expect(entry(refused, 'users')).toMatchObject({ missing: ['email_1'], extra: ['email_1'] });
  expect(entry(refused, 'users').error).toMatch(/email_1/);
  expect(entry(refused, 'messages')).toMatchObject({ created: ['chatId_1_createdAt_1'] });
  expect((await users.indexes()).find((index) => index.name === 'email_1')?.unique).toBeFalsy();

  const repaired = await syncIndexes(db(), { drop: true });
  expect(entry(repaired, 'users')).toMatchObject({ dropped: ['email_1'], created: ['email_1'] });
  expect(entry(repaired, 'users').error).toBeUndefined();
  expect((await users.indexes()).find((index) => index.name === 'email_1')?.unique).toBe(true);
});

test('collections no model declares are listed and left alone', async () => {
  await db().collection('legacy_things').insertOne({ a: 1 });
  const report = await syncIndexes(db(), { drop: true });
  expect(report.undeclaredCollections).toEqual(['legacy_things']);
  expect(await db().collection('legacy_things').countDocuments()).toBe(1);
});
