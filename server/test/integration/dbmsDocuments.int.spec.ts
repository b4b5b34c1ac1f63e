import { Types } from 'mongoose';
import {
  DBMS_COLLECTION_NAMES,
  DBMS_COLLECTIONS,
  REDACTED,
  dbmsCollection,
} from '../../src/modules/dbms/collections';
import {
  codeOf,
  dataOf,
  dbmsAs,
  parsed,
  seedTenant,
  type DocumentItem,
  type Tenant,
  startDbmsApp,
} from '../support/dbmsScenario';
import type { GraphApiFixture } from '../support/graphApiFixture';
import { signUp, type AuthResult, type TestApp } from '../support/testApp';

const ADMIN_EMAIL = 'dbms-docs-admin@example.com';

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

/** What owners browse: their business data; the server's bookkeeping is for admins. */
const OWNER_COLLECTIONS = DBMS_COLLECTIONS.filter((entry) => !entry.system);
const SYSTEM_COLLECTIONS = DBMS_COLLECTIONS.filter((entry) => entry.system);
const visibleTo = (user: AuthResult) => (user === admin ? DBMS_COLLECTIONS : OWNER_COLLECTIONS);

const ownerFilter = (name: string, userId: string) => ({
  [dbmsCollection(name).ownerField]: new Types.ObjectId(userId),
});

/** Every document of a collection the user may see, through the API (pages of 100). */
async function allDocuments(user: AuthResult, collection: string, userId?: string) {
  const items: DocumentItem[] = [];
  for (let page = 1; ; page++) {
    const result = dataOf(
      await dbmsAs(t, user).documents({ collection, page, limit: 100, userId }),
    ).dbmsDocuments;
    items.push(...result.items);
    if (page >= result.pages) return items;
  }
}

describe('dbmsStats', () => {
  test("a user's counts are exactly the documents they own, in every collection", async () => {
    const stats = dataOf(await dbmsAs(t, alice.owner).stats()).dbmsStats;
    expect(stats.collections.map((c) => c.name)).toEqual(OWNER_COLLECTIONS.map((e) => e.name));
    expect(stats.collections.map((c) => c.label)).toEqual(
      expect.arrayContaining([
        'Campaigns',
        'Products',
        'Chats',
        'Messages',
        'Integrations',
        'Analytics',
      ]),
    );
    expect(stats.collections.every((c) => !c.system)).toBe(true);
    // The system collections, narrowed to her by an admin, hold her bookkeeping.
    const hers = dataOf(await dbmsAs(t, admin).stats(alice.owner.user.id)).dbmsStats;
    for (const { name, model } of DBMS_COLLECTIONS) {
      const owned = await model.collection.countDocuments(ownerFilter(name, alice.owner.user.id));
      const shown = [...stats.collections, ...hers.collections].find((c) => c.name === name)!;
      expect({ name, count: shown.count }).toEqual({ name, count: owned });
    }
    const count = (name: string) =>
      [...stats.collections, ...hers.collections].find((c) => c.name === name)!.count;
    // The seed reached every collection the product fills for a business.
    expect(count('users')).toBe(1);
    expect(count('campaigns')).toBe(1);
    expect(count('chats')).toBe(2);
    expect(count('messages')).toBeGreaterThanOrEqual(4);
    expect(count('integrations')).toBe(3);
    expect(count('inboundevents')).toBe(2);
    expect(count('mediafiles')).toBe(1);
    expect(count('adstats')).toBeGreaterThanOrEqual(1);
    expect(count('analytics')).toBeGreaterThanOrEqual(1);
    expect(count('refreshtokens')).toBeGreaterThanOrEqual(1);
    // Storage figures describe everyone's data: admins only.
    expect(stats.database).toBeNull();
    expect(stats.collections.every((c) => c.storageSize === null && c.indexes === null)).toBe(true);
  });

  test('an admin sees every document, storage, indexes and database totals', async () => {
    const stats = dataOf(await dbmsAs(t, admin).stats()).dbmsStats;
    for (const { name, model } of DBMS_COLLECTIONS) {
      expect(stats.collections.find((c) => c.name === name)!.count).toBe(
        await model.collection.countDocuments({}),
      );
    }
    const chats = stats.collections.find((c) => c.name === 'chats')!;
    expect(chats.storageSize).toEqual(expect.any(Number));
    expect(chats.avgObjSize).toBeGreaterThan(0);
    expect(chats.indexes).toEqual(
      expect.arrayContaining([
        { name: '_id_', keys: '{"_id":1}', unique: false },
        {
          name: 'userId_1_platform_1_customerId_1',
          keys: '{"userId":1,"platform":1,"customerId":1}',
          unique: true,
        },
      ]),
    );
    expect(stats.database).toMatchObject({
      name: t.app.database.connection.name,
      collections: expect.any(Number),
      objects: expect.any(Number),
    });

    // Narrowed to one user, the counts are that user's.
    const bobs = dataOf(await dbmsAs(t, admin).stats(bob.owner.user.id)).dbmsStats;
    for (const { name, model } of DBMS_COLLECTIONS) {
      expect(bobs.collections.find((c) => c.name === name)!.count).toBe(
        await model.collection.countDocuments(ownerFilter(name, bob.owner.user.id)),
      );
    }
  });
});

describe('dbmsDocuments and dbmsDocument', () => {
  test("a user's documents are exactly theirs, in every collection they browse", async () => {
    for (const { name, model } of OWNER_COLLECTIONS) {
      const items = await allDocuments(alice.owner, name);
      const owned = await model.collection
        .find(ownerFilter(name, alice.owner.user.id), { projection: { _id: 1 } })
        .toArray();
      expect({ name, ids: items.map((item) => item.id).sort() }).toEqual({
        name,
        ids: owned.map((document) => String(document._id)).sort(),
      });
      for (const item of items) {
        expect(item.collection).toBe(name);
        expect(item.ownerId).toBe(alice.owner.user.id);
      }
    }
  });

  test('an admin lists everyone, or one user with userId', async () => {
    const everyone = await allDocuments(admin, 'chats');
    expect(everyone).toHaveLength(4);
    const bobs = await allDocuments(admin, 'chats', bob.owner.user.id);
    expect(bobs).toHaveLength(2);
    expect(new Set(bobs.map((item) => item.ownerId))).toEqual(new Set([bob.owner.user.id]));
    const users = await allDocuments(admin, 'users');
    expect(users.map((item) => item.id)).toEqual(
      expect.arrayContaining([alice.owner.user.id, bob.owner.user.id, admin.user.id]),
    );
  });

  test('documents are canonical Extended JSON with a preview, newest first, paged', async () => {
    const page = dataOf(
      await dbmsAs(t, alice.owner).documents({ collection: 'messages', limit: 2 }),
    ).dbmsDocuments;
    expect(page.items).toHaveLength(2);
    expect(page.page).toBe(1);
    expect(page.pages).toBe(Math.ceil(page.total / 2));
    const [first, second] = page.items as [DocumentItem, DocumentItem];
    expect(first.id > second.id).toBe(true);

    const message = JSON.parse(first.json) as Record<string, unknown>;
    expect(message._id).toEqual({ $oid: first.id });
    expect(message.userId).toEqual({ $oid: alice.owner.user.id });
    expect(message.createdAt).toEqual({ $date: { $numberLong: expect.any(String) } });
    const bson = parsed(first);
    expect(bson._id).toBeInstanceOf(Types.ObjectId);
    expect(bson.createdAt).toBeInstanceOf(Date);
    expect(first.createdAt).toBe((bson.createdAt as Date).toISOString());
    // One line of at most 120 characters, an ellipsis closing a longer one.
    const line = String(bson.content).replace(/\s+/g, ' ').trim();
    expect(first.preview).toBe(line.length > 120 ? `${line.slice(0, 119)}…` : line);

    const oldest = dataOf(
      await dbmsAs(t, alice.owner).documents({
        collection: 'messages',
        sort: 'OLDEST',
        limit: 100,
      }),
    ).dbmsDocuments.items.map((item) => item.id);
    expect(oldest).toEqual([...oldest].sort());

    const one = dataOf(await dbmsAs(t, alice.owner).document('messages', first.id)).dbmsDocument;
    expect(one).toEqual(first);
  });

  test('unknown collections answer BAD_USER_INPUT listing the allowed ones', async () => {
    const systemNames = SYSTEM_COLLECTIONS.map((entry) => entry.name);
    for (const collection of [
      'nope',
      'dbmstrash',
      'auditlogs',
      'system.users',
      '',
      ...systemNames,
    ]) {
      const response = await dbmsAs(t, alice.owner).documents({ collection });
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(response.errors![0]!.message).toContain(
        OWNER_COLLECTIONS.map((entry) => entry.name).join(', '),
      );
      const asAdmin = await dbmsAs(t, admin).documents({ collection });
      if (systemNames.includes(collection)) expect(asAdmin.errors).toBeUndefined();
      else expect(asAdmin.errors![0]!.message).toContain(DBMS_COLLECTION_NAMES.join(', '));
    }
    const one = await dbmsAs(t, alice.owner).document('nope', new Types.ObjectId().toHexString());
    expect(codeOf(one)).toBe('BAD_USER_INPUT');
    expect(codeOf(await dbmsAs(t, alice.owner).document('chats', 'not-an-id'))).toBe(
      'BAD_USER_INPUT',
    );
  });

  test('a page holds at most 100 documents', async () => {
    const response = await dbmsAs(t, alice.owner).documents({ collection: 'chats', limit: 101 });
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect(codeOf(await dbmsAs(t, alice.owner).documents({ collection: 'chats', page: 0 }))).toBe(
      'BAD_USER_INPUT',
    );
  });
});

describe('search', () => {
  const names = [
    'Promo .* deal',
    'Literal $where campaign',
    'Odd {"$gt": ""} name',
    'Plain tote',
    'Caret ^start (group) [set] back\\slash',
  ];
  const ids = new Map<string, string>();
  beforeAll(async () => {
    for (const name of names) {
      const created = await t.gql<{ createCampaign: { id: string } }>(
        'mutation($input: CampaignInput!) { createCampaign(input: $input) { id } }',
        { input: { name, product: { name: 'Thing', price: 1 } } },
        { token: alice.owner.accessToken },
      );
      ids.set(name, dataOf(created).createCampaign.id);
    }
  });

  const search = async (text: string, user = alice.owner, collection = 'campaigns') =>
    dataOf(await dbmsAs(t, user).documents({ collection, search: text, limit: 100 })).dbmsDocuments
      .items;

  test.each([
    ['.*', 'Promo .* deal'],
    ['$where', 'Literal $where campaign'],
    ['{"$gt": ""}', 'Odd {"$gt": ""} name'],
    ['^start (group)', 'Caret ^start (group) [set] back\\slash'],
    ['[set] back\\slash', 'Caret ^start (group) [set] back\\slash'],
    ['PROMO', 'Promo .* deal'],
  ])('%s matches only the text itself', async (text, name) => {
    expect((await search(text)).map((item) => item.id)).toEqual([ids.get(name)]);
  });

  test.each(['.+', '$ne', '{"$ne": null}', 'a|b', '$regex', '\\d', '.?'])(
    'operator-looking %s matches nothing and breaks nothing',
    async (text) => {
      expect(await search(text)).toEqual([]);
    },
  );

  test.each(['^', '\\', '(', '[', ')'])(
    'a lone %s is a character, found only where it is written',
    async (text) => {
      expect((await search(text)).map((item) => item.id)).toEqual([
        ids.get('Caret ^start (group) [set] back\\slash'),
      ]);
    },
  );

  test('an ObjectId finds exactly that document, in any collection the caller may see', async () => {
    const id = ids.get('Plain tote')!;
    expect((await search(id)).map((item) => item.id)).toEqual([id]);
    expect(await search(id, bob.owner)).toEqual([]);
    expect((await search(alice.owner.user.id, admin, 'users')).map((i) => i.id)).toEqual([
      alice.owner.user.id,
    ]);
  });

  test('searches nested searchable fields and stays inside the owner', async () => {
    // product.name of the seeded campaign; bob has the same product name.
    const found = await search('porto tote');
    expect(found.map((item) => item.ownerId)).toEqual([alice.owner.user.id]);
    const everyone = dataOf(
      await dbmsAs(t, admin).documents({ collection: 'campaigns', search: 'porto tote' }),
    ).dbmsDocuments;
    expect(everyone.total).toBe(2);
    // A non-admin cannot reach any profile by searching for it: accounts are not browsed.
    const profiles = await dbmsAs(t, alice.owner).documents({
      collection: 'users',
      search: bob.owner.user.email,
    });
    expect(codeOf(profiles)).toBe('BAD_USER_INPUT');
  });
});

describe('redaction', () => {
  /** Every secret in the stored documents: none may ever leave the server. */
  async function secrets(): Promise<string[]> {
    const found: string[] = [];
    const users = await dbmsCollection('users').model.collection.find({}).toArray();
    found.push(...users.map((user) => String(user.password)));
    const tokens = await dbmsCollection('refreshtokens').model.collection.find({}).toArray();
    found.push(...tokens.flatMap((token) => [String(token.tokenHash), String(token.parentHash)]));
    const integrations = await dbmsCollection('integrations').model.collection.find({}).toArray();
    for (const integration of integrations) {
      const credentials = integration.credentials as Record<string, unknown>;
      for (const key of ['pageAccessToken', 'accessToken', 'refreshToken']) {
        if (typeof credentials[key] === 'string') found.push(credentials[key]);
      }
    }
    return found;
  }

  test('password hashes, credentials and token hashes are "[redacted]" for every role', async () => {
    const hidden = await secrets();
    // The seed holds each kind: bcrypt hashes, encrypted tokens, refresh token hashes.
    expect(hidden.filter((value) => value.startsWith('$2'))).toHaveLength(3);
    // 3 users, their refresh tokens (2 hashes each), 6 integrations' access tokens.
    expect(hidden.length).toBeGreaterThanOrEqual(3 + 6 + 6);
    expect(hidden.every((value) => value.length >= 20)).toBe(true);

    for (const user of [alice.owner, bob.owner, admin]) {
      for (const entry of visibleTo(user)) {
        const items = await allDocuments(user, entry.name);
        for (const item of items) {
          const single = dataOf(await dbmsAs(t, user).document(entry.name, item.id)).dbmsDocument;
          for (const shown of [item, single]) {
            for (const secret of hidden) expect(shown.json).not.toContain(secret);
            const document = parsed(shown);
            for (const path of entry.redacted) {
              if (path in document) expect(document[path]).toBe(REDACTED);
            }
          }
        }
        if ((entry.name === 'users' && user === admin) || entry.name === 'integrations') {
          // The field is there (shown as redacted), not silently dropped.
          const field = entry.redacted[0]!;
          expect(items.length).toBeGreaterThan(0);
          expect(items.every((item) => parsed(item)[field] === REDACTED)).toBe(true);
        }
      }
    }
  });
});
