import type { CatalogItem, ResponderInput } from '../../src/ai/responder';
import { OfferKind } from '../../src/modules/catalog/offer.model';
import { StockStatus } from '../../src/modules/catalog/product.model';
import { ChatStatus } from '../../src/modules/chats/chat.model';
import { PlaybookChat } from '../support/playbookChat';

type Campaign = NonNullable<ResponderInput['campaign']>;

const classic: CatalogItem = {
  id: '65f000000000000000000001',
  name: 'Classic Leather Tote',
  description: 'Full-grain leather, hand-stitched.',
  price: 189,
  features: ['a zipped inner pocket'],
  variantLabel: 'Colour',
  variants: [
    { name: 'Cognac', stock: StockStatus.IN_STOCK },
    { name: 'Black', stock: StockStatus.IN_STOCK },
    { name: 'Tan', stock: StockStatus.OUT_OF_STOCK },
  ],
  stock: StockStatus.IN_STOCK,
  checkoutUrl:
    'https://leatherloft.shop/checkout?item={product}&colour={variant}&qty={quantity}&total={total}',
};
const mini: CatalogItem = {
  id: '65f000000000000000000002',
  name: 'Mini Tote',
  description: 'The same leather, sized for essentials.',
  price: 129,
  features: [],
  variants: [],
  stock: StockStatus.IN_STOCK,
};
const campaign: Campaign = {
  name: 'Leather Loft autumn',
  product: classic,
  products: [classic, mini],
  offers: [
    { kind: OfferKind.QUANTITY_DISCOUNT, minQuantity: 2, percentOff: 10 },
    { kind: OfferKind.COUPON, code: 'LOFT5', percentOff: 5 },
  ],
  qualificationQuestions: ['What will you mainly use it for?'],
  objectionHandling: [
    { objection: 'Too expensive', response: 'If you take 2 you get 10% off both.' },
  ],
  closingMessage: 'We will send you a secure checkout link.',
};
const business = { name: 'Leather Loft', currency: 'USD' };

const shop = (changes: Partial<Campaign> = {}) =>
  new PlaybookChat(() => ({ business, knowledge: [], campaign: { ...campaign, ...changes } }));

async function greeted(changes?: Partial<Campaign>) {
  const chat = shop(changes);
  await chat.say('Hi!');
  await chat.say('For work, every day');
  return chat;
}

describe('the playbook sells from the catalog', () => {
  test('the promised 10% for two is what is quoted and recorded, with the link', async () => {
    const chat = shop();
    const hello = await chat.say('Hi, is the tote still available?');
    expect(hello.reply).toContain(
      'Yes, the Classic Leather Tote is in stock (Cognac and Black; Tan is sold out).',
    );
    await chat.say('For work, every day');
    const objection = await chat.say("It's too expensive");
    expect(objection.reply).toContain('If you take 2 you get 10% off both.');

    const sale = await chat.say("OK, I'll take 2 in Cognac");
    expect(sale.status).toBe(ChatStatus.CONVERTED);
    expect(sale.conversion).toEqual({
      quantity: 2,
      orderValue: 340.2,
      orderDetails: '2 × Classic Leather Tote (Cognac)',
      currency: 'USD',
      items: [
        {
          productId: classic.id,
          name: 'Classic Leather Tote',
          variant: 'Cognac',
          quantity: 2,
          unitPrice: 189,
          discount: 37.8,
        },
      ],
      discount: 37.8,
    });
    expect(sale.reply).toContain(
      'Order noted: 2 × Classic Leather Tote (Cognac): $378.00; 10% off 2 or more: −$37.80. Total: $340.20.',
    );
    expect(sale.reply).toContain(
      'Complete your order here: https://leatherloft.shop/checkout?item=Classic%20Leather%20Tote&colour=Cognac&qty=2&total=340.20',
    );
    expect(sale.reply).not.toContain('378.00, total');
  });

  test('a price question for two quotes the discounted total', async () => {
    const chat = await greeted();
    const quote = await chat.say('How much for 2?');
    expect(quote.reply).toContain(
      'The Classic Leather Tote costs $189.00. 2 of them come to $340.20 (10% off 2 or more).',
    );
  });

  test('the variant is asked only when none was named, and the order waits for it', async () => {
    const chat = await greeted();
    const ask = await chat.say("I'll take 2");
    expect(ask.conversion).toBeUndefined();
    expect(ask.reply).toBe('Which colour would you like: Cognac or Black?');

    const tan = await chat.say('Tan');
    expect(tan.conversion).toBeUndefined();
    expect(tan.reply).toBe(
      'Sorry, Tan is sold out right now. Which colour would you like: Cognac or Black?',
    );

    const black = await chat.say('Black please');
    expect(black.conversion).toMatchObject({
      quantity: 2,
      orderValue: 340.2,
      orderDetails: '2 × Classic Leather Tote (Black)',
    });
  });

  test('"a cheaper one" offers the Mini Tote, and "yes" orders it at its own price', async () => {
    const chat = await greeted();
    const cheaper = await chat.say('Do you have a cheaper one?');
    expect(cheaper.reply).toContain('Yes — the Mini Tote is $129.00.');
    expect(cheaper.reply).not.toContain('10% off both');

    const yes = await chat.say('Yes please');
    expect(yes.conversion).toMatchObject({
      quantity: 1,
      orderValue: 129,
      orderDetails: '1 × Mini Tote',
    });
    // The Mini Tote has no checkout link of its own and the campaign none.
    expect(yes.reply).not.toContain('Complete your order here');
  });

  test('without a cheaper product the objection script answers', async () => {
    const chat = await greeted({ products: [classic] });
    const cheaper = await chat.say('Do you have something cheaper? Too expensive for me');
    expect(cheaper.reply).toContain('If you take 2 you get 10% off both.');
  });

  test('a coupon code given in the chat is applied to the order', async () => {
    const chat = await greeted();
    const code = await chat.say('I have the code loft5');
    expect(code.reply).toContain('Code LOFT5 noted — 5% off your order.');
    const sale = await chat.say("I'll take one in Black");
    // 189.00 - 5% (9.45) = 179.55
    expect(sale.conversion).toMatchObject({ orderValue: 179.55, coupon: 'LOFT5' });
    expect(sale.reply).toContain('code LOFT5: 5% off: −$9.45. Total: $179.55.');
  });

  test('a sold-out product is never sold: the alternative in stock is offered', async () => {
    const gone = { ...classic, stock: StockStatus.OUT_OF_STOCK };
    const chat = await greeted({ product: gone, products: [gone, mini] });
    const order = await chat.say("I'll take one in Black");
    expect(order.conversion).toBeUndefined();
    expect(order.reply).toContain('Sorry, the Classic Leather Tote is sold out right now.');
    expect(order.reply).toContain('The Mini Tote ($129.00) is available');
  });

  test('amounts follow the business currency', async () => {
    const chat = new PlaybookChat(() => ({
      business: { ...business, currency: 'EUR' },
      knowledge: [],
      campaign,
    }));
    await chat.say('Hi!');
    const price = await chat.say('How much is it?');
    expect(price.reply).toContain('€189.00');
  });
});

describe('the playbook answers from what it was taught', () => {
  const notes = [
    {
      source: 'notes',
      text: '# Personalisation\nA custom monogram costs $15 and adds 2 days.\n# Shipping\nWe ship to the US and Canada. Orders arrive in 3-5 business days.',
    },
  ];
  const taught = () => {
    const chat = new PlaybookChat(() => ({ business, knowledge: notes, campaign }));
    return chat;
  };

  test('initials are a monogram, Canada is in the shipping notes, arrival is the delivery time', async () => {
    const chat = taught();
    await chat.say('Hi!');
    const initials = await chat.say('Can I get my initials on it?');
    expect(initials.reply).toContain('A custom monogram costs $15 and adds 2 days.');
    expect(initials.attention).toBeUndefined();
    const canada = await chat.say('Do you ship to Canada?');
    expect(canada.reply).toContain('We ship to the US and Canada.');
    const arrival = await chat.say('When will they arrive?');
    expect(arrival.reply).toContain('Orders arrive in 3-5 business days.');
  });

  test('a question nothing answers is said honestly and flagged for the owner', async () => {
    const chat = taught();
    await chat.say('Hi!');
    const unknown = await chat.say('Who designed the lining?');
    expect(unknown.reply).toContain("I'll check with Leather Loft");
    expect(unknown.attention).toContain('Who designed the lining?');
  });
});

describe('answers given out of order or together', () => {
  const questions = ['What will you mainly use it for?', 'Which colour do you like?'];
  const two = () =>
    new PlaybookChat(() => ({
      business,
      knowledge: [],
      campaign: { ...campaign, qualificationQuestions: questions },
    }));

  test('one message can answer both questions', async () => {
    const chat = two();
    await chat.say('Hi!');
    const both = await chat.say('For work, in Cognac');
    expect(both.aiContext.qualificationAnswers).toEqual([
      { question: 'Which colour do you like?', answer: 'Cognac' },
      { question: 'What will you mainly use it for?', answer: 'For work, in Cognac' },
    ]);
    expect(both.status).toBe(ChatStatus.QUALIFIED);
    expect(both.reply).not.toContain('Which colour');
  });

  test('a colour named before it is asked is not asked for again', async () => {
    const chat = two();
    await chat.say('Hi!');
    const early = await chat.say('Cognac!');
    expect(early.aiContext.qualificationAnswers).toEqual([
      { question: 'Which colour do you like?', answer: 'Cognac' },
    ]);
    const use = await chat.say('Mostly for work');
    expect(use.status).toBe(ChatStatus.QUALIFIED);
    expect(chat.outputs.map((output) => output.reply).join(' ')).not.toContain('Which colour');
    // The order then needs no colour question either.
    const sale = await chat.say("I'll take one");
    expect(sale.conversion).toMatchObject({ orderDetails: '1 × Classic Leather Tote (Cognac)' });
  });
});
