import { execFile } from 'node:child_process';
import path from 'node:path';
import { mongo, Types } from 'mongoose';
import { createApp } from '../../src/app';
import { startFerretDB, type EmbeddedFerretDB } from '../../src/db/ferretdb';
import { models } from '../../src/db/indexes';
import { moveDatabase, type MoveOptions } from '../../src/db/move';
import { seedTenant, startDbmsApp } from '../support/dbmsScenario';
import {
  SIGNUP,
  tempDataDir,
  testConfig,
  TEST_JWT_SECRET,
  TEST_SECRETS_KEY,
  uniqueEmail,
} from '../support/testApp';

/** `npm run db:move`: the test FerretDB is the embedded source, a second one stands in for MongoDB. */
const { EJSON, Int32, Double, Long, Binary, BSONRegExp } = mongo.BSON;

const baseUri = () => process.env.SALESDESK_TEST_MONGODB_URI!;
let sourceDbName: string;
let source: mongo.MongoClient;
let mongoLike: EmbeddedFerretDB;
let target: mongo.MongoClient;
let mongoLikeData: ReturnType<typeof tempDataDir>;

beforeAll(async () => {
  const { graph, t } = await startDbmsApp();
  try {
    await seedTenant(t, graph);
    await seedTenant(t, graph);
    sourceDbName = t.app.database.connection.name;
    const db = t.app.database.connection.db!;
    // BSON types a JSON round trip (or number promotion) would lose, and an empty collection.
    await db.collection<{ _id: unknown; [key: string]: unknown }>('extras').insertMany([
      {
        _id: new Types.ObjectId(),
        int: new Int32(7),
        double: new Double(2),
        long: Long.fromString('9007199254740993'),
        binary: new Binary(Buffer.from([0, 1, 2, 255])),
        regex: new BSONRegExp('^tote', 'i'),
        at: new Date('2026-01-02T03:04:05.678Z'),
        nothing: null,
        nested: { list: [{ a: 'x' }, { a: new Double(-0.5) }] },
      },
      { _id: 'string-id', note: 'ids need not be ObjectIds' },
    ]);
    await db.createCollection('empties');
  } finally {
    // The real procedure: the server is stopped, nothing writes while the move runs.
    await t.stop({ dropDatabase: false });
    await graph.close();
  }
  source = await new mongo.MongoClient(baseUri(), { maxPoolSize: 1 }).connect();
  mongoLikeData = tempDataDir();
  mongoLike = await startFerretDB({ dataDir: mongoLikeData.dir });
  target = await new mongo.MongoClient(mongoLike.uri, { maxPoolSize: 1 }).connect();
}, 90_000);

afterAll(async () => {
  await source?.db(sourceDbName).dropDatabase();
  await source?.close();
  await target?.close();
  await mongoLike?.stop();
  mongoLikeData?.remove();
});

const move = (options: Partial<MoveOptions> & { targetUri: string }) =>
  moveDatabase({ sourceUri: baseUri(), sourceDbName, ...options });

async function collectionNames(db: mongo.Db): Promise<string[]> {
  return (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
}

/** Every document of every collection, exactly (canonical EJSON, no type promotion). */
async function contents(db: mongo.Db): Promise<Record<string, string[]>> {
  const result: Record<string, string[]> = {};
  for (const name of await collectionNames(db)) {
    const documents = await db
      .collection(name)
      .find({}, { promoteValues: false, bsonRegExp: true })
      .sort({ _id: 1 })
      .toArray();
    result[name] = documents.map((document) => EJSON.stringify(document, { relaxed: false }));
  }
  return result;
}

async function indexesOf(db: mongo.Db, name: string) {
  return (await db.collection(name).listIndexes().toArray())
    .map((index) => ({ name: index.name, key: index.key, unique: index.unique ?? false }))
    .sort((a, b) => String(a.name).localeCompare(String(b.name)));
}

test('every collection arrives exactly, with the models’ indexes, and is verified', async () => {
  const lines: string[] = [];
  const report = await move({
    targetUri: `${mongoLike.uri}moved`,
    log: (line) => lines.push(line),
  });
  const from = source.db(sourceDbName);
  const to = target.db('moved');

  expect(report.ok).toBe(true);
  expect(report).toMatchObject({ sourceDb: sourceDbName, targetDb: 'moved' });
  const names = await collectionNames(from);
  expect(names).toEqual(expect.arrayContaining(['chats', 'messages', 'inboundevents', 'extras']));
  expect(report.collections.map((entry) => entry.name)).toEqual(names);
  for (const entry of report.collections) {
    expect(entry).toMatchObject({ match: true, targetDocuments: entry.documents });
    expect(entry.targetChecksum).toBe(entry.checksum);
  }
  expect(report.collections.find((entry) => entry.name === 'messages')!.documents).toBeGreaterThan(
    4,
  );
  expect(report.collections.find((entry) => entry.name === 'empties')!.documents).toBe(0);

  const original = await contents(from);
  expect(await contents(to)).toEqual(original);
  expect(original.extras!.join()).toContain('"$numberDouble":"2.0"');

  for (const model of models) {
    const name = model.collection.collectionName;
    expect({ name, indexes: await indexesOf(to, name) }).toEqual({
      name,
      indexes: await indexesOf(from, name),
    });
  }
  expect(report.indexes.collections.every((entry) => entry.error === undefined)).toBe(true);
  expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^copied messages: \d+/)]));
});

test('a target holding documents is refused, untouched; --force replaces those collections', async () => {
  // No database in the URI: the target takes the source's name.
  const occupied = target.db(sourceDbName);
  const kept = { _id: new Types.ObjectId(), email: 'already-there@example.com' };
  await occupied.collection('users').insertOne(kept);
  await occupied.collection('unrelated').insertOne({ note: 'not the source’s' });
  const before = await contents(occupied);

  await expect(move({ targetUri: mongoLike.uri })).rejects.toThrow(
    /already holds documents in users: nothing was written.*--force/,
  );
  expect(await contents(occupied)).toEqual(before);

  const report = await move({ targetUri: mongoLike.uri, force: true });
  expect(report).toMatchObject({ ok: true, targetDb: sourceDbName });
  const moved = await contents(occupied);
  const original = await contents(source.db(sourceDbName));
  expect(moved.users).toEqual(original.users);
  expect(moved.users!.join()).not.toContain(kept.email);
  expect(moved.unrelated).toEqual(before.unrelated);
});

test('a URI that is not MongoDB’s is refused with a clear message, password masked', async () => {
  await expect(
    move({ targetUri: 'postgres://app:s3cret@db.example.com/salesdesk' }),
  ).rejects.toThrow(
    /"postgres:\/\/app:\*\*\*\*@db\.example\.com\/salesdesk" is not a MongoDB URI: .*mongodb:\/\/ or mongodb\+srv:\/\//,
  );
  await expect(move({ targetUri: 'mongodb://db.example.com:notaport/x' })).rejects.toThrow(
    /is not a valid MongoDB URI/,
  );
});

// ---- the script, as an operator runs it ------------------------------------------------

const script = path.resolve(__dirname, '../../src/scripts/dbMove.ts');
const register = path.resolve(__dirname, '../support/swcRegister.js');

function runDbMove(cwd: string, args: string[], env: Record<string, string>) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['-r', register, script, ...args],
      {
        cwd,
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'test',
          JWT_SECRET: TEST_JWT_SECRET,
          SECRETS_KEY: TEST_SECRETS_KEY,
          DATA_DIR: cwd,
          ...env,
        },
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

test('npm run db:move moves DATA_DIR’s embedded database and prints the .env line', async () => {
  const data = tempDataDir();
  try {
    const app = await createApp(testConfig({ MONGODB_URI: '', DATA_DIR: data.dir }));
    const url = await app.listen();
    const signup = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: SIGNUP,
        variables: { input: { email: uniqueEmail(), password: 'correct horse battery' } },
      }),
    });
    expect(((await signup.json()) as { data?: unknown }).data).toBeTruthy();
    await app.stop();

    const targetUri = `${mongoLike.uri}scripted`;
    const moved = await runDbMove(data.dir, [targetUri], {});
    expect(moved).toMatchObject({ code: 0, stderr: '' });
    expect(moved.stdout).toMatch(/^users\s+1\s+match$/m);
    expect(moved.stdout.trim().split('\n').at(-1)).toBe(`MONGODB_URI=${targetUri}`);
    expect(await target.db('scripted').collection('users').countDocuments()).toBe(1);

    const again = await runDbMove(data.dir, [targetUri], {});
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already holds documents in .*users/);

    const configured = await runDbMove(data.dir, [targetUri], { MONGODB_URI: targetUri });
    expect(configured.code).toBe(1);
    expect(configured.stderr).toMatch(/MONGODB_URI is already set .*nothing to move/);

    const bad = await runDbMove(data.dir, ['db.example.com:27017'], {});
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/is not a MongoDB URI/);
  } finally {
    data.remove();
  }
}, 90_000);
