import { ChatModel } from '../../src/modules/chats/chat.model';
import { MessageModel, Sender } from '../../src/modules/chats/message.model';
import { signUp, type AuthResult, type TestApp } from './testApp';

/**
 * Thirty scripted conversations with one shop (Leather Loft), each with what must happen:
 * paraphrases, answers out of order, knowledge questions the product text does not answer,
 * discounts, variants, a cheaper alternative, refusals, a request for a person, a customer
 * who goes quiet and comes back. Played as campaign tests through the real pipeline.
 */

export const SHOP_NOTES = [
  '# Personalisation',
  'A custom monogram costs $15 and adds 2 days to delivery.',
  '# Shipping',
  'We ship to the US and Canada. Orders arrive in 3-5 business days.',
  '# Returns',
  'Returns are free within 30 days of delivery.',
  '# Care',
  'Wipe the leather with a dry cloth; condition it twice a year.',
].join('\n');

export const SHOP_QUESTIONS = ['What will you mainly use it for?', 'Which colour do you like?'];

export const SHOP_OBJECTIONS = [
  { objection: 'Too expensive', response: 'I hear you! If you take 2 you get 10% off both.' },
  { objection: 'I need to think about it', response: 'Of course, take your time.' },
];

export interface SuiteConversation {
  name: string;
  lines: string[];
  expect: {
    converted?: boolean;
    orderValue?: number;
    qualified?: boolean;
    objection?: string;
    handsOff?: boolean;
    mentions?: string[];
    notMentions?: string[];
  };
}

export const CONVERSATIONS: SuiteConversation[] = [
  {
    name: 'Straight to a sale',
    lines: ['Hi!', "I'll take one in Cognac"],
    expect: { orderValue: 189 },
  },
  {
    name: 'Two with the discount',
    lines: ['Hello', "I'll take 2 in Black"],
    expect: { orderValue: 340.2, mentions: ['$340.20'] },
  },
  {
    name: 'Variant asked, then given',
    lines: ['Hi', 'I want to buy one', 'Cognac please'],
    expect: { orderValue: 189, mentions: ['Which colour'] },
  },
  {
    name: 'Sold-out colour refused',
    lines: ['Hi', "I'll take one in Tan"],
    expect: { converted: false, mentions: ['Tan is sold out'] },
  },
  {
    name: 'Sold-out colour, then another',
    lines: ['Hi', "I'll take one in Tan", 'Black then'],
    expect: { orderValue: 189 },
  },
  {
    name: 'Cheaper alternative bought',
    lines: ['Hi', 'Do you have a cheaper one?', 'Yes please'],
    expect: { orderValue: 129, mentions: ['Mini Tote'] },
  },
  {
    name: 'Paraphrased price objection',
    lines: ['Hi', "Hmm that's a bit pricey for me"],
    expect: { objection: 'Too expensive', converted: false },
  },
  {
    name: 'Objection then two',
    lines: ['Hi', 'Too expensive', "OK I'll take 2 in Cognac"],
    expect: { objection: 'Too expensive', orderValue: 340.2 },
  },
  {
    name: 'Thinking it over',
    lines: ['Hi', 'I need to think about it'],
    expect: { objection: 'I need to think about it', converted: false },
  },
  {
    name: 'A refusal is no sale',
    lines: ['Hi', "No thanks, I'm not interested"],
    expect: { converted: false, handsOff: false },
  },
  {
    name: 'Asks for a person',
    lines: ['Hi', 'Can I speak to a real person?'],
    expect: { handsOff: true, converted: false },
  },
  {
    name: 'Repeated objection hands over',
    lines: ['Hi', 'Too expensive', 'Still too expensive'],
    expect: { handsOff: true },
  },
  {
    name: 'Monogram from the notes',
    lines: ['Hi', 'Can I get my initials on it?'],
    expect: { mentions: ['monogram costs $15'] },
  },
  {
    name: 'Shipping to Canada',
    lines: ['Hi', 'Do you ship to Canada?'],
    expect: { mentions: ['US and Canada'] },
  },
  {
    name: 'When it arrives',
    lines: ['Hi', 'When would it arrive?'],
    expect: { mentions: ['3-5 business days'] },
  },
  {
    name: 'Returns policy',
    lines: ['Hi', 'Can I return it if I change my mind?'],
    expect: { mentions: ['free within 30 days'] },
  },
  {
    name: 'Care instructions',
    lines: ['Hi', 'How do I care for the leather?'],
    expect: { mentions: ['dry cloth'] },
  },
  {
    name: 'Unknown question flagged',
    lines: ['Hi', 'Who designed the lining?'],
    expect: { mentions: ["I'll check"], converted: false },
  },
  {
    name: 'Both questions answered',
    lines: ['Hi', 'For work', 'Cognac'],
    expect: { qualified: true, converted: false },
  },
  {
    name: 'Answers in one message',
    lines: ['Hi', 'For work, in Black'],
    expect: { qualified: true },
  },
  {
    name: 'Colour before asked',
    lines: ['Hi', 'Black!', 'For travel'],
    expect: { qualified: true },
  },
  {
    name: 'Qualified then sale',
    lines: ['Hi', 'For work', 'Cognac', 'Yes please'],
    expect: { orderValue: 189 },
  },
  {
    name: 'Price question',
    lines: ['Hi', 'How much is it?'],
    expect: { mentions: ['$189.00'], converted: false },
  },
  { name: 'Price for two', lines: ['Hi', 'How much for 2?'], expect: { mentions: ['$340.20'] } },
  {
    name: 'Stock question',
    lines: ['Hi', 'Is it still available?'],
    expect: { mentions: ['in stock'] },
  },
  {
    name: 'Coupon applied',
    lines: ['Hi', 'I have the code LOFT5', "I'll take one in Black"],
    expect: { orderValue: 179.55, mentions: ['LOFT5'] },
  },
  {
    name: 'Quiet and back',
    lines: ['Hi', 'ok', 'hmm', "I'll take one in Cognac"],
    expect: { orderValue: 189 },
  },
  {
    name: 'Thanks after the sale',
    lines: ['Hi', "I'll take one in Cognac", 'Thank you!'],
    expect: { orderValue: 189, mentions: ["You're welcome"] },
  },
  {
    name: 'No second sale',
    lines: ['Hi', "I'll take one in Cognac", "I'll take 3 more"],
    expect: { orderValue: 189, mentions: ['already confirmed'] },
  },
  {
    name: 'Mini by name',
    lines: ['Hi', "I'd like to order the Mini Tote"],
    expect: { orderValue: 129 },
  },
];

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

export interface SuiteResult {
  passed: number;
  total: number;
  failed: string[];
  replies: number;
  p95Ms: number;
}

/** The shop the suite sells for, as the Groq stand-in model sees its catalog. */
export const SHOP_CATALOG = {
  products: [
    { name: 'Classic Leather Tote', price: '$189.00', variants: ['Cognac', 'Black', 'Tan'] },
    { name: 'Mini Tote', price: '$129.00', variants: [] },
  ],
  codes: ['LOFT5'],
  objections: SHOP_OBJECTIONS.map((entry) => entry.objection),
};

/**
 * Sets up Leather Loft for a new owner on `t`, saves `conversations` as its campaign's tests,
 * runs them through the pipeline and reports the verdicts and the reply times.
 */
export async function playSuite(
  t: TestApp,
  conversations: SuiteConversation[],
): Promise<SuiteResult> {
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
  for (const conversation of conversations) {
    await gql(
      t,
      owner,
      `mutation($id: ObjectId!, $input: CampaignTestInput!) { createCampaignTest(campaignId: $id, input: $input) { id } }`,
      { id: campaignId, input: conversation },
    );
  }

  await gql(t, owner, `mutation($id: ObjectId!) { runCampaignTests(campaignId: $id) { id } }`, {
    id: campaignId,
  });
  await t.app.services.campaignTests.idle();
  const { campaignTests: runCampaignTests } = await gql<{
    campaignTests: { name: string; lastRun: { passed: boolean; failure: string | null } }[];
  }>(
    t,
    owner,
    `query($id: ObjectId!) { campaignTests(campaignId: $id) { name lastRun { passed failure } } }`,
    { id: campaignId },
  );
  const failed = runCampaignTests.filter((test) => !test.lastRun.passed);

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
  return {
    passed: runCampaignTests.length - failed.length,
    total: runCampaignTests.length,
    failed: failed.map((test) => `${test.name}: ${test.lastRun.failure}`),
    replies: times.length,
    p95Ms: times[Math.min(times.length - 1, Math.floor(times.length * 0.95))] ?? 0,
  };
}

export function describeResult(label: string, result: SuiteResult): string {
  return (
    `conversation suite, ${label}: ${result.passed}/${result.total} ` +
    `(${((result.passed / result.total) * 100).toFixed(1)}%), ${result.replies} replies, p95 ${result.p95Ms} ms` +
    (result.failed.length ? `; failed: ${result.failed.join(' | ')}` : '')
  );
}
