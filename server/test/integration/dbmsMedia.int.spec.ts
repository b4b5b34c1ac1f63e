import { mongo } from 'mongoose';
import { ChatModel } from '../../src/modules/chats/chat.model';
import { MediaFileModel } from '../../src/modules/media/mediaFile.model';
import {
  codeOf,
  dataOf,
  dbmsAs,
  parsed,
  seedTenant,
  startDbmsApp,
  type Tenant,
} from '../support/dbmsScenario';
import { exportAs, importAs, ndjsonRecords, recordLine } from '../support/dbmsTransfer';
import type { GraphApiFixture } from '../support/graphApiFixture';
import type { TestApp } from '../support/testApp';

/*
 * Customers' photos are the owner's data like their messages: listed by the database
 * manager (by size, not as base64), carried whole by exports, and gone with the message or
 * chat they belong to - into the trash with it, and back with a restore.
 */

let graph: GraphApiFixture;
let t: TestApp;
let alice: Tenant;
let bob: Tenant;
beforeAll(async () => {
  ({ graph, t } = await startDbmsApp());
  alice = await seedTenant(t, graph);
  bob = await seedTenant(t, graph);
}, 60_000);
afterAll(async () => {
  await t.stop();
  await graph.close();
});

const media = (tenant: Tenant, id = tenant.photo.mediaFileId) =>
  fetch(`${t.url}/api/media/${id}`, {
    headers: { authorization: `Bearer ${tenant.owner.accessToken}` },
  });

test('the manager lists a photo by its size; the owner alone reaches it', async () => {
  const asAlice = dbmsAs(t, alice.owner);
  const page = dataOf(await asAlice.documents({ collection: 'mediafiles' })).dbmsDocuments;
  expect(page.items.map((item) => item.id)).toEqual([alice.photo.mediaFileId]);
  const shown = parsed(page.items[0]!);
  expect(shown.data).toBe(`[${alice.photo.body.length} bytes, kept whole in exports]`);
  expect(shown.mimeType).toBe('image/jpeg');
  expect(page.items[0]!.json).not.toContain(alice.photo.body.toString('base64'));

  const asBob = dbmsAs(t, bob.owner);
  expect(codeOf(await asBob.document('mediafiles', alice.photo.mediaFileId))).toBe('NOT_FOUND');
  expect(codeOf(await asBob.remove('mediafiles', alice.photo.mediaFileId))).toBe('NOT_FOUND');
  expect((await media(bob, alice.photo.mediaFileId)).status).toBe(404);
  expect(await MediaFileModel.exists({ _id: alice.photo.mediaFileId })).not.toBeNull();
});

test('an export carries the photo’s bytes whole; an import may not attach one to another’s message', async () => {
  const records = ndjsonRecords((await exportAs(t, alice.owner.accessToken)).text);
  const photos = records.filter((record) => record.collection === 'mediafiles');
  expect(photos).toHaveLength(1);
  const data = photos[0]!.document.data as mongo.Binary;
  expect(Buffer.from(data.buffer).equals(alice.photo.body)).toBe(true);

  // Bob's file, pointed at Alice's message.
  const forged = { ...photos[0]!.document, _id: new mongo.ObjectId(), userId: undefined };
  const report = await importAs(t, bob.owner.accessToken, recordLine('mediafiles', forged));
  expect(report.status).toBe(200);
  expect(report.report!.totals.inserted).toBe(0);
  expect(JSON.stringify(report.report)).toContain('messageId does not name one of your messages');
  expect(await MediaFileModel.countDocuments({ userId: bob.owner.user.id })).toBe(1);
});

test('deleting the chat takes its photo into the trash, and restoring brings it back', async () => {
  const chat = await ChatModel.findOne({ customerId: alice.customerId }).lean();
  const asAlice = dbmsAs(t, alice.owner);
  const deleted = dataOf(await asAlice.remove('chats', String(chat!._id))).dbmsDeleteDocument;
  expect(deleted.counts).toEqual(expect.arrayContaining([{ collection: 'mediafiles', count: 1 }]));
  expect(await MediaFileModel.exists({ _id: alice.photo.mediaFileId })).toBeNull();
  expect((await media(alice)).status).toBe(404);

  const restored = dataOf(await asAlice.restore(deleted.trashId!)).dbmsRestoreDocument;
  expect(restored.counts).toEqual(
    expect.arrayContaining([expect.objectContaining({ collection: 'mediafiles', restored: 1 })]),
  );
  const served = await media(alice);
  expect(served.status).toBe(200);
  expect(Buffer.from(await served.arrayBuffer()).equals(alice.photo.body)).toBe(true);
});

test('clearing all of a user’s data takes their photos, and nobody else’s', async () => {
  const cleared = dataOf(await dbmsAs(t, alice.owner).clearAll('DELETE ALL MY DATA')).dbmsClearAll;
  expect(cleared.counts).toEqual(expect.arrayContaining([{ collection: 'mediafiles', count: 1 }]));
  expect(await MediaFileModel.countDocuments({ userId: alice.owner.user.id })).toBe(0);
  expect((await media(bob)).status).toBe(200);
});
