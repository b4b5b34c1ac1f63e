import { mongo, Types } from 'mongoose';
import { CampaignModel } from '../../src/modules/campaigns/campaign.model';
import { ChatModel } from '../../src/modules/chats/chat.model';
import { MessageModel } from '../../src/modules/chats/message.model';
import { DBMS_COLLECTIONS, REDACTED } from '../../src/modules/dbms/collections';
import { UserModel } from '../../src/modules/users/user.model';
import { dataOf, dbmsAs, seedTenant, startDbmsApp } from '../support/dbmsScenario';
import { exportAs, importAs, ndjsonRecords, recordLine } from '../support/dbmsTransfer';
import type { GraphApiFixture } from '../support/graphApiFixture';
import { signUp, type AuthResult, type TestApp } from '../support/testApp';

const { EJSON } = mongo.BSON;
const ADMIN_EMAIL = 'dbms-import-admin@example.com';
const CONFIRM = 'DELETE ALL MY DATA';

let graph: GraphApiFixture;
let t: TestApp;
let admin: AuthResult;
beforeAll(async () => {
  ({ graph, t } = await startDbmsApp({ ADMIN_EMAILS: ADMIN_EMAIL }));
  admin = await signUp(t, ADMIN_EMAIL);
}, 30_000);
afterAll(async () => {
  await t.stop();
  await graph.close();
});

type Snapshot = Record<string, Record<string, unknown>>;

/**
 * Every stored document of a user per collection, keyed by _id, as relaxed Extended JSON
 * (values compared field by field, whatever number type stored them), without the fields
 * an export redacts.
 */
async function snapshot(userId: string): Promise<Record<string, Snapshot>> {
  const result: Record<string, Snapshot> = {};
  for (const entry of DBMS_COLLECTIONS) {
    const documents = await entry.model.collection
      .find({ [entry.ownerField]: new Types.ObjectId(userId) })
      .toArray();
    result[entry.name] = Object.fromEntries(
      documents.map((document) => {
        const plain = EJSON.serialize(document, { relaxed: true });
        for (const path of entry.redacted) delete plain[path];
        return [String(document._id), plain];
      }),
    );
  }
  return result;
}

const size = (snap: Record<string, Snapshot>) =>
  Object.fromEntries(Object.entries(snap).map(([name, docs]) => [name, Object.keys(docs).length]));

test('export -> clear-all -> import restores the same documents; the dry run writes nothing', async () => {
  const a = await seedTenant(t, graph);
  const userId = a.owner.user.id;
  const before = await snapshot(userId);
  const exported = (await exportAs(t, a.owner.accessToken)).text;
  const records = ndjsonRecords(exported);

  dataOf(await dbmsAs(t, a.owner).clearAll(CONFIRM));
  const cleared = await snapshot(userId);
  for (const name of ['campaigns', 'chats', 'messages', 'analytics', 'integrations']) {
    expect(before[name]).not.toEqual({});
    expect(cleared[name]).toEqual({});
  }

  const dry = await importAs(t, a.owner.accessToken, exported, 'dryRun=true');
  expect(dry.status).toBe(200);
  expect(await snapshot(userId)).toEqual(cleared);
  const expectedCounts: Record<string, { inserted: number; skipped: number }> = {};
  for (const record of records) {
    const counts = (expectedCounts[record.collection] ??= { inserted: 0, skipped: 0 });
    // What clear-all kept (the profile, the knowledge passages) exists: skipped.
    if (cleared[record.collection]![String(record.document._id)]) counts.skipped++;
    else counts.inserted++;
  }
  expect(dry.report).toMatchObject({
    dryRun: true,
    mode: 'skip',
    records: records.length,
    rejected: [],
    totals: { updated: 0, rejected: 0 },
  });
  for (const [name, counts] of Object.entries(expectedCounts)) {
    expect([name, dry.report!.collections[name]]).toEqual([
      name,
      { ...counts, updated: 0, rejected: [], rejectedCount: 0 },
    ]);
  }

  const real = await importAs(t, a.owner.accessToken, exported);
  expect(real.status).toBe(200);
  expect({ ...real.report, dryRun: true }).toEqual(dry.report);

  const after = await snapshot(userId);
  expect(size(after)).toEqual(size(before));
  for (const entry of DBMS_COLLECTIONS) {
    for (const [id, document] of Object.entries(before[entry.name]!)) {
      expect([entry.name, id, after[entry.name]![id]]).toEqual([entry.name, id, document]);
    }
  }
  // A second import of the same file changes nothing: every document is there.
  const again = await importAs(t, a.owner.accessToken, exported);
  expect(again.report!.totals).toEqual({
    inserted: 0,
    updated: 0,
    skipped: records.length,
    rejected: 0,
  });
  expect(await snapshot(userId)).toEqual(after);

  const audit = dataOf(await dbmsAs(t, a.owner).audit()).dbmsAuditLog.items;
  const imports = audit.filter((item) => item.action === 'IMPORT');
  expect(imports).toHaveLength(2); // the dry run is not an import
  expect(imports[1]).toMatchObject({
    actorId: userId,
    userId,
    count: real.report!.totals.inserted,
    details: { mode: 'skip', inserted: real.report!.totals.inserted, rejected: 0 },
  });
}, 60_000);

test('malformed and invalid records are rejected with their line; the rest is imported', async () => {
  const owner = await signUp(t);
  const userId = new Types.ObjectId(owner.user.id);
  const campaign = (name: string) => ({
    _id: new Types.ObjectId(),
    userId,
    name,
    product: { name: 'Lamp', price: 40 },
    status: 'draft',
  });
  const good = [campaign('First'), campaign('Second'), campaign('Third')];
  const body = [
    recordLine('campaigns', good[0]!),
    '{"collection":"campaigns","document":{"name": "broken"',
    '',
    recordLine('campaigns', good[1]!),
    recordLine('secrets', { _id: new Types.ObjectId() }),
    recordLine('campaigns', { _id: new Types.ObjectId(), userId, status: 'draft' }),
    recordLine('campaigns', { ...campaign('Bad status'), status: 'sometimes' }),
    recordLine('refreshtokens', { _id: new Types.ObjectId(), userId, familyId: 'f' }),
    '[1, 2]',
    recordLine('campaigns', {
      ...campaign('Dollar'),
      product: { name: 'x', price: 1, $where: '1' },
    }),
    recordLine('campaigns', good[2]!),
  ].join('\n');

  const dry = await importAs(t, owner.accessToken, body, 'dryRun=true&mode=skip');
  expect(await CampaignModel.countDocuments({ userId })).toBe(0);
  const real = await importAs(t, owner.accessToken, body);
  expect({ ...real.report, dryRun: true }).toEqual(dry.report);
  const report = real.report!;
  expect(report.records).toBe(10);
  expect(report.rejected).toEqual([
    { line: 2, reason: expect.stringMatching(/^Not valid Extended JSON/) },
    { line: 5, reason: expect.stringMatching(/^Unknown collection "secrets"\. Allowed: users,/) },
    { line: 9, reason: 'A record must be a JSON object.' },
  ]);
  expect(report.collections.campaigns).toEqual({
    inserted: 4,
    updated: 0,
    skipped: 0,
    rejected: [
      { line: 6, reason: expect.stringMatching(/name.*required/) },
      { line: 7, reason: expect.stringMatching(/sometimes.*not a valid enum value/) },
    ],
    rejectedCount: 2,
  });
  expect(report.collections.refreshtokens!.rejected).toEqual([
    { line: 8, reason: 'Refresh tokens are not importable: signing in creates new ones.' },
  ]);
  expect(report.totals).toEqual({ inserted: 4, updated: 0, skipped: 0, rejected: 6 });
  const stored = await CampaignModel.find({ userId }).sort({ name: 1 }).lean();
  expect(stored.map((document) => document.name)).toEqual(['Dollar', 'First', 'Second', 'Third']);
  // Fields the model does not know are dropped (strict schemas), operators included.
  expect(stored[0]!.product).not.toHaveProperty('$where');
  stored.shift();
  // Cast and completed by the model, as the app would have created them.
  expect(stored[0]).toMatchObject({ name: 'First', product: { price: 40 }, status: 'draft' });
  expect(stored[0]!.createdAt).toBeInstanceOf(Date);
});

test('JSON arrays import like NDJSON, with each element’s line', async () => {
  const owner = await signUp(t);
  const userId = new Types.ObjectId(owner.user.id);
  const one = { _id: new Types.ObjectId(), userId, name: 'One', product: { name: 'P', price: 1 } };
  const body = `[\n${recordLine('campaigns', one)},\n{"collection":"campaigns","document":{}}\n]\n`;
  const response = await importAs(t, owner.accessToken, body);
  expect(response.report!.collections.campaigns).toMatchObject({
    inserted: 1,
    rejected: [{ line: 3, reason: expect.stringMatching(/required/) }],
  });
  const exported = await exportAs(t, owner.accessToken, 'collections=campaigns&format=json');
  const ownerB = await signUp(t);
  const copied = await importAs(t, ownerB.accessToken, exported.text, 'mode=upsert');
  // B's copy of A's campaign becomes B's own, under a new _id: A's is not taken over, and
  // the answer is the one an id that exists nowhere gets (it does not tell B that A has it).
  expect(copied.report!.collections.campaigns).toMatchObject({ inserted: 1, rejected: [] });
  expect(await CampaignModel.findById(one._id).lean()).toMatchObject({ userId, name: 'One' });
  const copies = await CampaignModel.find({ userId: ownerB.user.id }).lean();
  expect(copies.map((copy) => copy.name)).toEqual(['One']);
  expect(copies[0]!._id.equals(one._id)).toBe(false);
});

test('user B cannot import into A’s data: owner forced, A’s ids refused, A’s chats not joinable', async () => {
  const a = await seedTenant(t, graph);
  const b = await signUp(t);
  const aId = a.owner.user.id;
  const before = await snapshot(aId);
  const exportedByA = (await exportAs(t, a.owner.accessToken)).text;
  const recordsOfA = ndjsonRecords(exportedByA);

  // A's own file, imported by B: nothing of A's is written or changed, in either mode. B's
  // copies are B's own documents under new ids, as records with unused ids would be.
  const skipped = await importAs(t, b.accessToken, exportedByA);
  expect(skipped.report!.totals.updated).toBe(0);
  const upserted = await importAs(t, b.accessToken, exportedByA, 'mode=upsert');
  expect(upserted.report!.totals).toMatchObject({ updated: 0 });
  for (const report of [skipped, upserted].map((response) => response.report!)) {
    for (const [name, collection] of Object.entries(report.collections)) {
      for (const rejection of collection.rejected) {
        expect([name, rejection.reason]).toEqual([
          name,
          expect.stringMatching(
            /same value in a unique field|Only your own profile|not importable|Only finished inbound/,
          ),
        ]);
      }
    }
  }
  expect(await snapshot(aId)).toEqual(before);

  // New documents naming A as owner become B's; a message into A's chat is refused.
  const chatOfA = recordsOfA.find((record) => record.collection === 'chats')!.document as {
    _id: Types.ObjectId;
  };
  const campaignOfA = recordsOfA.find((record) => record.collection === 'campaigns')!.document;
  const newChat = {
    ...chatOfA,
    _id: new Types.ObjectId(),
    customerId: 'b-customer',
    campaignId: campaignOfA._id,
  };
  const ownChat = {
    ...newChat,
    _id: new Types.ObjectId(),
    customerId: 'b-customer-2',
    campaignId: undefined,
  };
  const message = (chatId: unknown, content: string) => ({
    _id: new Types.ObjectId(),
    userId: new Types.ObjectId(aId),
    chatId,
    platform: 'facebook',
    sender: 'customer',
    content,
    platformMessageId: `m_${new Types.ObjectId().toHexString()}`,
  });
  const body = [
    recordLine('chats', ownChat),
    recordLine('messages', message(chatOfA._id, 'into A’s chat')),
    recordLine('messages', message(ownChat._id, 'into B’s own chat')),
    recordLine('chats', newChat),
    recordLine('users', { _id: new Types.ObjectId(aId), email: 'b@example.com', role: 'admin' }),
  ].join('\n');
  const response = await importAs(t, b.accessToken, body);
  expect(response.report!.collections).toEqual({
    // The chat naming A's campaign is B's with no campaign: answered like a campaign id
    // that exists nowhere, and never counting or playing A's campaign.
    chats: { inserted: 2, updated: 0, skipped: 0, rejected: [], rejectedCount: 0 },
    messages: {
      inserted: 1,
      updated: 0,
      skipped: 0,
      rejected: [{ line: 2, reason: 'chatId does not name one of your chats.' }],
      rejectedCount: 1,
    },
    users: {
      inserted: 0,
      updated: 0,
      skipped: 0,
      rejected: [{ line: 5, reason: 'Only your own profile can be imported.' }],
      rejectedCount: 1,
    },
  });
  const bId = new Types.ObjectId(b.user.id);
  expect(await ChatModel.findById(ownChat._id).lean()).toMatchObject({ userId: bId });
  expect(await ChatModel.findById(newChat._id).lean()).toMatchObject({
    userId: bId,
    campaignId: null,
  });
  expect(await MessageModel.find({ chatId: chatOfA._id, userId: bId }).lean()).toEqual([]);
  expect(await MessageModel.findOne({ chatId: ownChat._id }).lean()).toMatchObject({
    userId: bId,
  });
  expect(await snapshot(aId)).toEqual(before);
}, 60_000);

test('upsert replaces the caller’s own documents; secrets, role and email stay as stored', async () => {
  const owner = await signUp(t);
  const userId = new Types.ObjectId(owner.user.id);
  const created = {
    _id: new Types.ObjectId(),
    userId,
    name: 'Old',
    product: { name: 'P', price: 5 },
  };
  await importAs(t, owner.accessToken, recordLine('campaigns', created));
  const stored = await UserModel.collection.findOne({ _id: userId });
  const exported = ndjsonRecords((await exportAs(t, owner.accessToken)).text);
  const profile = exported.find((record) => record.collection === 'users')!.document;
  expect(profile.password).toBe(REDACTED);

  const body = [
    recordLine('campaigns', { ...created, name: 'New' }),
    recordLine('users', {
      ...profile,
      businessInfo: { businessName: 'Renamed' },
      role: 'admin',
      email: 'x@example.com',
    }),
  ].join('\n');
  const dry = await importAs(t, owner.accessToken, body, 'mode=upsert&dryRun=true');
  expect(dry.report!.totals).toEqual({ inserted: 0, updated: 2, skipped: 0, rejected: 0 });
  expect((await CampaignModel.findById(created._id).lean())!.name).toBe('Old');
  const skip = await importAs(t, owner.accessToken, body);
  expect(skip.report!.totals).toEqual({ inserted: 0, updated: 0, skipped: 2, rejected: 0 });

  const upsert = await importAs(t, owner.accessToken, body, 'mode=upsert');
  expect(upsert.report!.totals).toEqual({ inserted: 0, updated: 2, skipped: 0, rejected: 0 });
  expect((await CampaignModel.findById(created._id).lean())!.name).toBe('New');
  const user = await UserModel.collection.findOne({ _id: userId });
  expect(user).toMatchObject({
    businessInfo: { businessName: 'Renamed' },
    role: stored!.role,
    email: stored!.email,
    password: stored!.password,
  });
  // The account still signs in with its password.
  const login = await t.gql(
    'mutation($input: LoginInput!) { login(input: $input) { accessToken } }',
    { input: { email: owner.user.email, password: 'correct horse battery' } },
  );
  expect(login.errors).toBeUndefined();
});

test('admins import for everyone (owners kept) or for one user (owner forced)', async () => {
  const x = await signUp(t);
  const y = await signUp(t);
  const xId = new Types.ObjectId(x.user.id);
  const yId = new Types.ObjectId(y.user.id);
  const campaign = (owner: Types.ObjectId, name: string) => ({
    _id: new Types.ObjectId(),
    userId: owner,
    name,
    product: { name: 'P', price: 1 },
  });
  const forX = campaign(xId, 'for x');
  const forY = campaign(yId, 'for y');
  const all = await importAs(
    t,
    admin.accessToken,
    [recordLine('campaigns', forX), recordLine('campaigns', forY)].join('\n'),
  );
  expect(all.report!.totals.inserted).toBe(2);
  expect((await CampaignModel.findById(forY._id).lean())!.userId).toEqual(yId);

  const intoX = campaign(yId, 'named y, imported for x');
  const scoped = await importAs(
    t,
    admin.accessToken,
    recordLine('campaigns', intoX),
    `userId=${x.user.id}`,
  );
  expect(scoped.report!.totals.inserted).toBe(1);
  expect((await CampaignModel.findById(intoX._id).lean())!.userId).toEqual(xId);
  // A new user cannot be created from an export: the password hash is never in one.
  const newUser = await importAs(
    t,
    admin.accessToken,
    recordLine('users', {
      _id: new Types.ObjectId(),
      email: 'new@example.com',
      password: REDACTED,
    }),
  );
  expect(newUser.report!.collections.users!.rejected).toEqual([
    {
      line: 1,
      reason:
        'password is redacted in exports and required, so this document cannot be created from one.',
    },
  ]);
});

test('refusals: no token, another user’s id, bad parameters, a body over the limit', async () => {
  const owner = await signUp(t);
  const other = await signUp(t);
  const line = recordLine('campaigns', { name: 'x', product: { name: 'P', price: 1 } });
  const anonymous = await importAs(t, undefined, line);
  expect(anonymous.status).toBe(401);
  expect(anonymous.errors![0]!.extensions.code).toBe('UNAUTHENTICATED');
  const forbidden = await importAs(t, owner.accessToken, line, `userId=${other.user.id}`);
  expect(forbidden.status).toBe(403);
  expect(forbidden.errors![0]!.extensions.code).toBe('FORBIDDEN');
  for (const query of ['mode=merge', 'dryRun=maybe', 'mode=skip&mode=upsert']) {
    const bad = await importAs(t, owner.accessToken, line, query);
    expect([query, bad.status, bad.errors![0]!.extensions.code]).toEqual([
      query,
      400,
      'BAD_USER_INPUT',
    ]);
  }
  expect(await CampaignModel.countDocuments({ userId: new Types.ObjectId(owner.user.id) })).toBe(0);

  // Content-Length over 100 MB: refused before a byte is read.
  const tooLarge = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const url = new URL('/api/dbms/import', t.url);
    void import('node:http').then(({ request }) => {
      const req = request(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${owner.accessToken}`,
          'content-length': String(101 * 1024 * 1024),
        },
      });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.write(line);
    });
  });
  expect(tooLarge.status).toBe(413);
  expect(JSON.parse(tooLarge.body).errors[0].extensions.code).toBe('BAD_USER_INPUT');
});

test('records keep their lines in a report sorted by line, and a big file is batched', async () => {
  const owner = await signUp(t);
  const userId = new Types.ObjectId(owner.user.id);
  const chatId = new Types.ObjectId();
  const lines: string[] = [
    recordLine('chats', {
      _id: chatId,
      userId,
      platform: 'simulator',
      customerId: 'bulk',
      customerName: 'Bulk',
    }),
  ];
  // Free-form fields keep what they are given, but not keys the engines cannot store.
  lines.push(
    recordLine('messages', {
      userId,
      chatId,
      platform: 'simulator',
      sender: 'customer',
      content: 'with metadata',
      metadata: { ok: { $gt: '' } },
    }),
  );
  for (let index = 0; index < 1300; index++) {
    lines.push(
      index % 400 === 7
        ? recordLine('messages', { _id: new Types.ObjectId(), userId, chatId })
        : recordLine('messages', {
            _id: new Types.ObjectId(),
            userId,
            chatId,
            platform: 'simulator',
            sender: 'customer',
            content: `line ${index}`,
            platformMessageId: `bulk-${owner.user.id}-${index}`,
          }),
    );
  }
  const response = await importAs(t, owner.accessToken, lines.join('\n'));
  expect(response.report!.collections.chats!.inserted).toBe(1);
  const messages = response.report!.collections.messages!;
  expect(messages.inserted).toBe(1300 - 4);
  expect(messages.rejected.map((rejection) => rejection.line)).toEqual([2, 10, 410, 810, 1210]);
  expect(messages.rejected[0]!.reason).toBe(
    'Field name "metadata.ok.$gt" is not allowed (starts with $ or has a dot).',
  );
  expect(await MessageModel.countDocuments({ chatId })).toBe(1296);
});

test('another user’s _id gets the answer an id that exists nowhere gets, in every mode', async () => {
  const a = await signUp(t);
  const b = await signUp(t);
  const campaign = (id: Types.ObjectId, userId: string) => ({
    _id: id,
    userId: new Types.ObjectId(userId),
    name: 'Probe',
    product: { name: 'P', price: 1 },
  });
  const ofA = new Types.ObjectId();
  await importAs(t, a.accessToken, recordLine('campaigns', campaign(ofA, a.user.id)));
  for (const query of ['dryRun=true', 'mode=skip', 'mode=upsert']) {
    const probeA = await importAs(
      t,
      b.accessToken,
      recordLine('campaigns', campaign(ofA, b.user.id)),
      query,
    );
    const probeNone = await importAs(
      t,
      b.accessToken,
      recordLine('campaigns', campaign(new Types.ObjectId(), b.user.id)),
      query,
    );
    expect(probeA.status).toBe(probeNone.status);
    expect(probeA.report).toEqual(probeNone.report);
  }
  expect(await CampaignModel.findById(ofA).lean()).toMatchObject({
    userId: new Types.ObjectId(a.user.id),
  });
});
