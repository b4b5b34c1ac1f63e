import { mongo, Types } from 'mongoose';
import { ChatModel } from '../../src/modules/chats/chat.model';
import { MediaFileModel } from '../../src/modules/media/mediaFile.model';
import { MessageModel, Sender } from '../../src/modules/chats/message.model';
import { CLEAR_ALL_COLLECTIONS } from '../../src/modules/dbms/cascade';
import { DBMS_COLLECTIONS, dbmsCollection } from '../../src/modules/dbms/collections';
import { TrashBatchModel, TrashItemModel } from '../../src/modules/dbms/trash.model';
import {
  codeOf,
  dataOf,
  dbmsAs,
  seedTenant,
  type Tenant,
  startDbmsApp,
} from '../support/dbmsScenario';
import type { GraphApiFixture } from '../support/graphApiFixture';
import { signUp, type AuthResult, type TestApp } from '../support/testApp';

const ADMIN_EMAIL = 'dbms-trash-admin@example.com';
const CONFIRM = 'DELETE ALL MY DATA';
const { EJSON } = mongo.BSON;

let graph: GraphApiFixture;
let t: TestApp;
let admin: AuthResult;
beforeAll(async () => {
  ({ graph, t } = await startDbmsApp({ ADMIN_EMAILS: ADMIN_EMAIL }));
  admin = await signUp(t, ADMIN_EMAIL);
});
afterAll(async () => {
  await t.stop();
  await graph.close();
});

type Documents = Map<string, string>;
type Snapshot = Record<string, Documents> &
  Record<
    'users' | 'chats' | 'messages' | 'mediafiles' | 'refreshtokens' | 'knowledgepassages',
    Documents
  >;

/** Every stored document of a user, per collection, as canonical EJSON keyed by _id. */
async function snapshot(userId: string): Promise<Snapshot> {
  const result: Record<string, Documents> = {};
  for (const entry of DBMS_COLLECTIONS) {
    const documents = await entry.model.collection
      .find({ [entry.ownerField]: new Types.ObjectId(userId) })
      .toArray();
    result[entry.name] = new Map(
      documents.map((document) => [
        String(document._id),
        EJSON.stringify(document, { relaxed: false }),
      ]),
    );
  }
  return result as Snapshot;
}

const sizes = (snap: Snapshot) =>
  Object.fromEntries(Object.entries(snap).map(([name, documents]) => [name, documents.size]));

async function chatsOf(tenant: Tenant) {
  return ChatModel.find({ userId: tenant.owner.user.id }).sort({ _id: 1 }).lean();
}

const simulate = (tenant: Tenant, customerName: string, text: string) =>
  t
    .gql(
      `mutation($input: SimulateCustomerMessageInput!) {
        simulateCustomerMessage(input: $input) { chat { id } }
      }`,
      { input: { campaignId: tenant.campaignId, customerName, text } },
      { token: tenant.owner.accessToken },
    )
    .then(dataOf);

describe('dbmsDeleteDocument and dbmsRestoreDocument', () => {
  test('a chat takes its messages to the trash, and restore brings them back unchanged', async () => {
    const tenant = await seedTenant(t, graph);
    const before = await snapshot(tenant.owner.user.id);
    const chat = (await chatsOf(tenant)).find((c) => c.customerId === tenant.customerId)!;
    const chatId = String(chat._id);
    const messageIds = [...before.messages.entries()]
      .filter(([, json]) => json.includes(chatId))
      .map(([id]) => id);
    expect(messageIds.length).toBeGreaterThanOrEqual(2);

    const api = dbmsAs(t, tenant.owner);
    const deleted = dataOf(await api.remove('chats', chatId)).dbmsDeleteDocument;
    expect(deleted).toMatchObject({
      trashId: expect.any(String),
      // The customer's photo goes with its chat.
      deleted: 2 + messageIds.length,
      counts: [
        { collection: 'messages', count: messageIds.length },
        { collection: 'mediafiles', count: 1 },
        { collection: 'chats', count: 1 },
      ],
    });
    const expiresIn = new Date(deleted.expiresAt!).getTime() - Date.now();
    expect(Math.round(expiresIn / 86_400_000)).toBe(7);

    expect(await ChatModel.exists({ _id: chat._id })).toBeNull();
    expect(await MessageModel.countDocuments({ chatId: chat._id })).toBe(0);
    expect(codeOf(await api.document('chats', chatId))).toBe('NOT_FOUND');
    // Nothing else of the user was touched.
    const during = await snapshot(tenant.owner.user.id);
    expect(sizes(during)).toEqual({
      ...sizes(before),
      chats: before.chats.size - 1,
      messages: before.messages.size - messageIds.length,
      mediafiles: before.mediafiles.size - 1,
    });

    const trash = dataOf(await api.trash()).dbmsTrash;
    expect(trash.total).toBe(1);
    expect(trash.items[0]).toMatchObject({
      id: deleted.trashId,
      kind: 'DELETE',
      userId: tenant.owner.user.id,
      actorId: tenant.owner.user.id,
      rootCollection: 'chats',
      rootId: chatId,
      preview: chat.customerName ?? chat.customerId,
      total: 2 + messageIds.length,
    });

    const restored = dataOf(await api.restore(deleted.trashId!)).dbmsRestoreDocument;
    expect(restored).toMatchObject({
      trashId: deleted.trashId,
      restored: 2 + messageIds.length,
      skipped: 0,
    });
    expect(restored.counts).toEqual(
      expect.arrayContaining([
        { collection: 'chats', restored: 1, skipped: 0 },
        { collection: 'messages', restored: messageIds.length, skipped: 0 },
        { collection: 'mediafiles', restored: 1, skipped: 0 },
      ]),
    );
    // Byte for byte: ids, dates, number types and every field as they were.
    expect(await snapshot(tenant.owner.user.id)).toEqual(before);
    expect(dataOf(await api.trash()).dbmsTrash.total).toBe(0);
    expect(await TrashItemModel.countDocuments({ batchId: deleted.trashId })).toBe(0);
    expect(codeOf(await api.restore(deleted.trashId!))).toBe('NOT_FOUND');
  });

  test('a campaign goes alone; its chats stay', async () => {
    const tenant = await seedTenant(t, graph);
    const before = await snapshot(tenant.owner.user.id);
    const deleted = dataOf(
      await dbmsAs(t, tenant.owner).remove('campaigns', tenant.campaignId),
    ).dbmsDeleteDocument;
    expect(deleted.counts).toEqual([{ collection: 'campaigns', count: 1 }]);
    const after = await snapshot(tenant.owner.user.id);
    expect(sizes(after)).toEqual({ ...sizes(before), campaigns: 0 });
    dataOf(await dbmsAs(t, tenant.owner).restore(deleted.trashId!));
    expect(await snapshot(tenant.owner.user.id)).toEqual(before);
  });

  test('documents that exist again are skipped and reported, the rest restored', async () => {
    const tenant = await seedTenant(t, graph);
    await simulate(tenant, 'Returning Rui', 'Hello there');
    const chat = (await chatsOf(tenant)).find((c) => c.customerName === 'Returning Rui')!;
    const deleted = dataOf(
      await dbmsAs(t, tenant.owner).remove('chats', String(chat._id)),
    ).dbmsDeleteDocument;
    // The customer writes again: their chat again, under the same id (derived from the customer).
    await simulate(tenant, 'Returning Rui', 'Are you there?');
    const newChat = await ChatModel.findOne({
      userId: tenant.owner.user.id,
      customerName: 'Returning Rui',
    }).lean();
    expect(String(newChat!._id)).toBe(String(chat._id));
    const newMessages = await MessageModel.countDocuments({ chatId: chat._id });

    const restored = dataOf(
      await dbmsAs(t, tenant.owner).restore(deleted.trashId!),
    ).dbmsRestoreDocument;
    expect(restored.counts).toEqual(
      expect.arrayContaining([
        { collection: 'chats', restored: 0, skipped: 1 },
        { collection: 'messages', restored: deleted.deleted - 1, skipped: 0 },
      ]),
    );
    expect(restored.skipped).toBe(1);
    // The old messages are back, in the customer's chat, and the inbox shows them all.
    const total = deleted.deleted - 1 + newMessages;
    expect(await MessageModel.countDocuments({ chatId: chat._id })).toBe(total);
    const shown = await t.gql<{ messages: { items: unknown[] } }>(
      `query ($chatId: ObjectId!) { messages(chatId: $chatId, limit: 100) { items { id } } }`,
      { chatId: String(chat._id) },
      { token: tenant.owner.accessToken },
    );
    expect(shown.data?.messages.items).toHaveLength(total);
  });

  test('a chat with more messages than one chunk moves and comes back whole', async () => {
    const tenant = await seedTenant(t, graph);
    const chat = (await chatsOf(tenant))[0]!;
    const extra = Array.from({ length: 1234 }, (_, i) => ({
      _id: new Types.ObjectId(),
      chatId: chat._id,
      userId: chat.userId,
      platform: chat.platform,
      sender: i % 2 ? Sender.CUSTOMER : Sender.AI,
      content: `bulk message ${i}`,
      messageType: 'text',
      platformMessageId: `bulk:${chat._id.toHexString()}:${i}`,
      createdAt: new Date(Date.now() - i),
    }));
    await MessageModel.collection.insertMany(extra);
    // The chat itself, its messages and any media of theirs.
    const total =
      1 +
      (await MessageModel.countDocuments({ chatId: chat._id })) +
      (await MediaFileModel.countDocuments({ chatId: chat._id }));
    const before = await snapshot(tenant.owner.user.id);

    const deleted = dataOf(
      await dbmsAs(t, tenant.owner).remove('chats', String(chat._id)),
    ).dbmsDeleteDocument;
    expect(deleted.deleted).toBe(total);
    expect(await MessageModel.countDocuments({ chatId: chat._id })).toBe(0);
    const restored = dataOf(
      await dbmsAs(t, tenant.owner).restore(deleted.trashId!),
    ).dbmsRestoreDocument;
    expect(restored.restored).toBe(total);
    expect(await snapshot(tenant.owner.user.id)).toEqual(before);
  });

  test('user documents: FORBIDDEN for non-admins; an admin deletes a user with their sessions', async () => {
    const user = await signUp(t);
    expect(codeOf(await dbmsAs(t, user).remove('users', user.user.id))).toBe('FORBIDDEN');
    expect(codeOf(await dbmsAs(t, admin).remove('users', admin.user.id))).toBe('BAD_USER_INPUT');
    const before = await snapshot(user.user.id);
    expect(before.refreshtokens.size).toBe(1);

    const deleted = dataOf(await dbmsAs(t, admin).remove('users', user.user.id)).dbmsDeleteDocument;
    expect(deleted.counts).toEqual([
      { collection: 'refreshtokens', count: 1 },
      { collection: 'users', count: 1 },
    ]);
    const entry = dataOf(await dbmsAs(t, admin).trash({ userId: user.user.id })).dbmsTrash.items[0];
    expect(entry).toMatchObject({
      userId: user.user.id,
      actorId: admin.user.id,
      preview: user.user.email,
    });
    dataOf(await dbmsAs(t, admin).restore(deleted.trashId!));
    expect(await snapshot(user.user.id)).toEqual(before);
  });

  test('an unknown id is NOT_FOUND, an unknown collection BAD_USER_INPUT; nothing changes', async () => {
    const tenant = await seedTenant(t, graph);
    const before = await snapshot(tenant.owner.user.id);
    const api = dbmsAs(t, tenant.owner);
    expect(codeOf(await api.remove('chats', new Types.ObjectId().toHexString()))).toBe('NOT_FOUND');
    expect(codeOf(await api.remove('chatz', tenant.campaignId))).toBe('BAD_USER_INPUT');
    expect(codeOf(await api.remove('chats', 'zzz'))).toBe('BAD_USER_INPUT');
    expect(codeOf(await api.restore(new Types.ObjectId().toHexString()))).toBe('NOT_FOUND');
    expect(await snapshot(tenant.owner.user.id)).toEqual(before);
    expect(dataOf(await api.trash()).dbmsTrash.total).toBe(0);
  });
});

describe('dbmsClearAll', () => {
  test.each(['delete all my data', '', 'DELETE ALL MY DATA ', 'DELETE  ALL MY DATA', 'yes'])(
    'confirm %j is BAD_USER_INPUT and deletes nothing',
    async (confirm) => {
      const tenant = await seedTenant(t, graph);
      const before = await snapshot(tenant.owner.user.id);
      const response = await dbmsAs(t, tenant.owner).clearAll(confirm);
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(response.errors![0]!.message).toContain(CONFIRM);
      expect(await snapshot(tenant.owner.user.id)).toEqual(before);
      expect(dataOf(await dbmsAs(t, tenant.owner).trash()).dbmsTrash.total).toBe(0);
    },
  );

  test("clears the caller's data, leaves the account and other users, and restores whole", async () => {
    const tenant = await seedTenant(t, graph);
    const other = await seedTenant(t, graph);
    const before = await snapshot(tenant.owner.user.id);
    const othersBefore = await snapshot(other.owner.user.id);

    const cleared = dataOf(await dbmsAs(t, tenant.owner).clearAll(CONFIRM)).dbmsClearAll;
    const expected = CLEAR_ALL_COLLECTIONS.map((name) => ({
      collection: name,
      count: before[name]!.size,
    })).filter((count) => count.count > 0);
    expect(cleared.counts).toEqual(expected);
    expect(cleared.deleted).toBe(expected.reduce((sum, count) => sum + count.count, 0));
    expect(expected.map((count) => count.collection)).toEqual(
      expect.arrayContaining(['campaigns', 'chats', 'messages', 'integrations', 'inboundevents']),
    );

    const after = await snapshot(tenant.owner.user.id);
    for (const name of CLEAR_ALL_COLLECTIONS)
      expect({ name, left: after[name]!.size }).toEqual({ name, left: 0 });
    // The account, its sessions and its knowledge base stay.
    expect(after.users).toEqual(before.users);
    expect(after.refreshtokens).toEqual(before.refreshtokens);
    expect(after.knowledgepassages).toEqual(before.knowledgepassages);
    expect(await snapshot(other.owner.user.id)).toEqual(othersBefore);

    const entry = dataOf(await dbmsAs(t, tenant.owner).trash()).dbmsTrash.items[0]!;
    expect(entry).toMatchObject({
      id: cleared.trashId,
      kind: 'CLEAR_ALL',
      userId: tenant.owner.user.id,
      total: cleared.deleted,
    });
    expect(entry.preview).toMatch(/^All data: \d+ campaigns, \d+ chats, \d+ messages/);

    const restored = dataOf(
      await dbmsAs(t, tenant.owner).restore(cleared.trashId!),
    ).dbmsRestoreDocument;
    expect(restored).toMatchObject({ restored: cleared.deleted, skipped: 0 });
    expect(await snapshot(tenant.owner.user.id)).toEqual(before);
  });

  test('with nothing to clear there is no trash entry', async () => {
    const user = await signUp(t);
    const cleared = dataOf(await dbmsAs(t, user).clearAll(CONFIRM)).dbmsClearAll;
    expect(cleared).toEqual({ trashId: null, deleted: 0, counts: [], expiresAt: null });
    expect(dataOf(await dbmsAs(t, user).trash()).dbmsTrash.total).toBe(0);
  });

  test("an admin clears a named user's data, and without a name only their own", async () => {
    const tenant = await seedTenant(t, graph);
    const before = await snapshot(tenant.owner.user.id);
    const everyone = await MessageModel.countDocuments({});

    const own = dataOf(await dbmsAs(t, admin).clearAll(CONFIRM)).dbmsClearAll;
    expect(own.deleted).toBe(0);
    expect(await MessageModel.countDocuments({})).toBe(everyone);

    const cleared = dataOf(
      await dbmsAs(t, admin).clearAll(CONFIRM, tenant.owner.user.id),
    ).dbmsClearAll;
    expect(cleared.deleted).toBeGreaterThan(0);
    expect(await MessageModel.countDocuments({})).toBe(everyone - before.messages.size);
    const entry = dataOf(await dbmsAs(t, tenant.owner).trash()).dbmsTrash.items[0]!;
    // The owner sees what an admin cleared of theirs, and may restore it.
    expect(entry).toMatchObject({ id: cleared.trashId, actorId: admin.user.id });
    dataOf(await dbmsAs(t, tenant.owner).restore(cleared.trashId!));
    expect(await snapshot(tenant.owner.user.id)).toEqual(before);
  });
});

describe('expiry', () => {
  test('after 7 days an entry is neither listed nor restorable, and is pruned', async () => {
    const tenant = await seedTenant(t, graph);
    const api = dbmsAs(t, tenant.owner);
    const deleted = dataOf(await api.remove('campaigns', tenant.campaignId)).dbmsDeleteDocument;
    const batchId = new Types.ObjectId(deleted.trashId!);
    const past = { $set: { expiresAt: new Date(Date.now() - 1000) } };
    await TrashBatchModel.updateOne({ _id: batchId }, past);
    await TrashItemModel.updateMany({ batchId }, past);

    expect(dataOf(await api.trash()).dbmsTrash.total).toBe(0);
    expect(codeOf(await api.restore(deleted.trashId!))).toBe('NOT_FOUND');
    // Any trash write prunes what expired.
    const chat = (await chatsOf(tenant))[0]!;
    dataOf(await api.remove('chats', String(chat._id)));
    expect(await TrashBatchModel.exists({ _id: batchId })).toBeNull();
    expect(await TrashItemModel.exists({ batchId })).toBeNull();
    expect(await dbmsCollection('campaigns').model.exists({ _id: tenant.campaignId })).toBeNull();
  });
});
