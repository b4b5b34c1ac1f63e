import { ProductModel } from '../../src/modules/catalog/product.model';
import { CampaignModel } from '../../src/modules/campaigns/campaign.model';
import { signUp, startTestApp, type AuthResult, type TestApp } from '../support/testApp';

const PRODUCT_FIELDS = `id name price stock variantLabel checkoutUrl variants { name stock price }`;
const CREATE_PRODUCT = `mutation($input: ProductInput!) { createProduct(input: $input) { ${PRODUCT_FIELDS} } }`;
const UPDATE_PRODUCT = `mutation($id: ObjectId!, $input: ProductUpdateInput!) {
  updateProduct(id: $id, input: $input) { ${PRODUCT_FIELDS} } }`;
const DELETE_PRODUCT = `mutation($id: ObjectId!) { deleteProduct(id: $id) }`;
const PRODUCT = `query($id: ObjectId!) { product(id: $id) { ${PRODUCT_FIELDS} } }`;
const PRODUCTS = `query { products { total items { id name } } }`;
const CAMPAIGN_FIELDS = `id productIds product { id name price } products { id name }
  offers { kind productId minQuantity percentOff code } shippingFee checkoutUrl offerWarnings`;
const CREATE_CAMPAIGN = `mutation($input: CampaignInput!) { createCampaign(input: $input) { ${CAMPAIGN_FIELDS} } }`;
const UPDATE_CAMPAIGN = `mutation($id: ObjectId!, $input: UpdateCampaignInput!) {
  updateCampaign(id: $id, input: $input) { ${CAMPAIGN_FIELDS} } }`;
const CAMPAIGN = `query($id: ObjectId!) { campaign(id: $id) { ${CAMPAIGN_FIELDS} } }`;
const SET_STATUS = `mutation($id: ObjectId!) { setCampaignStatus(id: $id, status: ACTIVE) { id } }`;
const BUSINESS = `mutation($input: BusinessInfoInput!) {
  updateBusinessInfo(input: $input) { businessInfo { currency timezone } } }`;
const SIMULATE = `mutation($input: SimulateCustomerMessageInput!) {
  simulateCustomerMessage(input: $input) {
    reply { content }
    chat { status conversion { converted orderValue currency orderDetails discount
      items { productId name variant quantity unitPrice discount } } }
  } }`;

let t: TestApp;
let owner: AuthResult;
let other: AuthResult;
beforeAll(async () => {
  t = await startTestApp();
  [owner, other] = [await signUp(t), await signUp(t)];
});
afterAll(() => t.stop());

type Errors = {
  errors?: { message: string; extensions?: { code?: string; fields?: { path: string }[] } }[];
};
const codeOf = (response: Errors) => response.errors?.[0]?.extensions?.code;
const pathsOf = (response: Errors) =>
  (response.errors?.[0]?.extensions?.fields ?? []).map((field) => field.path);

const tote = {
  name: 'Classic Leather Tote',
  price: 189,
  variantLabel: 'Colour',
  variants: [{ name: 'Cognac' }, { name: 'Black' }, { name: 'Tan', stock: 'OUT_OF_STOCK' }],
  checkoutUrl:
    'https://leatherloft.shop/checkout?item={product}&colour={variant}&qty={quantity}&total={total}',
};

async function createProduct(user: AuthResult, input: Record<string, unknown>) {
  const response = await t.gql<{ createProduct: { id: string; name: string } }>(
    CREATE_PRODUCT,
    { input },
    { token: user.accessToken },
  );
  if (!response.data) throw new Error(JSON.stringify(response.errors));
  return response.data.createProduct;
}

test('a product with variants is created, read, listed and changed; its campaigns follow', async () => {
  const product = await createProduct(owner, tote);
  const read = await t.gql<{ product: Record<string, unknown> }>(
    PRODUCT,
    { id: product.id },
    { token: owner.accessToken },
  );
  expect(read.data?.product).toMatchObject({
    name: 'Classic Leather Tote',
    price: 189,
    stock: 'IN_STOCK',
    variants: [
      { name: 'Cognac', stock: 'IN_STOCK', price: null },
      { name: 'Black', stock: 'IN_STOCK', price: null },
      { name: 'Tan', stock: 'OUT_OF_STOCK', price: null },
    ],
  });
  const list = await t.gql<{ products: { total: number; items: { id: string }[] } }>(
    PRODUCTS,
    {},
    { token: owner.accessToken },
  );
  expect(list.data?.products.items.map((item) => item.id)).toContain(product.id);

  const created = await t.gql<{
    createCampaign: { id: string; product: { id: string; name: string } };
  }>(
    CREATE_CAMPAIGN,
    { input: { name: 'Autumn', productIds: [product.id] } },
    { token: owner.accessToken },
  );
  expect(created.data?.createCampaign.product).toEqual({
    id: product.id,
    name: 'Classic Leather Tote',
    price: 189,
  });

  const renamed = await t.gql<{ updateProduct: { price: number } }>(
    UPDATE_PRODUCT,
    { id: product.id, input: { name: 'Leather Tote', price: 179.5, checkoutUrl: null } },
    { token: owner.accessToken },
  );
  expect(renamed.data?.updateProduct).toMatchObject({ price: 179.5, checkoutUrl: null });
  const campaign = await t.gql<{ campaign: { product: { name: string; price: number } } }>(
    CAMPAIGN,
    { id: created.data!.createCampaign.id },
    { token: owner.accessToken },
  );
  expect(campaign.data?.campaign.product).toMatchObject({ name: 'Leather Tote', price: 179.5 });
});

test('a campaign made with an inline product puts it in the catalog', async () => {
  const created = await t.gql<{
    createCampaign: { productIds: string[]; product: { id: string } };
  }>(
    CREATE_CAMPAIGN,
    { input: { name: 'Inline', product: { name: 'Wallet', price: 49 } } },
    { token: owner.accessToken },
  );
  const campaign = created.data!.createCampaign;
  expect(campaign.productIds).toEqual([campaign.product.id]);
  expect(await ProductModel.exists({ _id: campaign.product.id, name: 'Wallet' })).toBeTruthy();
});

test('the main product cannot be deleted; an alternative leaves its campaigns with its offers', async () => {
  const main = await createProduct(owner, { name: 'Main bag', price: 100 });
  const alt = await createProduct(owner, { name: 'Small bag', price: 60 });
  const created = await t.gql<{ createCampaign: { id: string } }>(
    CREATE_CAMPAIGN,
    {
      input: {
        name: 'Two bags',
        productIds: [main.id, alt.id],
        offers: [
          { kind: 'QUANTITY_DISCOUNT', minQuantity: 2, percentOff: 10 },
          { kind: 'QUANTITY_DISCOUNT', productId: alt.id, minQuantity: 3, percentOff: 20 },
        ],
      },
    },
    { token: owner.accessToken },
  );
  const id = created.data!.createCampaign.id;
  const refused = await t.gql(DELETE_PRODUCT, { id: main.id }, { token: owner.accessToken });
  expect(codeOf(refused)).toBe('BAD_USER_INPUT');
  expect(refused.errors?.[0]?.message).toContain('"Two bags"');
  expect(await ProductModel.exists({ _id: main.id })).toBeTruthy();

  const deleted = await t.gql(DELETE_PRODUCT, { id: alt.id }, { token: owner.accessToken });
  expect(deleted.data).toEqual({ deleteProduct: true });
  const campaign = await t.gql<{ campaign: { productIds: string[]; offers: unknown[] } }>(
    CAMPAIGN,
    { id },
    { token: owner.accessToken },
  );
  expect(campaign.data?.campaign.productIds).toEqual([main.id]);
  expect(campaign.data?.campaign.offers).toHaveLength(1);
});

test('bad products and offers are refused per field, and nothing is stored', async () => {
  const before = await ProductModel.countDocuments();
  const badLink = await t.gql(
    CREATE_PRODUCT,
    { input: { ...tote, checkoutUrl: 'javascript:alert(1)' } },
    { token: owner.accessToken },
  );
  expect(codeOf(badLink)).toBe('BAD_USER_INPUT');
  expect(pathsOf(badLink)).toEqual(['checkoutUrl']);
  const twice = await t.gql(
    CREATE_PRODUCT,
    { input: { name: 'Twins', price: 1, variants: [{ name: 'Red' }, { name: 'red' }] } },
    { token: owner.accessToken },
  );
  expect(pathsOf(twice)).toEqual(['variants.1.name']);
  const badPrice = await t.gql(
    CREATE_PRODUCT,
    { input: { name: 'Cheap', price: 1.999 } },
    { token: owner.accessToken },
  );
  expect(codeOf(badPrice)).toBe('BAD_USER_INPUT');
  expect(await ProductModel.countDocuments()).toBe(before);

  const product = await createProduct(owner, { name: 'Offer target', price: 10 });
  const campaignsBefore = await CampaignModel.countDocuments();
  const offers = await t.gql(
    CREATE_CAMPAIGN,
    {
      input: {
        name: 'Bad offers',
        productIds: [product.id],
        offers: [
          { kind: 'QUANTITY_DISCOUNT', minQuantity: 1, percentOff: 150 },
          { kind: 'COUPON', code: 'A B', percentOff: 5, amountOff: 2 },
          { kind: 'FREE_SHIPPING' },
          {
            kind: 'BUNDLE_PRICE',
            productId: '65f0000000000000000000ff',
            minQuantity: 2,
            bundlePrice: 5,
          },
        ],
      },
    },
    { token: owner.accessToken },
  );
  expect(codeOf(offers)).toBe('BAD_USER_INPUT');
  expect(pathsOf(offers)).toEqual([
    'offers.0.minQuantity',
    'offers.0.percentOff',
    'offers.1.code',
    'offers.1.percentOff',
    'offers.2.minTotal',
    'offers.3.productId',
  ]);
  const nothing = await t.gql(
    CREATE_CAMPAIGN,
    { input: { name: 'Sells nothing' } },
    { token: owner.accessToken },
  );
  expect(pathsOf(nothing)).toEqual(['productIds']);
  expect(await CampaignModel.countDocuments()).toBe(campaignsBefore);
});

test("another user cannot read, change, delete or sell an owner's product: NOT_FOUND", async () => {
  const product = await createProduct(owner, { name: 'Private bag', price: 80 });
  const token = { token: other.accessToken };
  expect(codeOf(await t.gql(PRODUCT, { id: product.id }, token))).toBe('NOT_FOUND');
  expect(codeOf(await t.gql(UPDATE_PRODUCT, { id: product.id, input: { price: 1 } }, token))).toBe(
    'NOT_FOUND',
  );
  expect(codeOf(await t.gql(DELETE_PRODUCT, { id: product.id }, token))).toBe('NOT_FOUND');
  expect(
    codeOf(
      await t.gql(CREATE_CAMPAIGN, { input: { name: 'Stolen', productIds: [product.id] } }, token),
    ),
  ).toBe('NOT_FOUND');
  const list = await t.gql<{ products: { items: { id: string }[] } }>(PRODUCTS, {}, token);
  expect(list.data?.products.items.map((item) => item.id)).not.toContain(product.id);
  const theirs = await t.gql<{ createCampaign: { id: string } }>(
    CREATE_CAMPAIGN,
    { input: { name: 'Theirs', product: { name: 'Their bag', price: 5 } } },
    token,
  );
  const swap = await t.gql(
    UPDATE_CAMPAIGN,
    { id: theirs.data!.createCampaign.id, input: { productIds: [product.id] } },
    token,
  );
  expect(codeOf(swap)).toBe('NOT_FOUND');
  expect(await ProductModel.findById(product.id).lean()).toMatchObject({
    name: 'Private bag',
    price: 80,
  });
});

test('currency and time zone: ISO 4217 and IANA, anything else refused with nothing changed', async () => {
  const token = { token: other.accessToken };
  const set = await t.gql(
    BUSINESS,
    { input: { currency: 'EUR', timezone: 'Europe/Lisbon' } },
    token,
  );
  expect(set.data).toEqual({
    updateBusinessInfo: { businessInfo: { currency: 'EUR', timezone: 'Europe/Lisbon' } },
  });
  for (const input of [{ currency: 'eur' }, { currency: 'EURO' }, { timezone: 'Mars/Olympus' }]) {
    const refused = await t.gql(BUSINESS, { input }, token);
    expect(codeOf(refused)).toBe('BAD_USER_INPUT');
    expect(pathsOf(refused)).toEqual(Object.keys(input));
  }
  const after = await t.gql(BUSINESS, { input: {} }, token);
  expect(after.data).toEqual(set.data);
});

test('a simulated sale is priced from the catalog and the offers, with the link and the items', async () => {
  const seller = await signUp(t);
  const token = { token: seller.accessToken };
  await t.gql(BUSINESS, { input: { businessName: 'Leather Loft', currency: 'USD' } }, token);
  const product = await createProduct(seller, tote);
  const created = await t.gql<{ createCampaign: { id: string; offerWarnings: string[] } }>(
    CREATE_CAMPAIGN,
    {
      input: {
        name: 'Totes',
        productIds: [product.id],
        offers: [{ kind: 'QUANTITY_DISCOUNT', minQuantity: 2, percentOff: 10 }],
        chatFlow: {
          objectionHandling: [
            {
              objection: 'Too expensive',
              response: 'Take 2 and get 10% off both, with free shipping.',
            },
          ],
        },
      },
    },
    token,
  );
  const campaignId = created.data!.createCampaign.id;
  expect(created.data!.createCampaign.offerWarnings).toEqual([
    'The answer to "Too expensive" promises free shipping, but no offer gives it.',
  ]);
  await t.gql(SET_STATUS, { id: campaignId }, token);
  const say = (text: string) =>
    t.gql<{
      simulateCustomerMessage: {
        reply: { content: string } | null;
        chat: { status: string; conversion: Record<string, unknown> };
      };
    }>(SIMULATE, { input: { campaignId, customerName: 'Maya', text } }, token);
  await say('Hi!');
  const ask = await say("I'll take 2");
  expect(ask.data?.simulateCustomerMessage.reply?.content).toBe(
    'Which colour would you like: Cognac or Black?',
  );
  const sale = await say('Cognac please');
  const outcome = sale.data!.simulateCustomerMessage;
  expect(outcome.chat.status).toBe('CONVERTED');
  expect(outcome.chat.conversion).toEqual({
    converted: true,
    orderValue: 340.2,
    currency: 'USD',
    orderDetails: '2 × Classic Leather Tote (Cognac)',
    discount: 37.8,
    items: [
      {
        productId: product.id,
        name: 'Classic Leather Tote',
        variant: 'Cognac',
        quantity: 2,
        unitPrice: 189,
        discount: 37.8,
      },
    ],
  });
  expect(outcome.reply?.content).toContain('Total: $340.20.');
  expect(outcome.reply?.content).toContain('colour=Cognac&qty=2&total=340.20');
});

test("the AI's first reply says it is an assistant, unless the owner turned that off", async () => {
  for (const aiDisclosure of [undefined, false]) {
    const seller = await signUp(t);
    const token = { token: seller.accessToken };
    await t.gql(BUSINESS, { input: { businessName: 'Leather Loft', aiDisclosure } }, token);
    const created = await t.gql<{ createCampaign: { id: string } }>(
      CREATE_CAMPAIGN,
      { input: { name: 'Hello', product: { name: 'Tote', price: 10 } } },
      token,
    );
    const campaignId = created.data!.createCampaign.id;
    await t.gql(SET_STATUS, { id: campaignId }, token);
    const say = async (text: string) =>
      (
        await t.gql<{ simulateCustomerMessage: { reply: { content: string } | null } }>(
          SIMULATE,
          { input: { campaignId, customerName: 'Noor', text } },
          token,
        )
      ).data!.simulateCustomerMessage.reply!.content;
    const first = await say('Hi!');
    const second = await say('How much is it?');
    const line = "You're chatting with Leather Loft's assistant.";
    if (aiDisclosure === false) expect(first).not.toContain(line);
    else expect(first.startsWith(line)).toBe(true);
    expect(second).not.toContain(line);
  }
});
