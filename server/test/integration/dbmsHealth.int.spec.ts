import { Types } from 'mongoose';
import { SLOW_OPERATIONS_KEPT } from '../../src/db/commandMonitor';
import { AuditLogModel } from '../../src/modules/dbms/auditLog.model';
import {
  dataOf,
  dbmsAs,
  seedTenant,
  type AuditItem,
  type Tenant,
  startDbmsApp,
} from '../support/dbmsScenario';
import type { GraphApiFixture } from '../support/graphApiFixture';
import { signUp, type AuthResult, type TestApp } from '../support/testApp';

const ADMIN_EMAIL = 'dbms-health-admin@example.com';

let graph: GraphApiFixture;
let t: TestApp;
let alice: Tenant;
let bob: Tenant;
let admin: AuthResult;
beforeAll(async () => {
  // Every operation of 1 ms or more counts as slow, so the list fills quickly.
  ({ graph, t } = await startDbmsApp({ ADMIN_EMAILS: ADMIN_EMAIL, SLOW_QUERY_MS: '1' }));
  alice = await seedTenant(t, graph);
  bob = await seedTenant(t, graph);
  admin = await signUp(t, ADMIN_EMAIL);
}, 60_000);
afterAll(async () => {
  await t.stop();
  await graph.close();
});

interface Health {
  state: string;
  pingMs: number | null;
  details: {
    database: string;
    host: string;
    engine: string | null;
    version: string | null;
    collections: number | null;
    slowQueryMs: number;
    pool: {
      maxPoolSize: number;
      open: number;
      idle: number;
      inUse: number;
      waiting: number;
      totalCheckouts: number;
      checkoutFailures: number;
      connectionsCreated: number;
      connectionsClosed: number;
    };
    slowOperations: {
      collection: string;
      command: string;
      durationMs: number;
      failed: boolean;
      at: string;
    }[];
  } | null;
}

describe('dbmsHealth', () => {
  test('admins get the engine, pool figures and recent slow operations', async () => {
    const marker = `needle${Date.now()}`;
    // A search whose text must not show up in the slow-operation list.
    dataOf(await dbmsAs(t, alice.owner).documents({ collection: 'messages', search: marker }));

    const health = dataOf(await dbmsAs(t, admin).health()).dbmsHealth as unknown as Health;
    expect(health.state).toBe('connected');
    expect(health.pingMs).toBeGreaterThanOrEqual(0);
    const details = health.details!;
    expect(details.database).toBe(t.app.database.connection.name);
    expect(details.host).toMatch(/^[\w.-]+:\d+$/);
    expect(details.engine).toBe(t.app.database.engine === 'ferretdb' ? 'FerretDB' : 'MongoDB');
    expect(details.version).toMatch(/\d+\.\d+/);
    expect(details.collections).toBeGreaterThanOrEqual(10);
    expect(details.slowQueryMs).toBe(1);

    expect(details.pool).toMatchObject({
      maxPoolSize: t.app.database.engine === 'ferretdb' ? 1 : expect.any(Number),
      open: expect.any(Number),
      inUse: expect.any(Number),
      waiting: expect.any(Number),
    });
    expect(details.pool.open).toBeGreaterThanOrEqual(1);
    expect(details.pool.open).toBeLessThanOrEqual(details.pool.maxPoolSize);
    expect(details.pool.totalCheckouts).toBeGreaterThan(50);

    const slow = details.slowOperations;
    expect(slow.length).toBeGreaterThan(0);
    expect(slow.length).toBeLessThanOrEqual(SLOW_OPERATIONS_KEPT);
    for (const operation of slow) {
      expect(Object.keys(operation).sort()).toEqual([
        'at',
        'collection',
        'command',
        'durationMs',
        'failed',
      ]);
      expect(operation.durationMs).toBeGreaterThanOrEqual(1);
      expect(operation.command).toMatch(/^\w+$/);
    }
    const times = slow.map((operation) => operation.at);
    expect(times).toEqual([...times].sort().reverse());
    expect(slow.some((operation) => ['find', 'insert', 'update'].includes(operation.command))).toBe(
      true,
    );
    expect(JSON.stringify(health)).not.toContain(marker);
  });

  test('the slow-operation list keeps only the latest', async () => {
    for (let i = 0; i < 3; i++) dataOf(await dbmsAs(t, admin).stats());
    const health = dataOf(await dbmsAs(t, admin).health()).dbmsHealth as unknown as Health;
    expect(health.details!.slowOperations).toHaveLength(SLOW_OPERATIONS_KEPT);
  });

  test('others get the connection state and ping only', async () => {
    const health = dataOf(await dbmsAs(t, alice.owner).health()).dbmsHealth as unknown as Health;
    expect(health).toEqual({ state: 'connected', pingMs: expect.any(Number), details: null });
  });
});

describe('dbmsAuditLog', () => {
  const trashIdOf = (item: AuditItem) => item.details.trashId;

  test('records every delete, restore and clear: who, whose, what, how many', async () => {
    const api = dbmsAs(t, alice.owner);
    const deleted = dataOf(await api.remove('campaigns', alice.campaignId)).dbmsDeleteDocument;
    dataOf(await api.restore(deleted.trashId!));
    const failed = await api.clearAll('nope');
    expect(failed.errors).toBeDefined();
    const cleared = dataOf(await api.clearAll('DELETE ALL MY DATA')).dbmsClearAll;
    dataOf(await api.restore(cleared.trashId!));

    const log = dataOf(await api.audit()).dbmsAuditLog;
    expect(log.total).toBe(4);
    const [restoreAll, clear, restoreOne, remove] = log.items as [
      AuditItem,
      AuditItem,
      AuditItem,
      AuditItem,
    ];
    const who = { actorId: alice.owner.user.id, userId: alice.owner.user.id };
    expect(remove).toMatchObject({
      ...who,
      action: 'DELETE',
      collections: ['campaigns'],
      count: 1,
      details: { collection: 'campaigns', documentId: alice.campaignId },
    });
    expect(trashIdOf(remove)).toBe(deleted.trashId);
    expect(restoreOne).toMatchObject({
      ...who,
      action: 'RESTORE',
      collections: ['campaigns'],
      count: 1,
      details: { trashId: deleted.trashId, kind: 'DELETE', skipped: 0 },
    });
    expect(clear).toMatchObject({
      ...who,
      action: 'CLEAR_ALL',
      count: cleared.deleted,
      details: { trashId: cleared.trashId },
    });
    expect(clear.collections).toEqual(expect.arrayContaining(['campaigns', 'chats', 'messages']));
    expect(restoreAll).toMatchObject({ ...who, action: 'RESTORE', count: cleared.deleted });
    const times = log.items.map((item) => item.createdAt);
    expect(times).toEqual([...times].sort().reverse());
  });

  test("an admin's action on a user's data is in that user's log; admins see all", async () => {
    const chat = await t.app.database.connection
      .collection('chats')
      .findOne({ userId: new Types.ObjectId(bob.owner.user.id) });
    const deleted = dataOf(
      await dbmsAs(t, admin).remove('chats', String(chat!._id)),
    ).dbmsDeleteDocument;

    const bobs = dataOf(await dbmsAs(t, bob.owner).audit()).dbmsAuditLog.items;
    expect(bobs).toHaveLength(1);
    expect(bobs[0]).toMatchObject({
      actorId: admin.user.id,
      userId: bob.owner.user.id,
      action: 'DELETE',
      collections: ['messages', 'mediafiles', 'chats'],
      count: deleted.deleted,
    });

    const everyone = dataOf(await dbmsAs(t, admin).audit({ limit: 100 })).dbmsAuditLog;
    expect(everyone.total).toBe(await AuditLogModel.countDocuments({}));
    expect(new Set(everyone.items.map((item) => item.userId))).toEqual(
      new Set([alice.owner.user.id, bob.owner.user.id]),
    );
    const narrowed = dataOf(await dbmsAs(t, admin).audit({ userId: bob.owner.user.id }));
    expect(narrowed.dbmsAuditLog.items.map((item) => item.id)).toEqual(bobs.map((item) => item.id));
    expect(dataOf(await dbmsAs(t, alice.owner).audit()).dbmsAuditLog.items).not.toContainEqual(
      expect.objectContaining({ id: bobs[0]!.id }),
    );
  });

  test('a page is newest first and bounded', async () => {
    const page = dataOf(await dbmsAs(t, admin).audit({ page: 2, limit: 2 })).dbmsAuditLog;
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThanOrEqual(5);
  });
});
