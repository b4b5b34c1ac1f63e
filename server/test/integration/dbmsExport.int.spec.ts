import { mongo, Types } from 'mongoose';
import { MessageModel, Sender } from '../../src/modules/chats/message.model';
import { AuditAction, AuditLogModel } from '../../src/modules/dbms/auditLog.model';
import { DBMS_COLLECTIONS, REDACTED } from '../../src/modules/dbms/collections';
import { Platform } from '../../src/platforms/platform';
import { dataOf, dbmsAs, seedTenant, type Tenant, startDbmsApp } from '../support/dbmsScenario';
import { exportAs, ndjsonRecords, type ExportRecord } from '../support/dbmsTransfer';
import type { GraphApiFixture } from '../support/graphApiFixture';
import { signUp, type AuthResult, type TestApp } from '../support/testApp';

const { EJSON } = mongo.BSON;
const ADMIN_EMAIL = 'dbms-export-admin@example.com';

let graph: GraphApiFixture;
let t: TestApp;
let a: Tenant;
let b: Tenant;
let admin: AuthResult;
beforeAll(async () => {
  ({ graph, t } = await startDbmsApp({ ADMIN_EMAILS: ADMIN_EMAIL }));
  a = await seedTenant(t, graph);
  b = await seedTenant(t, graph);
  admin = await signUp(t, ADMIN_EMAIL);
}, 60_000);
afterAll(async () => {
  await t.stop();
  await graph.close();
});

const ownerOf = (record: ExportRecord): string =>
  String(record.collection === 'users' ? record.document._id : record.document.userId);
const countBy = (records: ExportRecord[]) => {
  const counts: Record<string, number> = {};
  for (const record of records) counts[record.collection] = (counts[record.collection] ?? 0) + 1;
  return counts;
};

test('a user exports exactly their documents, redacted, as dated NDJSON', async () => {
  const response = await exportAs(t, a.owner.accessToken);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
  const today = new Date().toISOString().slice(0, 10);
  expect(response.headers.get('content-disposition')).toBe(
    `attachment; filename="salesdesk-export-${today}.ndjson"`,
  );
  const records = ndjsonRecords(response.text);
  expect(new Set(records.map(ownerOf))).toEqual(new Set([a.owner.user.id]));

  // Every document A owns in every exported collection, and nothing else.
  const userId = new Types.ObjectId(a.owner.user.id);
  const expected: Record<string, number> = {};
  for (const entry of DBMS_COLLECTIONS) {
    if (entry.name === 'refreshtokens') continue; // left out by default: see exportCollections
    const count = await entry.model.collection.countDocuments({ [entry.ownerField]: userId });
    if (count > 0) expected[entry.name] = count;
  }
  expect(countBy(records)).toEqual(expected);
  for (const name of ['users', 'campaigns', 'chats', 'messages', 'analytics', 'integrations']) {
    expect(expected[name]).toBeGreaterThan(0);
  }

  // Canonical Extended JSON: ids and dates come back as BSON values, secrets do not come back.
  const user = records.find((record) => record.collection === 'users')!.document;
  expect(user._id).toBeInstanceOf(Types.ObjectId);
  expect(user.createdAt).toBeInstanceOf(Date);
  expect(user.password).toBe(REDACTED);
  const integrations = records.filter((record) => record.collection === 'integrations');
  expect(integrations.length).toBe(3);
  for (const { document } of integrations) expect(document.credentials).toBe(REDACTED);
  expect(response.text).not.toMatch(/\$2[aby]\$/); // no bcrypt hash anywhere
  expect(response.text.split('\n')[0]).toMatch(
    /^\{"collection":"users","document":\{"_id":\{"\$oid":/,
  );
});

test('B’s export holds none of A’s documents; an admin exports anyone’s, or one user’s', async () => {
  const ofA = ndjsonRecords((await exportAs(t, a.owner.accessToken)).text);
  const ofB = ndjsonRecords((await exportAs(t, b.owner.accessToken)).text);
  const idsOfA = new Set(ofA.map((record) => String(record.document._id)));
  expect(ofB.length).toBeGreaterThan(0);
  expect(ofB.filter((record) => idsOfA.has(String(record.document._id)))).toEqual([]);
  expect(new Set(ofB.map(ownerOf))).toEqual(new Set([b.owner.user.id]));

  const all = ndjsonRecords((await exportAs(t, admin.accessToken, 'collections=chats')).text);
  expect(new Set(all.map(ownerOf))).toEqual(new Set([a.owner.user.id, b.owner.user.id]));
  const onlyA = ndjsonRecords(
    (await exportAs(t, admin.accessToken, `userId=${a.owner.user.id}`)).text,
  );
  expect(onlyA.map((record) => String(record.document._id)).sort()).toEqual([...idsOfA].sort());
});

test('collections and format: chosen collections, JSON array, refresh tokens only when asked', async () => {
  const ndjson = ndjsonRecords(
    (await exportAs(t, a.owner.accessToken, 'collections=campaigns,chats&format=ndjson')).text,
  );
  expect(new Set(ndjson.map((record) => record.collection))).toEqual(
    new Set(['campaigns', 'chats']),
  );
  const json = await exportAs(t, a.owner.accessToken, 'collections=campaigns,chats&format=json');
  expect(json.headers.get('content-type')).toMatch(/^application\/json/);
  expect(json.headers.get('content-disposition')).toMatch(/salesdesk-export-.*\.json"$/);
  const array = EJSON.parse(json.text, { relaxed: false }) as ExportRecord[];
  expect(EJSON.stringify(array)).toBe(EJSON.stringify(ndjson));

  const newcomer = await signUp(t);
  const empty = await exportAs(t, newcomer.accessToken, 'collections=campaigns&format=json');
  expect(JSON.parse(empty.text)).toEqual([]);

  const tokens = ndjsonRecords(
    (await exportAs(t, a.owner.accessToken, 'collections=refreshtokens')).text,
  );
  expect(tokens.length).toBeGreaterThan(0);
  for (const { document } of tokens) {
    expect(document).toMatchObject({ tokenHash: REDACTED, parentHash: REDACTED });
    expect(String(document.userId)).toBe(a.owner.user.id);
  }
});

test('refusals: no token, a bad token, an unknown collection or format, another user’s id', async () => {
  const codeOf = (text: string) =>
    (JSON.parse(text) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code;
  const anonymous = await exportAs(t, undefined);
  expect(anonymous.status).toBe(401);
  expect(codeOf(anonymous.text)).toBe('UNAUTHENTICATED');
  const forged = await exportAs(t, 'not-a-token');
  expect(forged.status).toBe(401);
  expect(codeOf(forged.text)).toBe('UNAUTHENTICATED');

  const unknown = await exportAs(t, a.owner.accessToken, 'collections=chats,secrets');
  expect(unknown.status).toBe(400);
  const body = JSON.parse(unknown.text) as {
    errors: { message: string; extensions: { code: string; allowed: string[] } }[];
  };
  expect(body.errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
  expect(body.errors[0]!.message).toMatch(/Unknown collection "secrets". Allowed: users, /);
  expect(body.errors[0]!.extensions.allowed).toContain('messages');
  expect(unknown.headers.get('content-disposition')).toBeNull();

  const format = await exportAs(t, a.owner.accessToken, 'format=csv');
  expect(format.status).toBe(400);
  expect(codeOf(format.text)).toBe('BAD_USER_INPUT');

  const other = await exportAs(t, a.owner.accessToken, `userId=${b.owner.user.id}`);
  expect(other.status).toBe(403);
  expect(codeOf(other.text)).toBe('FORBIDDEN');
  const badId = await exportAs(t, admin.accessToken, 'userId=nope');
  expect(badId.status).toBe(400);
});

test('streams 5,000 documents from a cursor, every one of them, and audits the export', async () => {
  const owner = await signUp(t);
  const userId = new Types.ObjectId(owner.user.id);
  const chatId = new Types.ObjectId();
  const documents = Array.from({ length: 5000 }, (_, index) => ({
    _id: new Types.ObjectId(),
    chatId,
    userId,
    platform: Platform.SIMULATOR,
    sender: Sender.CUSTOMER,
    content: `message ${index} ${'x'.repeat(100)}`,
    messageType: 'text',
    platformMessageId: `bulk-${owner.user.id}-${index}`,
    createdAt: new Date(Date.UTC(2026, 0, 1) + index * 1000),
  }));
  for (let index = 0; index < documents.length; index += 1000) {
    await MessageModel.collection.insertMany(documents.slice(index, index + 1000));
  }
  const response = await exportAs(t, owner.accessToken, 'collections=messages');
  const records = ndjsonRecords(response.text);
  expect(records.length).toBe(5000);
  expect(new Set(records.map((record) => String(record.document._id)))).toEqual(
    new Set(documents.map((document) => String(document._id))),
  );
  const first = records.find(
    (record) => record.document.platformMessageId === 'bulk-' + owner.user.id + '-0',
  );
  expect(first?.document).toEqual(documents[0]);

  const audit = dataOf(await dbmsAs(t, owner).audit()).dbmsAuditLog.items;
  expect(audit[0]).toMatchObject({
    action: 'EXPORT',
    actorId: owner.user.id,
    userId: owner.user.id,
    collections: ['messages'],
    count: 5000,
    details: { format: 'ndjson', counts: { messages: 5000 }, complete: true },
  });
});

test('a client that goes away stops the export, which is audited as incomplete', async () => {
  const owner = await signUp(t);
  const userId = new Types.ObjectId(owner.user.id);
  const n = 30_000;
  for (let offset = 0; offset < n; offset += 5000) {
    await MessageModel.collection.insertMany(
      Array.from({ length: 5000 }, (_, index) => ({
        chatId: userId,
        userId,
        platform: Platform.SIMULATOR,
        sender: Sender.CUSTOMER,
        content: `message ${offset + index} ${'y'.repeat(200)}`,
        platformMessageId: `gone-${owner.user.id}-${offset + index}`,
        createdAt: new Date(),
      })),
    );
  }
  const controller = new AbortController();
  const response = await fetch(`${t.url}/api/dbms/export?collections=messages`, {
    headers: { authorization: `Bearer ${owner.accessToken}` },
    signal: controller.signal,
  });
  const reader = response.body!.getReader();
  expect((await reader.read()).done).toBe(false);
  controller.abort();

  const deadline = Date.now() + 15_000;
  let audit = null;
  while (!audit && Date.now() < deadline) {
    audit = await AuditLogModel.findOne({ actorId: userId, action: AuditAction.EXPORT }).lean();
    if (!audit) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(audit).toMatchObject({ details: { complete: false } });
  expect(audit!.count).toBeLessThan(n);
  // The server is fine: the next request is answered.
  expect((await exportAs(t, owner.accessToken, 'collections=campaigns')).status).toBe(200);
}, 30_000);
