import { Types } from 'mongoose';
import { InboundEventModel } from '../../src/modules/webhookQueue/inboundEvent.model';
import { DBMS_COLLECTIONS, dbmsCollection } from '../../src/modules/dbms/collections';
import {
  DBMS_AUDIT,
  DBMS_CLEAR_ALL,
  DBMS_DELETE,
  DBMS_DOCUMENT,
  DBMS_DOCUMENTS,
  DBMS_HEALTH,
  DBMS_RESTORE,
  DBMS_STATS,
  DBMS_TRASH,
  codeOf,
  dataOf,
  dbmsAs,
  seedTenant,
  type Tenant,
  startDbmsApp,
} from '../support/dbmsScenario';
import { newCustomerId } from '../support/businessApp';
import { queueForVanishedPage } from '../support/vanishedPage';
import type { GraphApiFixture } from '../support/graphApiFixture';
import { signUp, type AuthResult, type TestApp } from '../support/testApp';

const ADMIN_EMAIL = 'dbms-owner-admin@example.com';

let graph: GraphApiFixture;
let t: TestApp;
let alice: Tenant;
let bob: Tenant;
let admin: AuthResult;
beforeAll(async () => {
  ({ graph, t } = await startDbmsApp({ ADMIN_EMAILS: ADMIN_EMAIL }));
  alice = await seedTenant(t, graph);
  bob = await seedTenant(t, graph);
  admin = await signUp(t, ADMIN_EMAIL);
}, 60_000);
afterAll(async () => {
  await t.stop();
  await graph.close();
});

/** One of alice's documents in each collection. */
async function alicesDocuments(): Promise<{ collection: string; id: string }[]> {
  const found: { collection: string; id: string }[] = [];
  for (const entry of DBMS_COLLECTIONS) {
    const document = await entry.model.collection.findOne({
      [entry.ownerField]: new Types.ObjectId(alice.owner.user.id),
    });
    if (document) found.push({ collection: entry.name, id: String(document._id) });
  }
  return found;
}

async function totals(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const entry of DBMS_COLLECTIONS) {
    counts[entry.name] = await entry.model.collection.countDocuments({});
  }
  return counts;
}

test("user B cannot read user A's documents, by id or by search", async () => {
  const documents = await alicesDocuments();
  // Every collection the seed fills (knowledge passages only when onboarding made some).
  expect(documents.map((document) => document.collection)).toEqual(
    expect.arrayContaining(
      DBMS_COLLECTIONS.map((entry) => entry.name).filter((name) => name !== 'knowledgepassages'),
    ),
  );
  const asBob = dbmsAs(t, bob.owner);
  for (const { collection, id } of documents) {
    if (dbmsCollection(collection).system) {
      // The server's bookkeeping is browsed by admins only: to owners it is no collection.
      for (const owner of [alice.owner, bob.owner]) {
        const refused = await dbmsAs(t, owner).document(collection, id);
        expect({ collection, code: codeOf(refused) }).toEqual({
          collection,
          code: 'BAD_USER_INPUT',
        });
      }
      expect(dataOf(await dbmsAs(t, admin).document(collection, id)).dbmsDocument.id).toBe(id);
      continue;
    }
    // "Not found", never "forbidden": existence does not leak.
    expect({ collection, code: codeOf(await asBob.document(collection, id)) }).toEqual({
      collection,
      code: 'NOT_FOUND',
    });
    const searched = dataOf(await asBob.documents({ collection, search: id })).dbmsDocuments;
    expect({ collection, total: searched.total }).toEqual({ collection, total: 0 });
    // Alice reaches each of them.
    expect(dataOf(await dbmsAs(t, alice.owner).document(collection, id)).dbmsDocument.id).toBe(id);
  }
});

test("user B cannot delete user A's documents; nothing changes", async () => {
  const before = await totals();
  const asBob = dbmsAs(t, bob.owner);
  for (const { collection, id } of await alicesDocuments()) {
    const expected =
      collection === 'users'
        ? 'FORBIDDEN'
        : dbmsCollection(collection).system
          ? 'BAD_USER_INPUT'
          : 'NOT_FOUND';
    expect({ collection, code: codeOf(await asBob.remove(collection, id)) }).toEqual({
      collection,
      code: expected,
    });
  }
  expect(await totals()).toEqual(before);
  expect(dataOf(await asBob.trash()).dbmsTrash.total).toBe(0);
});

test("user B cannot see or restore user A's trash, nor read A's audit log", async () => {
  const chat = await dbmsCollection('chats').model.collection.findOne({
    userId: new Types.ObjectId(alice.owner.user.id),
  });
  const deleted = dataOf(
    await dbmsAs(t, alice.owner).remove('chats', String(chat!._id)),
  ).dbmsDeleteDocument;
  const asBob = dbmsAs(t, bob.owner);
  expect(dataOf(await asBob.trash()).dbmsTrash.items.map((entry) => entry.id)).not.toContain(
    deleted.trashId,
  );
  expect(codeOf(await asBob.restore(deleted.trashId!))).toBe('NOT_FOUND');
  expect(await dbmsCollection('chats').model.exists({ _id: chat!._id })).toBeNull();
  expect(dataOf(await asBob.audit()).dbmsAuditLog.items).toEqual([]);

  // The owner and an admin may restore it.
  const adminTrash = dataOf(await dbmsAs(t, admin).trash()).dbmsTrash.items;
  expect(adminTrash.map((entry) => entry.id)).toContain(deleted.trashId);
  dataOf(await dbmsAs(t, admin).restore(deleted.trashId!));
  expect(await dbmsCollection('chats').model.exists({ _id: chat!._id })).not.toBeNull();
});

test("user B's clear-all leaves user A's data alone", async () => {
  const alicesBefore = dataOf(await dbmsAs(t, admin).stats(alice.owner.user.id)).dbmsStats;
  const cleared = dataOf(await dbmsAs(t, bob.owner).clearAll('DELETE ALL MY DATA')).dbmsClearAll;
  expect(cleared.deleted).toBeGreaterThan(0);
  const alicesAfter = dataOf(await dbmsAs(t, admin).stats(alice.owner.user.id)).dbmsStats;
  expect(alicesAfter.collections.map((c) => c.count)).toEqual(
    alicesBefore.collections.map((c) => c.count),
  );
  dataOf(await dbmsAs(t, bob.owner).restore(cleared.trashId!));
});

test.each([
  ['dbmsStats', DBMS_STATS, {}],
  ['dbmsDocuments', DBMS_DOCUMENTS, { collection: 'chats' }],
  ['dbmsDocument', DBMS_DOCUMENT, { collection: 'chats', id: new Types.ObjectId().toHexString() }],
  ['dbmsTrash', DBMS_TRASH, {}],
  ['dbmsAuditLog', DBMS_AUDIT, {}],
  ['dbmsClearAll', DBMS_CLEAR_ALL, { confirm: 'DELETE ALL MY DATA' }],
])('%s: a non-admin naming another user is FORBIDDEN', async (_, query, variables) => {
  const before = await totals();
  const response = await t.gql(
    query,
    { ...variables, userId: alice.owner.user.id },
    { token: bob.owner.accessToken },
  );
  expect(codeOf(response)).toBe('FORBIDDEN');
  expect(await totals()).toEqual(before);
});

test('a non-admin naming themselves is fine', async () => {
  const asBob = dbmsAs(t, bob.owner);
  const own = dataOf(await asBob.documents({ collection: 'chats', userId: bob.owner.user.id }));
  expect(own.dbmsDocuments.items.every((item) => item.ownerId === bob.owner.user.id)).toBe(true);
  dataOf(await asBob.stats(bob.owner.user.id));
  dataOf(await asBob.trash({ userId: bob.owner.user.id }));
  dataOf(await asBob.audit({ userId: bob.owner.user.id }));
});

test.each([
  ['dbmsStats', DBMS_STATS, {}],
  ['dbmsDocuments', DBMS_DOCUMENTS, { collection: 'chats' }],
  ['dbmsDocument', DBMS_DOCUMENT, { collection: 'chats', id: new Types.ObjectId().toHexString() }],
  [
    'dbmsDeleteDocument',
    DBMS_DELETE,
    { collection: 'chats', id: new Types.ObjectId().toHexString() },
  ],
  ['dbmsRestoreDocument', DBMS_RESTORE, { trashId: new Types.ObjectId().toHexString() }],
  ['dbmsTrash', DBMS_TRASH, {}],
  ['dbmsClearAll', DBMS_CLEAR_ALL, { confirm: 'DELETE ALL MY DATA' }],
  ['dbmsHealth', DBMS_HEALTH, {}],
  ['dbmsAuditLog', DBMS_AUDIT, {}],
])('%s without a token answers UNAUTHENTICATED', async (_, query, variables) => {
  expect(codeOf(await t.gql(query, variables))).toBe('UNAUTHENTICATED');
});

describe('inbound events', () => {
  test('the worker records the owner of each event it handled', async () => {
    // Her customer's message from the ad and their photo.
    const events = await InboundEventModel.find({ userId: alice.owner.user.id }).lean();
    expect(events).toHaveLength(2);
    for (const event of events) {
      expect(event).toMatchObject({
        status: 'done',
        chatKey: expect.stringContaining(alice.pageId),
      });
    }
  });

  test('an event no integration claims has no owner: only admins see it', async () => {
    // Queued for a page whose integration was gone by the time the worker reached it (a
    // webhook for a page nobody connected is not queued at all: see webhooks.int.spec).
    const strangerPage = '999000111222';
    await queueForVanishedPage(strangerPage, newCustomerId(), 'Anyone there?');
    t.app.webhookQueue.notify();
    await t.app.webhookQueue.idle(15_000);
    const event = await InboundEventModel.findOne({ chatKey: { $regex: strangerPage } }).lean();
    expect(event).toMatchObject({ status: 'failed' });
    expect(event!.userId).toBeUndefined();

    const id = String(event!._id);
    for (const user of [alice.owner, bob.owner]) {
      // Webhook events are the server's bookkeeping: no owner browses them.
      expect(codeOf(await dbmsAs(t, user).document('inboundevents', id))).toBe('BAD_USER_INPUT');
    }
    const seen = dataOf(await dbmsAs(t, admin).document('inboundevents', id)).dbmsDocument;
    expect(seen.ownerId).toBeNull();
  });
});
