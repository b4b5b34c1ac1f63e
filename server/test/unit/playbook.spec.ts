import { parseQuantity } from '../../src/ai/intents';
import { matchObjection } from '../../src/ai/objections';
import type { ResponderInput } from '../../src/ai/responder';
import { StockStatus } from '../../src/modules/catalog/product.model';
import { ChatStatus } from '../../src/modules/chats/chat.model';
import { PlaybookChat, type ChatState } from '../support/playbookChat';

type Campaign = NonNullable<ResponderInput['campaign']>;

const questions = ['What will you mainly use the bag for?', 'Which colour do you prefer?'];
const objections = [
  {
    objection: 'Too expensive',
    response: 'I hear you! It is made to last for years, and shipping is free.',
  },
  { objection: 'I need to think about it', response: 'Of course, take your time.' },
];
const tote: Campaign['product'] = {
  name: 'Canvas Tote',
  description: 'A sturdy everyday bag in organic cotton.',
  price: 24.5,
  features: ['organic cotton', 'an inner pocket', 'machine washable fabric'],
  variants: [],
  stock: StockStatus.IN_STOCK,
};
const campaign: Campaign = {
  name: 'Spring totes',
  product: tote,
  products: [tote],
  offers: [],
  greeting: 'Hi {name}! Thanks for your interest in our Canvas Tote.',
  qualificationQuestions: questions,
  objectionHandling: objections,
  closingMessage: 'Wonderful! We will send you a payment link shortly.',
};
const business = {
  name: 'Porto Bags',
  description: 'Handmade bags from Porto.',
  currency: 'EUR',
};
const knowledge = [
  {
    source: 'business',
    text: 'We are a family shop in Porto. Returns are accepted within 30 days of delivery. Our shop opens at 9am on weekdays.',
  },
  { source: 'notes', text: '# Shipping\nDelivery takes 2-3 working days anywhere in Portugal.' },
];

/** The playbook in the shop above; `setup` swaps the campaign or the knowledge. */
class Conversation extends PlaybookChat {
  constructor(
    readonly setup: { campaign?: Campaign | null; knowledge?: ResponderInput['knowledge'] } = {},
    chat: Partial<ChatState> = {},
  ) {
    super(
      () => ({
        business,
        knowledge: setup.knowledge ?? knowledge,
        campaign: setup.campaign === undefined ? campaign : setup.campaign,
      }),
      chat,
    );
  }
}

/** A conversation already past its greeting, so the next message is handled on its own. */
async function greeted(setup?: ConstructorParameters<typeof Conversation>[0]) {
  const chat = new Conversation(setup);
  await chat.say('Hi!');
  return chat;
}

describe('PlaybookResponder: a whole conversation', () => {
  test('greeting, two answers, an objection and "I\'ll take 2" end in a sale', async () => {
    const chat = new Conversation();

    const hello = await chat.say('Hello, I saw your ad');
    expect(hello.reply).toBe(
      `Hi Ana! Thanks for your interest in our Canvas Tote. ${questions[0]}`,
    );
    expect(hello.aiContext.nextAction).toBe(`ask: ${questions[0]}`);
    expect(hello.answeredBy).toBe('playbook');

    const first = await chat.say('Mostly for groceries and the beach');
    expect(first.reply).toContain(questions[1]);
    expect(first.scoreReasons).toEqual([
      { signal: 'answered a qualification question', delta: 10 },
    ]);

    const second = await chat.say('Dark green');
    expect(second.status).toBe(ChatStatus.QUALIFIED);
    expect(second.reply).toContain('€24.50');
    expect(second.aiContext.nextAction).toBe('send closing');
    expect(second.scoreReasons.map((r) => r.signal)).toEqual([
      'answered a qualification question',
      'all qualification questions answered',
    ]);

    const objection = await chat.say("Hmm, it's a bit pricey for a bag");
    expect(objection.reply).toContain(objections[0]!.response);
    expect(objection.aiContext.objections).toEqual(['Too expensive']);
    expect(objection.aiContext.customerIntent).toBe('objecting');
    expect(objection.scoreReasons).toEqual([{ signal: 'objection raised', delta: -5 }]);

    const sale = await chat.say("OK fine, I'll take 2");
    expect(sale.status).toBe(ChatStatus.CONVERTED);
    expect(sale.conversion).toMatchObject({
      quantity: 2,
      orderValue: 49,
      orderDetails: '2 × Canvas Tote',
    });
    expect(sale.conversion!.orderValue).toBe(2 * campaign.product.price);
    expect(sale.reply).toContain(campaign.closingMessage);
    expect(sale.reply).toContain('Total: €49.00.');
    expect(sale.aiContext.qualificationAnswers).toEqual([
      { question: questions[0], answer: 'Mostly for groceries and the beach' },
      { question: questions[1], answer: 'Dark green' },
    ]);
    expect(sale.aiContext.objections).toEqual(['Too expensive']);
    expect(sale.aiContext.customerIntent).toBe('bought');
    expect(sale.aiContext.conversationSummary).toBe(
      'Ana answered 2 of 2 questions; objection: too expensive; bought 2 × Canvas Tote.',
    );
    expect(sale.leadScore).toBeGreaterThanOrEqual(90);
    expect(chat.reasons.map((r) => r.signal)).toEqual([
      'answered a qualification question',
      'answered a qualification question',
      'all qualification questions answered',
      'objection raised',
      'buying intent',
    ]);
  });

  test('a question while a qualification question is pending is answered; the question is never asked twice in a row', async () => {
    const chat = await greeted();
    const output = await chat.say('Is it machine washable?');
    expect(output.aiContext.qualificationAnswers).toEqual([]);
    expect(output.reply).toMatch(/machine washable/);
    // The greeting just asked it: it waits a turn instead of being repeated.
    expect(output.reply).not.toContain(questions[0]);
    expect(output.aiContext.nextAction).toBe(`ask: ${questions[0]}`);
    const next = await chat.say('Does it have a pocket?');
    expect(next.reply.endsWith(questions[0]!)).toBe(true);
    const third = await chat.say('And is it cotton?');
    expect(third.reply).not.toContain(questions[0]);
  });

  test('the first reply asks the first question once, even when the greeting asks it', async () => {
    const chat = new Conversation({
      campaign: { ...campaign, greeting: `Hi {name}! ${questions[0]}` },
    });
    const hello = await chat.say('Hello');
    expect(hello.reply).toBe(`Hi Ana! ${questions[0]}`);
  });

  test('answers are acknowledged in varied words', async () => {
    const chat = new Conversation({
      campaign: { ...campaign, qualificationQuestions: ['Q one?', 'Q two?', 'Q three?'] },
    });
    await chat.say('Hello');
    const first = await chat.say('Work');
    const second = await chat.say('Black');
    expect(first.reply.split(' ')[0]).not.toBe(second.reply.split(' ')[0]);
  });
});

describe('PlaybookResponder: questions', () => {
  test('price: product name and price with two decimals, scored once', async () => {
    const chat = await greeted();
    const output = await chat.say('How much is it?');
    expect(output.reply).toContain('The Canvas Tote costs €24.50.');
    expect(output.scoreReasons).toEqual([{ signal: 'asked about price', delta: 10 }]);
    expect(output.aiContext.customerIntent).toBe('asking about price');
    expect(output.aiContext.conversationSummary).toBe('Ana asked about price.');
    const again = await chat.say('What was the price again?');
    expect(again.scoreReasons).toEqual([]);
  });

  test('price for a quantity gives the total too', async () => {
    const output = await (await greeted()).say('How much for 3?');
    expect(output.reply).toContain('3 of them come to €73.50');
  });

  test('features: lists the product features', async () => {
    const output = await (await greeted()).say('What features does it have?');
    expect(output.reply).toContain(
      'The Canvas Tote comes with organic cotton, an inner pocket and machine washable fabric.',
    );
  });

  test('knowledge: the sentence sharing most words with the question', async () => {
    const output = await (await greeted()).say('Can I return it after delivery?');
    expect(output.reply).toContain('Returns are accepted within 30 days of delivery.');
    expect(output.reply).not.toContain('family shop');
    expect(output.reply).not.toContain('9am');
  });

  test('delivery: answered from a passage that mentions it, else the team confirms; stock from the catalog', async () => {
    const known = await (await greeted()).say('Do you deliver to Lisbon?');
    expect(known.reply).toContain('Delivery takes 2-3 working days anywhere in Portugal.');

    const unknown = await (await greeted({ knowledge: [] })).say('Do you ship to Spain?');
    expect(unknown.reply).toContain('confirm availability');

    const stock = await (await greeted({ knowledge: [] })).say('Is it in stock?');
    expect(stock.reply).toContain('Yes, the Canvas Tote is in stock.');
    expect(unknown.aiContext.nextAction).toBe('follow up on delivery');
  });

  test('a question nothing answers gets a helpful fallback, and the question a turn later', async () => {
    const chat = await greeted({ knowledge: [] });
    const output = await chat.say('Who designed it?');
    expect(output.reply).toContain("I'll check with Porto Bags");
    // The owner is told what the AI could not answer; the AI keeps the chat.
    expect(output.attention).toBe('A question the AI could not answer: "Who designed it?"');
    expect(output.handoff).toBeUndefined();
    expect((await chat.say('Where is it made?')).reply).toContain(questions[0]);
  });
});

describe('PlaybookResponder: objections', () => {
  test.each([
    "It's too expensive",
    'Bit pricey for me',
    'It costs too much',
    'That is too much money for a bag',
    "I can't afford that right now",
    'way overpriced',
  ])('"%s" raises the price objection', async (message) => {
    const output = await (await greeted()).say(message);
    expect(output.aiContext.objections).toEqual(['Too expensive']);
    expect(output.reply).toContain(objections[0]!.response);
    expect(output.scoreReasons).toEqual([{ signal: 'objection raised', delta: -5 }]);
  });

  test.each(['How much does it cost?', 'What is the price?', 'My budget is around 50'])(
    '"%s" is no objection',
    (message) => {
      expect(matchObjection(message, objections, message.startsWith('My'))).toBeUndefined();
    },
  );

  test('the other objection matches on its own words', () => {
    expect(matchObjection('Let me think it over', objections)?.objection).toBe(
      'I need to think about it',
    );
  });

  test('the same objection twice hands the chat to a person', async () => {
    const chat = await greeted();
    await chat.say('Too expensive for me');
    const output = await chat.say('Sorry, still way too pricey');
    expect(output.handoff).toEqual({ reason: 'repeated objection: Too expensive' });
    expect(output.aiContext.objections).toEqual(['Too expensive']);
    expect(output.aiContext.nextAction).toBe('hand to a person');
  });
});

describe('PlaybookResponder: handoff and buying', () => {
  test.each(['Can I talk to a real person?', 'I want to speak to a human', 'agent please'])(
    '"%s" hands the chat to a person',
    async (message) => {
      const output = await (await greeted()).say(message);
      expect(output.handoff).toEqual({ reason: 'customer asked for a person' });
      expect(output.reply).toMatch(/person .* take over/);
      expect(output.scoreReasons).toEqual([{ signal: 'asked for a person', delta: 0 }]);
      expect(output.aiContext.customerIntent).toBe('wants a person');
    },
  );

  test.each([
    ['two of them', 2],
    ['3', 3],
    ['a couple', 2],
    ['I will take ten', 10],
    ['for 20 dollars', undefined],
    ['nothing', undefined],
  ])('quantity in "%s" is %s', (message, quantity) => {
    expect(parseQuantity(message)).toBe(quantity);
  });

  test.each([
    ["I'll take two", 2],
    ['order 3', 3],
    ["I'll buy a couple", 2],
    ['yes please, two of them', 2],
    ['I want to buy', 1],
    ["I'll buy it", 1],
    ['Sign me up!', 1],
  ])('"%s" converts %s', async (message, quantity) => {
    const output = await (await greeted()).say(message);
    expect(output.status).toBe(ChatStatus.CONVERTED);
    expect(output.conversion).toMatchObject({
      quantity,
      orderValue: Math.round(quantity * 24.5 * 100) / 100,
      orderDetails: `${quantity} × Canvas Tote`,
    });
    expect(output.scoreReasons).toContainEqual({ signal: 'buying intent', delta: 30 });
    expect(output.leadScore).toBeGreaterThanOrEqual(90);
  });

  test.each([
    "I'll think about it",
    "I'll take a look later",
    "I'm in Lisbon",
    "I don't want to buy",
  ])('"%s" is no sale', async (message) => {
    const output = await (await greeted()).say(message);
    expect(output.conversion).toBeUndefined();
  });

  test('"yes" accepts the offer the assistant made', async () => {
    const chat = await greeted();
    await chat.say('Groceries');
    const offer = await chat.say('Blue');
    expect(offer.reply).toContain('Would you like to order one?');
    const output = await chat.say('Yes please');
    expect(output.conversion).toMatchObject({ quantity: 1, orderValue: 24.5 });
  });

  test('an already converted chat does not convert again', async () => {
    const chat = new Conversation(
      {},
      {
        status: ChatStatus.CONVERTED,
        converted: true,
        leadScore: 95,
        aiContext: {
          qualificationAnswers: [],
          objections: [],
          conversationSummary: 'Ana bought 2 × Canvas Tote.',
        },
      },
    );
    chat.recent.push({ sender: 'ai', content: 'Order noted.' });
    const output = await chat.say("I'll take 3 more");
    expect(output.conversion).toBeUndefined();
    expect(output.status).toBeUndefined();
    expect(output.reply).toContain('already confirmed');
    expect(output.reply).toContain('2 × Canvas Tote');
    expect(output.leadScore).toBeGreaterThanOrEqual(90);
    expect(output.aiContext.customerIntent).toBe('bought');
  });
});

describe('PlaybookResponder without a campaign', () => {
  test('greets with the business name, answers from knowledge, no qualification or sale', async () => {
    const chat = new Conversation({ campaign: null });
    const hello = await chat.say('Hi there');
    expect(hello.reply).toBe(
      'Hi Ana! Thanks for reaching out to Porto Bags. How can I help you today?',
    );

    const answer = await chat.say('When does the shop open?');
    expect(answer.reply).toContain('Our shop opens at 9am on weekdays.');
    expect(answer.aiContext.qualificationAnswers).toEqual([]);

    const buy = await chat.say("I'll take 2");
    expect(buy.conversion).toBeUndefined();
    expect(buy.status).toBeUndefined();
    expect(buy.handoff?.reason).toMatch(/wants to buy/);
  });
});
