import { Types } from 'mongoose';
import { ChatModel, ChatStatus } from '../../src/modules/chats/chat.model';
import { Platform } from '../../src/platforms/platform';
import {
  signUp,
  startTestApp,
  type AuthResult,
  type GraphQLResponse,
  type TestApp,
} from '../support/testApp';

// ---- GraphQL documents ----------------------------------------------------------------

const CAMPAIGN_FIELDS = /* GraphQL */ `
  fragment CampaignFields on Campaign {
    id
    userId
    name
    status
    targetPlatform
    outreachMessage
    createdAt
    updatedAt
    product {
      name
      description
      price
      images
      features
    }
    chatFlow {
      greeting
      qualificationQuestions
      objectionHandling {
        objection
        response
      }
      closingMessage
    }
    targetAudience {
      demographics {
        ageRange
        location
        interests
      }
      persona
    }
    stats {
      messagesSent
      responses
      conversions
      revenue
    }
  }
`;
const CAMPAIGNS = /* GraphQL */ `
  query Campaigns(
    $status: CampaignStatus
    $search: String
    $userId: ObjectId
    $page: Int
    $limit: Int
  ) {
    campaigns(status: $status, search: $search, userId: $userId, page: $page, limit: $limit) {
      items {
        id
        name
        userId
        status
      }
      total
      page
      pages
    }
  }
`;
const CAMPAIGN = /* GraphQL */ `
  query Campaign($id: ObjectId!) {
    campaign(id: $id) {
      ...CampaignFields
    }
  }
  ${CAMPAIGN_FIELDS}
`;
const CREATE = /* GraphQL */ `
  mutation Create($input: CampaignInput!) {
    createCampaign(input: $input) {
      ...CampaignFields
    }
  }
  ${CAMPAIGN_FIELDS}
`;
const UPDATE = /* GraphQL */ `
  mutation Update($id: ObjectId!, $input: UpdateCampaignInput!) {
    updateCampaign(id: $id, input: $input) {
      ...CampaignFields
    }
  }
  ${CAMPAIGN_FIELDS}
`;
const SET_STATUS = /* GraphQL */ `
  mutation SetStatus($id: ObjectId!, $status: CampaignStatus!) {
    setCampaignStatus(id: $id, status: $status) {
      id
      status
    }
  }
`;
const DELETE = /* GraphQL */ `
  mutation Delete($id: ObjectId!, $force: Boolean) {
    deleteCampaign(id: $id, force: $force)
  }
`;

// ---- helpers ------------------------------------------------------------------------------

type Status = 'DRAFT' | 'ACTIVE' | 'PAUSED' | 'COMPLETED';
interface CampaignView {
  id: string;
  userId: string;
  name: string;
  status: Status;
  product: { name: string; description: string | null; price: number; images: string[] };
  [field: string]: unknown;
}
interface PageView {
  items: { id: string; name: string; userId: string; status: Status }[];
  total: number;
  page: number;
  pages: number;
}
type Errors = GraphQLResponse['errors'];

const ADMIN_EMAIL = 'campaign-admin@example.com';
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({
    env: { ADMIN_EMAILS: ADMIN_EMAIL },
    configure: (config) => {
      config.passwordHashRounds = 4;
      config.limits.authAttemptsPerIp = 10_000;
    },
  });
});
afterAll(() => t.stop());

const codeOf = (response: { errors?: Errors }) => response.errors?.[0]?.extensions?.code;
const fieldPaths = (response: { errors?: Errors }): string[] =>
  ((response.errors?.[0]?.extensions?.fields ?? []) as { path: string }[]).map((f) => f.path);

const minimalInput = (name = 'Spring sale') => ({
  name,
  product: { name: 'Blue shoes', price: 49.99 },
});

async function create(user: AuthResult, input: object = minimalInput()): Promise<CampaignView> {
  const response = await t.gql<{ createCampaign: CampaignView }>(
    CREATE,
    { input },
    { token: user.accessToken },
  );
  if (!response.data?.createCampaign) {
    throw new Error(`createCampaign failed: ${JSON.stringify(response.errors)}`);
  }
  return response.data.createCampaign;
}

const read = (user: AuthResult, id: string) =>
  t.gql<{ campaign: CampaignView | null }>(CAMPAIGN, { id }, { token: user.accessToken });

const list = (user: AuthResult, variables: Record<string, unknown> = {}) =>
  t.gql<{ campaigns: PageView }>(CAMPAIGNS, variables, { token: user.accessToken });

const update = (user: AuthResult, id: string, input: object) =>
  t.gql<{ updateCampaign: CampaignView }>(UPDATE, { id, input }, { token: user.accessToken });

const setStatus = (user: AuthResult, id: string, status: Status) =>
  t.gql<{ setCampaignStatus: { id: string; status: Status } }>(
    SET_STATUS,
    { id, status },
    { token: user.accessToken },
  );

const remove = (user: AuthResult, id: string, force?: boolean) =>
  t.gql<{ deleteCampaign: boolean }>(DELETE, { id, force }, { token: user.accessToken });

/** The legal path from a new draft to each status. */
const PATH_TO: Record<Status, Status[]> = {
  DRAFT: [],
  ACTIVE: ['ACTIVE'],
  PAUSED: ['ACTIVE', 'PAUSED'],
  COMPLETED: ['ACTIVE', 'COMPLETED'],
};

async function campaignIn(user: AuthResult, status: Status): Promise<CampaignView> {
  const campaign = await create(user);
  for (const step of PATH_TO[status]) {
    const response = await setStatus(user, campaign.id, step);
    expect(response.data?.setCampaignStatus.status).toBe(step);
  }
  return campaign;
}

const addChat = (user: AuthResult, campaignId: string, customerId = 'psid-1') =>
  ChatModel.create({
    userId: new Types.ObjectId(user.user.id),
    campaignId: new Types.ObjectId(campaignId),
    platform: Platform.FACEBOOK,
    customerId,
  });

const fullInput = {
  name: '  Summer launch  ',
  product: {
    name: 'Trail runner',
    description: 'A light shoe for rough paths.',
    price: 129.5,
    images: ['https://cdn.example.com/a.jpg', 'http://cdn.example.com/b.png'],
    features: ['Waterproof', 'Recycled sole'],
  },
  targetPlatform: 'INSTAGRAM',
  chatFlow: {
    greeting: 'Hi! Looking for new running shoes?',
    qualificationQuestions: ['What distance do you run?', 'Road or trail?'],
    objectionHandling: [{ objection: 'Too expensive', response: 'They last twice as long.' }],
    closingMessage: 'Shall I reserve a pair for you?',
  },
  targetAudience: {
    demographics: { ageRange: '25-45', location: ['Berlin', 'Munich'], interests: ['running'] },
    persona: 'Weekend trail runner',
  },
  outreachMessage: 'New trail runners are in!',
};

// ---- tests --------------------------------------------------------------------------------

describe('create and read', () => {
  test('a campaign with every field is stored as given and read back', async () => {
    const user = await signUp(t);
    const created = await create(user, fullInput);
    expect(created).toMatchObject({
      ...fullInput,
      name: 'Summer launch',
      userId: user.user.id,
      status: 'DRAFT',
      stats: { messagesSent: 0, responses: 0, conversions: 0, revenue: 0 },
    });
    const read1 = await read(user, created.id);
    expect(read1.errors).toBeUndefined();
    expect(read1.data?.campaign).toEqual(created);
  });

  test('optional parts default to empty lists and platform ALL', async () => {
    const user = await signUp(t);
    const created = await create(user);
    expect(created).toMatchObject({
      targetPlatform: 'ALL',
      outreachMessage: null,
      product: { name: 'Blue shoes', price: 49.99, description: null, images: [], features: [] },
      chatFlow: { greeting: null, qualificationQuestions: [], objectionHandling: [] },
      targetAudience: { demographics: { ageRange: null, location: [], interests: [] } },
    });
  });

  test('an unknown id answers NOT_FOUND', async () => {
    const user = await signUp(t);
    const response = await read(user, new Types.ObjectId().toHexString());
    expect(codeOf(response)).toBe('NOT_FOUND');
    expect(response.errors?.[0]?.message).toBe('Campaign not found.');
  });
});

describe('list', () => {
  test('newest first, paged, with total and pages across two pages', async () => {
    const user = await signUp(t);
    for (const n of [1, 2, 3, 4, 5]) await create(user, minimalInput(`C${n}`));
    const first = (await list(user, { limit: 3 })).data!.campaigns;
    expect(first).toMatchObject({ total: 5, page: 1, pages: 2 });
    expect(first.items.map((c) => c.name)).toEqual(['C5', 'C4', 'C3']);
    const second = (await list(user, { limit: 3, page: 2 })).data!.campaigns;
    expect(second).toMatchObject({ total: 5, page: 2, pages: 2 });
    expect(second.items.map((c) => c.name)).toEqual(['C2', 'C1']);
  });

  test('a limit over 100 or a page below 1 is refused', async () => {
    const user = await signUp(t);
    expect(codeOf(await list(user, { limit: 101 }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await list(user, { page: 0 }))).toBe('BAD_USER_INPUT');
  });

  test('filters by status', async () => {
    const user = await signUp(t);
    const active = await campaignIn(user, 'ACTIVE');
    await create(user);
    const result = (await list(user, { status: 'ACTIVE' })).data!.campaigns;
    expect(result.items.map((c) => c.id)).toEqual([active.id]);
    expect(result.total).toBe(1);
  });

  test('search matches campaign or product name, case-insensitively, as literal text', async () => {
    const user = await signUp(t);
    const sale = await create(user, minimalInput('Summer SALE'));
    const shoes = await create(user, { name: 'Autumn', product: { name: 'Red Shoes', price: 1 } });
    const regexy = await create(user, minimalInput('Deal (50% off) .* now'));

    const names = async (search: string) => {
      const response = await list(user, { search });
      expect(response.errors).toBeUndefined();
      return response.data!.campaigns.items.map((c) => c.id);
    };
    expect(await names('sale')).toEqual([sale.id]);
    expect(await names('red shoes')).toEqual([shoes.id]);
    expect(await names('.*')).toEqual([regexy.id]);
    expect(await names('(')).toEqual([regexy.id]);
    expect(await names('[')).toEqual([]);
    expect((await names('   ')).sort()).toEqual([sale.id, shoes.id, regexy.id].sort());
  });
});

describe('partial update', () => {
  test('only the given fields change; nested siblings and other fields stay', async () => {
    const user = await signUp(t);
    const created = await create(user, fullInput);
    const response = await update(user, created.id, {
      product: { price: 99 },
      chatFlow: { greeting: 'Hello again' },
      targetAudience: { demographics: { interests: ['hiking', 'trail'] } },
    });
    expect(response.errors).toBeUndefined();
    const expected = {
      ...created,
      updatedAt: expect.any(String),
      product: { ...created.product, price: 99 },
      chatFlow: { ...(created.chatFlow as object), greeting: 'Hello again' },
      targetAudience: {
        persona: 'Weekend trail runner',
        demographics: {
          ageRange: '25-45',
          location: ['Berlin', 'Munich'],
          interests: ['hiking', 'trail'],
        },
      },
    };
    expect(response.data?.updateCampaign).toEqual(expected);
    expect((await read(user, created.id)).data?.campaign).toEqual(expected);
  });

  test('top-level fields and whole lists are replaced; names are trimmed', async () => {
    const user = await signUp(t);
    const created = await create(user, fullInput);
    const response = await update(user, created.id, {
      name: '  Renamed ',
      targetPlatform: 'WHATSAPP',
      product: { images: ['https://cdn.example.com/only.jpg'] },
      chatFlow: { objectionHandling: [] },
    });
    expect(response.data?.updateCampaign).toMatchObject({
      name: 'Renamed',
      targetPlatform: 'WHATSAPP',
      outreachMessage: fullInput.outreachMessage,
      product: { ...fullInput.product, images: ['https://cdn.example.com/only.jpg'] },
      chatFlow: { ...fullInput.chatFlow, objectionHandling: [] },
    });
  });

  test('null clears optional fields and empties lists, but not required ones', async () => {
    const user = await signUp(t);
    const created = await create(user, fullInput);
    const cleared = await update(user, created.id, {
      outreachMessage: null,
      product: { description: null, features: null },
    });
    expect(cleared.data?.updateCampaign).toMatchObject({
      outreachMessage: null,
      product: { name: 'Trail runner', description: null, features: [] },
    });
    for (const input of [{ name: null }, { product: { price: null } }, { product: null }]) {
      const refused = await update(user, created.id, input);
      expect(codeOf(refused)).toBe('BAD_USER_INPUT');
      expect(fieldPaths(refused)).toHaveLength(1);
    }
    expect((await read(user, created.id)).data?.campaign?.name).toBe('Summer launch');
  });
});

describe('status transitions', () => {
  const LEGAL: [Status, Status][] = [
    ['DRAFT', 'ACTIVE'],
    ['ACTIVE', 'PAUSED'],
    ['PAUSED', 'ACTIVE'],
    ['ACTIVE', 'COMPLETED'],
  ];
  const ALL: Status[] = ['DRAFT', 'ACTIVE', 'PAUSED', 'COMPLETED'];
  const ILLEGAL = ALL.flatMap((from) => ALL.map((to): [Status, Status] => [from, to])).filter(
    ([from, to]) => !LEGAL.some(([f, s]) => f === from && s === to),
  );

  test.each(LEGAL)('%s → %s is allowed', async (from, to) => {
    const user = await signUp(t);
    const campaign = await campaignIn(user, from);
    const response = await setStatus(user, campaign.id, to);
    expect(response.errors).toBeUndefined();
    expect(response.data?.setCampaignStatus).toEqual({ id: campaign.id, status: to });
    expect((await read(user, campaign.id)).data?.campaign?.status).toBe(to);
  });

  test('the matrix has 12 illegal transitions', () => expect(ILLEGAL).toHaveLength(12));

  test.each(ILLEGAL)('%s → %s is refused and names the transition', async (from, to) => {
    const user = await signUp(t);
    const campaign = await campaignIn(user, from);
    const response = await setStatus(user, campaign.id, to);
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toBe(
      `A campaign cannot go from ${from.toLowerCase()} to ${to.toLowerCase()}.`,
    );
    expect(response.errors?.[0]?.extensions).toMatchObject({ from, to });
    expect((await read(user, campaign.id)).data?.campaign?.status).toBe(from);
  });

  test('two concurrent pauses: one wins, the other is refused as paused → paused', async () => {
    const user = await signUp(t);
    const campaign = await campaignIn(user, 'ACTIVE');
    const results = await Promise.all([
      setStatus(user, campaign.id, 'PAUSED'),
      setStatus(user, campaign.id, 'PAUSED'),
    ]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    const loser = results.find((r) => r.errors)!;
    expect(loser.errors?.[0]?.message).toBe('A campaign cannot go from paused to paused.');
  });
});

describe('validation', () => {
  const withProduct = (product: object) => ({
    ...minimalInput(),
    product: { ...minimalInput().product, ...product },
  });
  const cases: [string, object, string][] = [
    ['a price with 3 decimals', withProduct({ price: 10.999 }), 'product.price'],
    ['a tiny price written with an exponent', withProduct({ price: 1e-7 }), 'product.price'],
    ['the smallest double', withProduct({ price: 5e-324 }), 'product.price'],
    ['a negative price', withProduct({ price: -1 }), 'product.price'],
    ['a bad image URL', withProduct({ images: ['javascript:alert(1)'] }), 'product.images'],
    [
      'an image without protocol',
      withProduct({ images: ['cdn.example.com/a.jpg'] }),
      'product.images',
    ],
    [
      '21 images',
      withProduct({ images: Array(21).fill('https://x.example.com/a.jpg') }),
      'product.images',
    ],
    ['31 features', withProduct({ features: Array(31).fill('f') }), 'product.features'],
    ['an empty feature', withProduct({ features: [''] }), 'product.features'],
    ['a product name of 201 chars', withProduct({ name: 'p'.repeat(201) }), 'product.name'],
    [
      'a description of 5001 chars',
      withProduct({ description: 'd'.repeat(5001) }),
      'product.description',
    ],
    ['a name of 121 chars', minimalInput('n'.repeat(121)), 'name'],
    ['an empty name', minimalInput(''), 'name'],
    ['a blank name', minimalInput('   '), 'name'],
    [
      '21 qualification questions',
      { ...minimalInput(), chatFlow: { qualificationQuestions: Array(21).fill('Why?') } },
      'chatFlow.qualificationQuestions',
    ],
    [
      'an empty objection response',
      {
        ...minimalInput(),
        chatFlow: { objectionHandling: [{ objection: 'Price', response: '' }] },
      },
      'chatFlow.objectionHandling.0.response',
    ],
    [
      'an age range of 51 chars',
      { ...minimalInput(), targetAudience: { demographics: { ageRange: 'a'.repeat(51) } } },
      'targetAudience.demographics.ageRange',
    ],
    [
      'an outreach message of 2001 chars',
      { ...minimalInput(), outreachMessage: 'o'.repeat(2001) },
      'outreachMessage',
    ],
  ];

  test.each(cases)(
    'create with %s is refused at its field and stores nothing',
    async (_, input, path) => {
      const user = await signUp(t);
      const response = await t.gql(CREATE, { input }, { token: user.accessToken });
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(fieldPaths(response)).toContain(path);
      expect((await list(user)).data?.campaigns.total).toBe(0);
    },
  );

  test.each(cases)(
    'update with %s is refused at its field and changes nothing',
    async (_, input, path) => {
      const user = await signUp(t);
      const created = await create(user, fullInput);
      const response = await update(user, created.id, input);
      expect(codeOf(response)).toBe('BAD_USER_INPUT');
      expect(fieldPaths(response)).toContain(path);
      expect((await read(user, created.id)).data?.campaign).toEqual(created);
    },
  );

  test('an update may leave out required product fields', async () => {
    const user = await signUp(t);
    const created = await create(user, fullInput);
    const response = await update(user, created.id, { product: { description: 'New text' } });
    expect(response.data?.updateCampaign.product).toMatchObject({
      name: 'Trail runner',
      price: 129.5,
    });
  });
});

describe('mass assignment', () => {
  test.each([
    ['stats', { stats: { messagesSent: 1000, revenue: 5 } }],
    ['userId', { userId: new Types.ObjectId().toHexString() }],
    ['status', { status: 'ACTIVE' }],
    ['createdAt', { createdAt: '2020-01-01T00:00:00.000Z' }],
  ])('createCampaign with %s in the input is refused and creates nothing', async (_, extra) => {
    const user = await signUp(t);
    const response = await t.gql(
      CREATE,
      { input: { ...minimalInput(), ...extra } },
      { token: user.accessToken },
    );
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect((await list(user)).data?.campaigns.total).toBe(0);
  });

  test.each([
    ['stats', { stats: { revenue: 5 } }],
    ['userId', { userId: new Types.ObjectId().toHexString() }],
    ['status', { status: 'COMPLETED' }],
  ])('updateCampaign with %s in the input is refused and changes nothing', async (_, extra) => {
    const user = await signUp(t);
    const created = await create(user);
    const response = await update(user, created.id, { name: 'Changed', ...extra });
    expect(codeOf(response)).toBe('BAD_USER_INPUT');
    expect((await read(user, created.id)).data?.campaign).toEqual(created);
  });
});

describe('delete', () => {
  test('a campaign without chats is deleted', async () => {
    const user = await signUp(t);
    const campaign = await create(user);
    expect((await remove(user, campaign.id)).data).toEqual({ deleteCampaign: true });
    expect(codeOf(await read(user, campaign.id))).toBe('NOT_FOUND');
    expect(codeOf(await remove(user, campaign.id))).toBe('NOT_FOUND');
  });

  test('refused while a chat uses it; force archives the chat and deletes it', async () => {
    const user = await signUp(t);
    const other = await signUp(t);
    const campaign = await create(user);
    const chat = await addChat(user, campaign.id);
    // A chat of another owner naming this campaign is never touched.
    const foreign = await addChat(other, campaign.id);

    const refused = await remove(user, campaign.id);
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(refused.errors?.[0]?.message).toMatch(/^1 chat uses this campaign\..*force/);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ chats: 1 });
    expect((await read(user, campaign.id)).data?.campaign?.id).toBe(campaign.id);
    expect((await ChatModel.findById(chat._id).lean())?.status).toBe(ChatStatus.ACTIVE);

    expect((await remove(user, campaign.id, true)).data).toEqual({ deleteCampaign: true });
    expect(codeOf(await read(user, campaign.id))).toBe('NOT_FOUND');
    expect((await ChatModel.findById(chat._id).lean())?.status).toBe(ChatStatus.ARCHIVED);
    expect((await ChatModel.findById(foreign._id).lean())?.status).toBe(ChatStatus.ACTIVE);
  });

  test('the refusal counts every chat that still uses the campaign', async () => {
    const user = await signUp(t);
    const campaign = await create(user);
    await addChat(user, campaign.id, 'psid-a');
    await addChat(user, campaign.id, 'psid-b');
    const refused = await remove(user, campaign.id);
    expect(refused.errors?.[0]?.message).toMatch(/^2 chats use this campaign\./);
  });

  test('archived chats do not hold a campaign back', async () => {
    const user = await signUp(t);
    const campaign = await create(user);
    const chat = await addChat(user, campaign.id);
    await ChatModel.updateOne({ _id: chat._id }, { $set: { status: ChatStatus.ARCHIVED } });
    expect((await remove(user, campaign.id)).data).toEqual({ deleteCampaign: true });
  });
});

describe('ownership', () => {
  test('another user cannot see, change or delete a campaign; it stays unchanged', async () => {
    const alice = await signUp(t);
    const bob = await signUp(t);
    const campaign = await create(alice, fullInput);
    await addChat(alice, campaign.id);
    await create(bob, minimalInput('Bob campaign'));

    expect(codeOf(await read(bob, campaign.id))).toBe('NOT_FOUND');
    expect(codeOf(await update(bob, campaign.id, { name: 'Hijacked' }))).toBe('NOT_FOUND');
    expect(codeOf(await setStatus(bob, campaign.id, 'ACTIVE'))).toBe('NOT_FOUND');
    expect(codeOf(await remove(bob, campaign.id))).toBe('NOT_FOUND');
    expect(codeOf(await remove(bob, campaign.id, true))).toBe('NOT_FOUND');

    const bobs = (await list(bob)).data!.campaigns;
    expect(bobs.total).toBe(1);
    expect(bobs.items.every((c) => c.userId === bob.user.id)).toBe(true);
    expect((await list(bob, { search: 'Summer' })).data?.campaigns.total).toBe(0);

    expect((await read(alice, campaign.id)).data?.campaign).toEqual(campaign);
    expect(
      await ChatModel.countDocuments({
        status: ChatStatus.ARCHIVED,
        userId: new Types.ObjectId(alice.user.id),
      }),
    ).toBe(0);
  });

  test('a non-admin naming another userId gets FORBIDDEN; their own id is fine', async () => {
    const alice = await signUp(t);
    const bob = await signUp(t);
    await create(alice);
    expect(codeOf(await list(bob, { userId: alice.user.id }))).toBe('FORBIDDEN');
    expect((await list(alice, { userId: alice.user.id })).data?.campaigns.total).toBe(1);
  });

  test('an admin can read, list by owner, update, change status and delete any campaign', async () => {
    const admin = await signUp(t, ADMIN_EMAIL);
    expect(admin.user.role).toBe('ADMIN');
    const alice = await signUp(t);
    const bob = await signUp(t);
    const campaign = await create(alice);
    await create(bob);

    expect((await read(admin, campaign.id)).data?.campaign?.id).toBe(campaign.id);
    const alices = (await list(admin, { userId: alice.user.id })).data!.campaigns;
    expect(alices.items.map((c) => c.id)).toEqual([campaign.id]);
    const everyone = (await list(admin)).data!.campaigns;
    expect(everyone.total).toBeGreaterThanOrEqual(2);

    const updated = await update(admin, campaign.id, { name: 'Fixed by admin' });
    expect(updated.data?.updateCampaign).toMatchObject({
      name: 'Fixed by admin',
      userId: alice.user.id,
    });
    expect((await setStatus(admin, campaign.id, 'ACTIVE')).data?.setCampaignStatus.status).toBe(
      'ACTIVE',
    );
    expect((await read(alice, campaign.id)).data?.campaign).toMatchObject({
      name: 'Fixed by admin',
      status: 'ACTIVE',
    });

    // An admin's own new campaign belongs to the admin.
    expect((await create(admin)).userId).toBe(admin.user.id);

    expect((await remove(admin, campaign.id)).data).toEqual({ deleteCampaign: true });
    expect(codeOf(await read(alice, campaign.id))).toBe('NOT_FOUND');
  });

  test.each([
    ['campaigns', CAMPAIGNS, {}],
    ['campaign', CAMPAIGN, { id: new Types.ObjectId().toHexString() }],
    ['createCampaign', CREATE, { input: minimalInput() }],
    ['updateCampaign', UPDATE, { id: new Types.ObjectId().toHexString(), input: { name: 'x' } }],
    ['setCampaignStatus', SET_STATUS, { id: new Types.ObjectId().toHexString(), status: 'ACTIVE' }],
    ['deleteCampaign', DELETE, { id: new Types.ObjectId().toHexString() }],
  ])('%s without a token answers UNAUTHENTICATED', async (_, query, variables) => {
    const response = await t.gql(query, variables);
    expect(codeOf(response)).toBe('UNAUTHENTICATED');
  });
});
