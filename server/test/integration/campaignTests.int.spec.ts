import { CampaignTestModel } from '../../src/modules/campaignTests/campaignTest.model';
import { ChatModel, ChatStatus } from '../../src/modules/chats/chat.model';
import { signUp, startTestApp, type AuthResult, type TestApp } from '../support/testApp';

const TEST_FIELDS = `id name lines generated expect { converted orderValue qualified objection handsOff mentions notMentions }
  lastRun { passed failure transcript { sender content } }`;
const CREATE_PRODUCT = `mutation($input: ProductInput!) { createProduct(input: $input) { id } }`;
const UPDATE_PRODUCT = `mutation($id: ObjectId!, $input: ProductUpdateInput!) { updateProduct(id: $id, input: $input) { id } }`;
const CREATE_CAMPAIGN = `mutation($input: CampaignInput!) { createCampaign(input: $input) { id } }`;
const GENERATE = `mutation($id: ObjectId!) { generateCampaignTests(campaignId: $id) { ${TEST_FIELDS} } }`;
const RUN = `mutation($id: ObjectId!) { runCampaignTests(campaignId: $id) { ${TEST_FIELDS} } }`;
const LIST = `query($id: ObjectId!) { campaignTests(campaignId: $id) { ${TEST_FIELDS} } }`;
const CREATE = `mutation($id: ObjectId!, $input: CampaignTestInput!) { createCampaignTest(campaignId: $id, input: $input) { ${TEST_FIELDS} } }`;
const UPDATE = `mutation($id: ObjectId!, $input: CampaignTestInput!) { updateCampaignTest(id: $id, input: $input) { id } }`;
const DELETE = `mutation($id: ObjectId!) { deleteCampaignTest(id: $id) }`;
const SUMMARY = `query($id: ObjectId!) { campaign(id: $id) { testSummary { total passed ranAt } } }`;
const BUSINESS = `mutation($input: BusinessInfoInput!) { updateBusinessInfo(input: $input) { id } }`;

type Test = {
  id: string;
  name: string;
  generated: boolean;
  expect: Record<string, unknown>;
  lastRun: {
    passed: boolean;
    failure: string | null;
    transcript: { sender: string; content: string }[];
  } | null;
};
type Errors = { errors?: { extensions?: { code?: string; fields?: { path: string }[] } }[] };
const codeOf = (response: Errors) => response.errors?.[0]?.extensions?.code;

let t: TestApp;
let owner: AuthResult;
let other: AuthResult;
let campaignId: string;
let productId: string;
beforeAll(async () => {
  t = await startTestApp();
  [owner, other] = [await signUp(t), await signUp(t)];
  const token = { token: owner.accessToken };
  await t.gql(BUSINESS, { input: { businessName: 'Leather Loft', currency: 'USD' } }, token);
  const product = await t.gql<{ createProduct: { id: string } }>(
    CREATE_PRODUCT,
    {
      input: {
        name: 'Classic Leather Tote',
        price: 189,
        variantLabel: 'Colour',
        variants: [{ name: 'Cognac' }, { name: 'Black' }],
      },
    },
    token,
  );
  productId = product.data!.createProduct.id;
  const campaign = await t.gql<{ createCampaign: { id: string } }>(
    CREATE_CAMPAIGN,
    {
      input: {
        name: 'Totes',
        productIds: [productId],
        offers: [{ kind: 'QUANTITY_DISCOUNT', minQuantity: 2, percentOff: 10 }],
        chatFlow: {
          qualificationQuestions: ['What will you mainly use it for?', 'Which colour do you like?'],
          objectionHandling: [
            { objection: 'Too expensive', response: 'Take 2 and get 10% off both.' },
          ],
        },
      },
    },
    token,
  );
  campaignId = campaign.data!.createCampaign.id;
});
afterAll(() => t.stop());

const as = (user: AuthResult) => ({ token: user.accessToken });

test('the starter set covers the playbook, runs through the pipeline and passes', async () => {
  const generated = await t.gql<{ generateCampaignTests: Test[] }>(
    GENERATE,
    { id: campaignId },
    as(owner),
  );
  expect(generated.data!.generateCampaignTests.map((test) => test.name)).toEqual([
    'Answers every question',
    'Objection: Too expensive',
    'A sale',
    'A sale of 2 with the discount',
    'Asks for a person',
  ]);
  const discounted = generated.data!.generateCampaignTests[3]!;
  expect(discounted.expect).toMatchObject({ converted: true, orderValue: 340.2 });

  const started = await t.gql<{ runCampaignTests: Test[] }>(RUN, { id: campaignId }, as(owner));
  // The run plays in the background; the request answers at once with the tests.
  expect(started.data!.runCampaignTests).toHaveLength(5);
  const running = await t.gql<{ campaign: { testSummary: { running: boolean } } }>(
    `query($id: ObjectId!) { campaign(id: $id) { testSummary { running } } }`,
    { id: campaignId },
    as(owner),
  );
  expect(running.data!.campaign.testSummary.running).toBe(true);
  await t.app.services.campaignTests.idle();
  const tests = (await t.gql<{ campaignTests: Test[] }>(LIST, { id: campaignId }, as(owner))).data!
    .campaignTests;
  expect(tests.map((test) => [test.name, test.lastRun?.failure ?? null])).toEqual(
    tests.map((test) => [test.name, null]),
  );
  expect(tests.every((test) => test.lastRun?.passed)).toBe(true);
  const sale = tests[3]!.lastRun!.transcript;
  expect(sale.map((turn) => turn.sender)).toEqual(['customer', 'ai', 'customer', 'ai']);
  expect(sale[3]!.content).toContain('Total: $340.20.');

  const summary = await t.gql<{
    campaign: { testSummary: { total: number; passed: number; ranAt: string } };
  }>(SUMMARY, { id: campaignId }, as(owner));
  expect(summary.data!.campaign.testSummary).toMatchObject({ total: 5, passed: 5 });
  // The test chats keep their transcripts but leave the open inbox.
  const chats = await ChatModel.find({ campaignId, isTest: true }).lean();
  expect(chats.length).toBeGreaterThanOrEqual(5);
  expect(chats.every((chat) => chat.status === ChatStatus.ARCHIVED)).toBe(true);
});

test('a test names the first unmet expectation, and runs again by itself after a change', async () => {
  const created = await t.gql<{ createCampaignTest: Test }>(
    CREATE,
    {
      id: campaignId,
      input: {
        name: 'Two at the old price',
        lines: ['Hi!', "I'll take 2 in Black"],
        expect: { converted: true, orderValue: 340.2, notMentions: ['sold out'] },
      },
    },
    as(owner),
  );
  const id = created.data!.createCampaignTest.id;
  await t.gql(RUN, { id: campaignId }, as(owner));
  await t.app.services.campaignTests.idle();
  const before = await CampaignTestModel.findById(id).lean();
  expect(before?.lastRun).toMatchObject({ passed: true });

  await t.gql(UPDATE_PRODUCT, { id: productId, input: { price: 199 } }, as(owner));
  expect(await t.app.services.campaignTests.rerunChanged()).toBe(1);
  const after = await CampaignTestModel.findById(id).lean();
  expect(after?.lastRun?.at.getTime()).toBeGreaterThan(before!.lastRun!.at.getTime());
  expect(after?.lastRun).toMatchObject({
    passed: false,
    failure: 'expected a sale of $340.20; it was $358.20',
  });
  // Nothing changed since: no run.
  expect(await t.app.services.campaignTests.rerunChanged()).toBe(0);
});

test('bad tests are refused per field, nothing stored', async () => {
  const count = await CampaignTestModel.countDocuments();
  for (const input of [
    { name: 'No lines', lines: [] },
    { name: 'Blank line', lines: ['  '] },
    { name: 'Too many', lines: Array.from({ length: 11 }, () => 'hi') },
    { name: '', lines: ['hi'] },
  ]) {
    expect(codeOf(await t.gql(CREATE, { id: campaignId, input }, as(owner)))).toBe(
      'BAD_USER_INPUT',
    );
  }
  expect(await CampaignTestModel.countDocuments()).toBe(count);
});

test("another user cannot read, add, change, delete, generate or run a campaign's tests", async () => {
  const [first] = (await t.gql<{ campaignTests: Test[] }>(LIST, { id: campaignId }, as(owner)))
    .data!.campaignTests;
  const input = { name: 'Mine now', lines: ['hi'] };
  expect(codeOf(await t.gql(LIST, { id: campaignId }, as(other)))).toBe('NOT_FOUND');
  expect(codeOf(await t.gql(CREATE, { id: campaignId, input }, as(other)))).toBe('NOT_FOUND');
  expect(codeOf(await t.gql(UPDATE, { id: first!.id, input }, as(other)))).toBe('NOT_FOUND');
  expect(codeOf(await t.gql(DELETE, { id: first!.id }, as(other)))).toBe('NOT_FOUND');
  expect(codeOf(await t.gql(GENERATE, { id: campaignId }, as(other)))).toBe('NOT_FOUND');
  expect(codeOf(await t.gql(RUN, { id: campaignId }, as(other)))).toBe('NOT_FOUND');
  expect(await CampaignTestModel.findById(first!.id).lean()).toMatchObject({ name: first!.name });
});
