import { ChatModel } from '../../src/modules/chats/chat.model';
import { MessageModel, Sender } from '../../src/modules/chats/message.model';
import {
  CONVERSATIONS,
  SHOP_NOTES,
  SHOP_OBJECTIONS,
  SHOP_QUESTIONS,
} from '../support/conversationSuite';
import { signUp, startTestApp, type AuthResult, type TestApp } from '../support/testApp';

const gql = async <T>(
  t: TestApp,
  user: AuthResult,
  query: string,
  variables: Record<string, unknown>,
) => {
  const response = await t.gql<T>(query, variables, { token: user.accessToken });
  if (!response.data) throw new Error(JSON.stringify(response.errors));
  return response.data;
};

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.stop());

test('30 scripted conversations with the playbook end as they should in at least 95%', async () => {
  const owner = await signUp(t);
  await gql(
    t,
    owner,
    `mutation($input: BusinessInfoInput!) { updateBusinessInfo(input: $input) { id } }`,
    {
      input: { businessName: 'Leather Loft', currency: 'USD' },
    },
  );
  await gql(t, owner, `mutation($text: String) { trainKnowledgeBase(text: $text) { id } }`, {
    text: SHOP_NOTES,
  });
  const product = `mutation($input: ProductInput!) { createProduct(input: $input) { id } }`;
  const classic = await gql<{ createProduct: { id: string } }>(t, owner, product, {
    input: {
      name: 'Classic Leather Tote',
      price: 189,
      description: 'Full-grain leather, hand-stitched.',
      variantLabel: 'Colour',
      variants: [{ name: 'Cognac' }, { name: 'Black' }, { name: 'Tan', stock: 'OUT_OF_STOCK' }],
    },
  });
  const mini = await gql<{ createProduct: { id: string } }>(t, owner, product, {
    input: {
      name: 'Mini Tote',
      price: 129,
      description: 'The same leather, sized for essentials.',
    },
  });
  const { createCampaign } = await gql<{ createCampaign: { id: string } }>(
    t,
    owner,
    `mutation($input: CampaignInput!) { createCampaign(input: $input) { id } }`,
    {
      input: {
        name: 'Leather Loft autumn',
        productIds: [classic.createProduct.id, mini.createProduct.id],
        offers: [
          { kind: 'QUANTITY_DISCOUNT', minQuantity: 2, percentOff: 10 },
          { kind: 'COUPON', code: 'LOFT5', percentOff: 5 },
        ],
        chatFlow: { qualificationQuestions: SHOP_QUESTIONS, objectionHandling: SHOP_OBJECTIONS },
      },
    },
  );
  const campaignId = createCampaign.id;
  for (const conversation of CONVERSATIONS) {
    await gql(
      t,
      owner,
      `mutation($id: ObjectId!, $input: CampaignTestInput!) { createCampaignTest(campaignId: $id, input: $input) { id } }`,
      { id: campaignId, input: conversation },
    );
  }

  const { runCampaignTests } = await gql<{
    runCampaignTests: { name: string; lastRun: { passed: boolean; failure: string | null } }[];
  }>(
    t,
    owner,
    `mutation($id: ObjectId!) { runCampaignTests(campaignId: $id) { name lastRun { passed failure } } }`,
    {
      id: campaignId,
    },
  );
  const failed = runCampaignTests.filter((test) => !test.lastRun.passed);
  const passed = runCampaignTests.length - failed.length;

  // Time from each customer message to the reply, inside the pipeline.
  const chats = await ChatModel.find({ campaignId, isTest: true }).select({ _id: 1 }).lean();
  const times: number[] = [];
  for (const chat of chats) {
    const messages = await MessageModel.find({ chatId: chat._id }).sort({ createdAt: 1 }).lean();
    messages.forEach((message, index) => {
      const before = messages[index - 1];
      if (message.sender === Sender.AI && before?.sender === Sender.CUSTOMER) {
        times.push(message.createdAt.getTime() - before.createdAt.getTime());
      }
    });
  }
  times.sort((a, b) => a - b);
  const p95 = times[Math.min(times.length - 1, Math.floor(times.length * 0.95))] ?? 0;
  console.log(
    `conversation suite, playbook: ${passed}/${runCampaignTests.length} (${((passed / runCampaignTests.length) * 100).toFixed(1)}%), ` +
      `${times.length} replies, p95 ${p95} ms` +
      (failed.length
        ? `; failed: ${failed.map((f) => `${f.name}: ${f.lastRun.failure}`).join(' | ')}`
        : ''),
  );
  expect(runCampaignTests).toHaveLength(30);
  expect(passed / runCampaignTests.length).toBeGreaterThanOrEqual(0.95);
}, 120_000);
