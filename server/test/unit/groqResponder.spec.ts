import Groq, { RateLimitError } from 'groq-sdk';
import { configVariables } from '../../src/config';
import { createResponder } from '../../src/ai/createResponder';
import { FallbackResponder, type FallbackReason } from '../../src/ai/fallbackResponder';
import { ANSWER_SCHEMA } from '../../src/ai/answerSchema';
import { GroqResponder, ResponderError } from '../../src/ai/groq';
import { PlaybookResponder } from '../../src/ai/playbook';
import type { ResponderInput } from '../../src/ai/responder';
import { StockStatus } from '../../src/modules/catalog/product.model';
import { ChatStatus } from '../../src/modules/chats/chat.model';
import {
  answerJson,
  answerText,
  defaultGroqAnswer,
  delayed,
  jsonValidateFailed,
  rateLimited,
  serverError,
  startGroqFixture,
  unauthorized,
  type GroqFixture,
} from '../support/groqFixture';

/** The configured default model: tests follow configuration like the app does. */
const model = configVariables.GROQ_MODEL.default;
const apiKey = 'gsk_test_key';

let fixture: GroqFixture;
beforeAll(async () => {
  fixture = await startGroqFixture();
});
afterEach(() => fixture.reset());
afterAll(() => fixture.close());

const groq = (options: { timeoutMs?: number; maxRetries?: number } = {}) =>
  new GroqResponder({ apiKey, model, baseURL: fixture.url, ...options });

const tote = {
  name: 'Canvas Tote',
  price: 24.5,
  features: ['organic cotton'],
  variants: [],
  stock: StockStatus.IN_STOCK,
};

function input(overrides: Partial<ResponderInput['chat']> = {}): ResponderInput {
  return {
    business: { name: 'Porto Bags', description: 'Handmade bags from Porto.', currency: 'EUR' },
    knowledge: [{ source: 'business', text: 'Delivery takes 2-3 working days in Portugal.' }],
    campaign: {
      name: 'Spring totes',
      product: tote,
      products: [tote],
      offers: [],
      qualificationQuestions: ['What will you use it for?', 'Which colour do you prefer?'],
      objectionHandling: [{ objection: 'Too expensive', response: 'It lasts for years.' }],
      closingMessage: 'Thank you! A payment link is on its way.',
    },
    chat: {
      customerName: 'Ana',
      status: ChatStatus.ACTIVE,
      leadScore: 10,
      aiContext: {
        qualificationAnswers: [{ question: 'What will you use it for?', answer: 'Groceries' }],
        objections: [],
      },
      converted: false,
      recent: [
        { sender: 'customer', content: 'Hello' },
        { sender: 'ai', content: 'Hi Ana! What will you use it for?' },
        { sender: 'customer', content: 'Groceries' },
        { sender: 'ai', content: 'Which colour do you prefer?' },
        { sender: 'customer', content: "Green. I'll take 2" },
      ],
      ...overrides,
    },
    message: "Green. I'll take 2",
  };
}

const valid = {
  ...defaultGroqAnswer,
  reply: 'Great choice! Two green Canvas Totes coming up.',
  leadScore: 87.6,
  scoreReasons: [{ signal: 'buying intent', delta: 30 }],
  status: 'converted',
  qualificationAnswers: [{ question: 'Which colour do you prefer?', answer: 'Green' }],
  customerIntent: 'bought',
  order: { items: [{ product: 'Canvas Tote', variant: null, quantity: 2 }], coupon: null },
};
/** The reply as sent: the model's words, then the order the server priced. */
const confirmed = `${valid.reply} Order noted: 2 × Canvas Tote: €49.00. Total: €49.00.`;

type Message = { role: string; content: string };
const messagesOf = (index: number) => fixture.requests[index]!.body.messages as Message[];

describe('GroqResponder against the local Groq fixture', () => {
  test('asks a gpt-oss model for the strict schema and returns the validated answer', async () => {
    fixture.enqueue(answerJson(valid));
    const output = await groq().respond(input());

    expect(fixture.requests).toHaveLength(1);
    const request = fixture.requests[0]!;
    expect(request.path).toBe('/openai/v1/chat/completions');
    expect(request.authorization).toBe(`Bearer ${apiKey}`);
    expect(request.body).toMatchObject({
      model,
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'sales_reply', strict: true, schema: ANSWER_SCHEMA },
      },
      temperature: 0.3,
    });
    expect(request.body.max_completion_tokens).toEqual(expect.any(Number));
    const [system, user] = messagesOf(0);
    expect(system!.role).toBe('system');
    expect(system!.content).toContain('sales assistant of Porto Bags');
    expect(system!.content).toContain('"qualificationAnswers"');
    expect(user!.role).toBe('user');
    expect(user!.content).toContain(
      'Customer: Hello\nAssistant: Hi Ana! What will you use it for?',
    );
    expect(user!.content).toContain('Delivery takes 2-3 working days in Portugal.');
    expect(user!.content).toContain('Main product: Canvas Tote, price €24.50');
    expect(user!.content).toContain('1. What will you use it for?');

    expect(output).toEqual({
      reply: confirmed,
      // A converted chat scores at least 90, whatever the model said.
      leadScore: 90,
      scoreReasons: valid.scoreReasons,
      status: ChatStatus.CONVERTED,
      handoff: undefined,
      conversion: expect.objectContaining({
        quantity: 2,
        orderValue: 49,
        orderDetails: '2 × Canvas Tote',
        currency: 'EUR',
      }),
      aiContext: {
        conversationSummary: valid.conversationSummary,
        customerIntent: 'bought',
        nextAction: valid.nextAction,
        // The earlier answer is kept even though the model listed only the new one.
        qualificationAnswers: [
          { question: 'What will you use it for?', answer: 'Groceries' },
          { question: 'Which colour do you prefer?', answer: 'Green' },
        ],
        objections: [],
      },
      answeredBy: 'groq',
    });
  });

  test('lead scores are rounded and clamped to 0..100', async () => {
    const answer = { ...defaultGroqAnswer, reply: 'Sure!' };
    fixture.enqueue(
      answerJson({ ...answer, leadScore: 42.6 }),
      answerJson({ ...answer, leadScore: 130 }),
    );
    expect((await groq().respond(input())).leadScore).toBe(43);
    expect((await groq().respond(input())).leadScore).toBe(100);
  });

  test('another model answers in JSON mode', async () => {
    fixture.enqueue(answerJson(valid));
    await new GroqResponder({ apiKey, model: 'qwen/qwen3-32b', baseURL: fixture.url }).respond(
      input(),
    );
    expect(fixture.requests[0]!.body.response_format).toEqual({ type: 'json_object' });
  });

  test('the strict schema: every object lists all its keys as required and allows no others', () => {
    const objects: Record<string, unknown>[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walk);
      if (typeof node !== 'object' || node === null) return;
      const record = node as Record<string, unknown>;
      if (record.type === 'object') objects.push(record);
      Object.values(record).forEach(walk);
    };
    walk(ANSWER_SCHEMA);
    expect(objects.length).toBeGreaterThan(4);
    for (const object of objects) {
      expect(object.additionalProperties).toBe(false);
      expect(object.required).toEqual(Object.keys(object.properties as object));
    }
  });

  test("the model's own total is sent back; a variant not chosen is asked, not guessed", async () => {
    const variants = {
      ...input().campaign!.product,
      variants: [
        { name: 'Green', stock: StockStatus.IN_STOCK },
        { name: 'Red', stock: StockStatus.OUT_OF_STOCK },
      ],
      variantLabel: 'colour',
    };
    const withVariants = {
      ...input(),
      campaign: { ...input().campaign!, product: variants, products: [variants] },
    };
    fixture.enqueue(
      answerJson({
        ...valid,
        reply: 'Two totes, that is €50.00 in total.',
        order: { items: [{ product: 'Canvas Tote', variant: 'Green', quantity: 2 }], coupon: null },
      }),
      answerJson({
        ...valid,
        order: { items: [{ product: 'Canvas Tote', variant: 'Red', quantity: 2 }], coupon: null },
      }),
    );
    const refused = await groq()
      .respond(withVariants)
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ResponderError);
    expect(messagesOf(1)[3]!.content).toContain('the reply names €50.00, which is no price');
    expect((refused as ResponderError).reason).toContain(
      'the customer has not chosen an available colour of Canvas Tote (Green)',
    );

    fixture.reset();
    fixture.enqueue(
      answerJson({
        ...valid,
        order: { items: [{ product: 'canvas tote', variant: 'green', quantity: 2 }], coupon: null },
      }),
    );
    const sold = await groq().respond(withVariants);
    expect(sold.conversion).toMatchObject({
      orderValue: 49,
      orderDetails: '2 × Canvas Tote (Green)',
    });
  });

  test('an amount the business wrote in its knowledge may be quoted', async () => {
    const taught = {
      ...input(),
      knowledge: [{ source: 'notes', text: 'A custom monogram costs $15 and adds 2 days.' }],
    };
    fixture.enqueue(answerJson({ ...defaultGroqAnswer, reply: 'A monogram is $15 extra.' }));
    const output = await groq().respond(taught);
    expect(output.reply).toContain('A monogram is $15 extra.');
    expect(fixture.requests).toHaveLength(1);
  });

  test('the order value comes from the campaign price, not the model', async () => {
    fixture.enqueue(
      answerJson({
        ...valid,
        // The JSON-mode shape of older prompts: still priced by the server.
        order: undefined,
        conversion: { quantity: 3, orderValue: 10, orderDetails: '3 totes' },
      }),
    );
    const output = await groq().respond(input());
    // The server's items and total, not the model's words or sum.
    expect(output.conversion).toMatchObject({
      quantity: 3,
      orderValue: 73.5,
      orderDetails: '3 × Canvas Tote',
    });
  });

  test('an already converted chat is not converted again', async () => {
    fixture.enqueue(answerJson(valid));
    const output = await groq().respond(input({ converted: true, status: ChatStatus.CONVERTED }));
    expect(output.conversion).toBeUndefined();
    expect(output.status).toBeUndefined();
  });

  test('a non-JSON answer is retried once with what was wrong, then succeeds', async () => {
    fixture.enqueue(answerText('Sure! Two totes for you.'), answerJson(valid));
    const output = await groq().respond(input());
    expect(output.reply).toBe(confirmed);
    expect(fixture.requests).toHaveLength(2);
    const retry = messagesOf(1);
    expect(retry).toHaveLength(4);
    expect(retry[2]).toEqual({ role: 'assistant', content: 'Sure! Two totes for you.' });
    expect(retry[3]!.role).toBe('user');
    expect(retry[3]!.content).toMatch(/not valid: the answer is not JSON/);
  });

  test('a wrong shape is retried with the field at fault', async () => {
    fixture.enqueue(answerJson({ ...valid, leadScore: 'high' }), answerJson(valid));
    await groq().respond(input());
    expect(messagesOf(1)[3]!.content).toContain('leadScore must be a number');
  });

  test("Groq's own json_validate_failed counts as a malformed answer", async () => {
    fixture.enqueue(jsonValidateFailed('{"reply": "Hi'), answerJson(valid));
    const output = await groq().respond(input());
    expect(output.reply).toBe(confirmed);
    expect(messagesOf(1)[2]).toEqual({ role: 'assistant', content: '{"reply": "Hi' });
  });

  test('malformed twice throws a ResponderError with the reason', async () => {
    fixture.enqueue(answerText('nope'), answerJson({ ...valid, reply: '' }));
    const error = await groq()
      .respond(input())
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponderError);
    expect((error as ResponderError).reason).toBe('reply must be a non-empty string');
    expect(fixture.requests).toHaveLength(2);
  });
});

describe('FallbackResponder', () => {
  const fallback = (options: { timeoutMs?: number; maxRetries?: number } = {}) => {
    const reasons: [FallbackReason, unknown][] = [];
    const responder = new FallbackResponder(groq(options), new PlaybookResponder(), {
      onFallback: (reason, error) => reasons.push([reason, error]),
    });
    return { responder, reasons };
  };

  test('answers with Groq when Groq answers', async () => {
    fixture.enqueue(answerJson(valid));
    const { responder, reasons } = fallback();
    const output = await responder.respond(input());
    expect(responder.name).toBe('groq');
    expect(output.answeredBy).toBe('groq');
    expect(output.fallbackReason).toBeUndefined();
    expect(reasons).toEqual([]);
  });

  // The SDK retries 429 and 5xx once (maxRetries 1): both attempts fail before the fallback.
  test.each([
    ['rate_limited', () => [rateLimited(0), rateLimited(0)], {}, 2],
    ['timeout', () => [delayed(1000)], { timeoutMs: 300, maxRetries: 0 }, 1],
    ['invalid_answer', () => [answerText('not json'), answerText('still not json')], {}, 2],
    ['server_error', () => [serverError(500), serverError(500)], {}, 2],
    ['auth_error', () => [unauthorized()], {}, 1],
  ] as const)(
    '%s: the playbook answers and the reason is reported',
    async (reason, script, options, attempts) => {
      fixture.enqueue(...script());
      const { responder, reasons } = fallback(options);
      const output = await responder.respond(input());
      expect(fixture.requests).toHaveLength(attempts);
      expect(output.answeredBy).toBe('playbook');
      expect(output.fallbackReason).toBe(reason);
      expect(reasons.map(([r]) => r)).toEqual([reason]);
      // The playbook's own answer: the sale in the message is still booked.
      expect(output.conversion).toMatchObject({
        quantity: 2,
        orderValue: 49,
        orderDetails: '2 × Canvas Tote',
      });
      if (reason === 'rate_limited') expect(reasons[0]![1]).toBeInstanceOf(RateLimitError);
      if (reason === 'invalid_answer') expect(reasons[0]![1]).toBeInstanceOf(ResponderError);
    },
  );
});

describe('createResponder', () => {
  test('no key: the playbook alone', () => {
    const responder = createResponder({ groqModel: model });
    expect(responder).toBeInstanceOf(PlaybookResponder);
    expect(responder.name).toBe('playbook');
  });

  test('a key: Groq with the playbook behind it, at the configured base URL and model', async () => {
    const onFallback = jest.fn();
    const responder = createResponder(
      { groqApiKey: apiKey, groqModel: 'fixture-model', groqBaseUrl: `${fixture.url}/openai/v1` },
      { onFallback },
    );
    expect(responder).toBeInstanceOf(FallbackResponder);
    const output = await responder.respond(input());
    expect(output.answeredBy).toBe('groq');
    expect(fixture.requests[0]!.body.model).toBe('fixture-model');
    expect(onFallback).not.toHaveBeenCalled();
  });
});

describe('the fixture', () => {
  test('streams text/event-stream frames ending with [DONE] when asked to', async () => {
    fixture.enqueue(answerText('Hello from the stream'));
    const client = new Groq({ apiKey, baseURL: fixture.url, maxRetries: 0 });
    const stream = await client.chat.completions.create({
      model,
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('Hello from the stream');
  });
});
