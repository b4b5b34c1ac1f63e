import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import mongoose, { mongo, Types } from 'mongoose';
import { backupDatabase, restoreDatabase } from '../../src/modules/dbms/backup';
import { seedTenant, type Tenant, startDbmsApp } from '../support/dbmsScenario';
import { exportAs } from '../support/dbmsTransfer';
import type { GraphApiFixture } from '../support/graphApiFixture';
import { type TestApp } from '../support/testApp';

const { EJSON, Int32, Double, Long, Binary } = mongo.BSON;

let graph: GraphApiFixture;
let t: TestApp;
let tenant: Tenant;
let dir: string;
let client: mongo.MongoClient;
beforeAll(async () => {
  ({ graph, t } = await startDbmsApp());
  tenant = await seedTenant(t, graph);
  await exportAs(t, tenant.owner.accessToken, 'collections=campaigns'); // an audit log entry
  // A collection no model knows, with the BSON types a JSON round trip would lose.
  await mongoose.connection
    .db!.collection<{ _id: unknown; [key: string]: unknown }>('extras')
    .insertMany([
      {
        _id: new Types.ObjectId(),
        int: new Int32(7),
        double: new Double(2),
        long: Long.fromString('9007199254740993'),
        binary: new Binary(Buffer.from([0, 1, 2, 255])),
        at: new Date('2026-01-02T03:04:05.678Z'),
        nothing: null,
        flags: [true, false],
        nested: { list: [{ a: 'x' }, { a: 'y' }] },
      },
      { _id: 'string-id', note: 'ids need not be ObjectIds' },
    ]);
  dir = mkdtempSync(path.join(os.tmpdir(), 'salesdesk-backup-'));
  client = new mongo.MongoClient(process.env.SALESDESK_TEST_MONGODB_URI!, { maxPoolSize: 1 });
  await client.connect();
}, 60_000);
afterAll(async () => {
  await client.close();
  rmSync(dir, { recursive: true, force: true });
  await t.stop();
  await graph.close();
});

/** Every document of every collection, exactly (canonical EJSON, no type promotion). */
async function contents(db: mongo.Db): Promise<Record<string, string[]>> {
  const result: Record<string, string[]> = {};
  for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
    const documents = await db
      .collection(name)
      .find({}, { promoteValues: false })
      .sort({ _id: 1 })
      .toArray();
    result[name] = documents.map((document) => EJSON.stringify(document, { relaxed: false }));
  }
  return result;
}

async function indexes(db: mongo.Db): Promise<Record<string, unknown[]>> {
  const result: Record<string, unknown[]> = {};
  for (const { name } of await db.listCollections({}, { nameOnly: true }).toArray()) {
    result[name] = (await db.collection(name).listIndexes().toArray())
      .map((index) => ({ name: index.name, key: index.key, unique: index.unique ?? false }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }
  return result;
}

test('a backup restores into a fresh database identical, indexes included', async () => {
  const source = mongoose.connection.db!;
  const backupDir = path.join(dir, 'first');
  const manifest = await backupDatabase(source, backupDir, t.app.database.engine);
  const original = await contents(source);

  expect(manifest).toMatchObject({
    format: 'salesdesk-backup',
    version: 1,
    engine: 'ferretdb',
    database: source.databaseName,
  });
  expect(manifest.collections.map((collection) => collection.name)).toEqual(
    Object.keys(original).sort(),
  );
  for (const { name, count } of manifest.collections) {
    expect([name, count]).toEqual([name, original[name]!.length]);
  }
  for (const name of ['users', 'chats', 'messages', 'inboundevents', 'extras', 'auditlogs']) {
    expect(original[name]?.length).toBeGreaterThan(0);
  }
  // A real backup: the password hash is there, unredacted.
  const users = readFileSync(path.join(backupDir, 'users.ndjson'), 'utf8');
  expect(users).toMatch(/"password":"\$2[aby]\$/);
  expect(users).toContain(tenant.owner.user.id);

  const target = client.db(`${source.databaseName}_restored`);
  const restored = await restoreDatabase(target, backupDir);
  expect(restored.warnings).toEqual([]);
  expect(await contents(target)).toEqual(original);
  const sourceIndexes = await indexes(source);
  expect(await indexes(target)).toEqual(sourceIndexes);
  expect(sourceIndexes.users).toContainEqual({ name: 'email_1', key: { email: 1 }, unique: true });

  // Not over data: refused before anything is written. With --force: replaced.
  const intruder = { _id: new Types.ObjectId(), name: 'written after the backup' };
  await target.collection('campaigns').insertOne(intruder);
  await expect(restoreDatabase(target, backupDir)).rejects.toThrow(
    /already hold documents: .*campaigns.*--force/,
  );
  expect(await target.collection('campaigns').findOne({ _id: intruder._id })).not.toBeNull();
  await restoreDatabase(target, backupDir, { force: true });
  expect(await contents(target)).toEqual(original);
  expect(await indexes(target)).toEqual(sourceIndexes);
  await target.dropDatabase();
}, 60_000);

test('backups go to a new directory; restores need a manifest that adds up', async () => {
  const taken = path.join(dir, 'taken');
  await backupDatabase(mongoose.connection.db!, taken, 'ferretdb');
  await expect(backupDatabase(mongoose.connection.db!, taken, 'ferretdb')).rejects.toThrow(
    /is not empty/,
  );
  const target = client.db(`${mongoose.connection.db!.databaseName}_broken`);
  await expect(restoreDatabase(target, path.join(dir, 'nothing-here'))).rejects.toThrow(
    /no readable manifest\.json/,
  );
  // A file cut short is caught by the manifest's count.
  const file = path.join(taken, 'messages.ndjson');
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  writeFileSync(file, `${lines.slice(1).join('\n')}\n`);
  await expect(restoreDatabase(target, taken)).rejects.toThrow(
    new RegExp(
      `messages\\.ndjson: ${lines.length - 1} documents where the manifest says ${lines.length}`,
    ),
  );
  await target.dropDatabase();
});
