/**
 * The model's answer as a strict JSON Schema (Groq's structured outputs): every property
 * required, optional ones nullable, no extra keys. The model names products, variants and
 * quantities; it never writes an amount the server would record (ai/sale.ts prices them).
 * validate.ts checks the same shape, for models that answer in JSON-object mode.
 */

const text = { type: 'string' };
const nullableText = { type: ['string', 'null'] };
const object = (properties: Record<string, unknown>) => ({
  type: 'object',
  properties,
  required: Object.keys(properties),
  additionalProperties: false,
});
const nullable = (schema: Record<string, unknown>) => ({ anyOf: [schema, { type: 'null' }] });

export const ANSWER_SCHEMA = object({
  reply: text,
  language: { type: 'string', description: "ISO 639-1 code of the customer's language" },
  leadScore: { type: 'integer' },
  scoreReasons: { type: 'array', items: object({ signal: text, delta: { type: 'integer' } }) },
  status: { type: ['string', 'null'], enum: ['qualified', 'converted', null] },
  qualificationAnswers: { type: 'array', items: object({ question: text, answer: text }) },
  objections: { type: 'array', items: text },
  conversationSummary: text,
  customerIntent: text,
  nextAction: text,
  handoff: nullable(object({ reason: text })),
  order: nullable(
    object({
      items: {
        type: 'array',
        items: object({ product: text, variant: nullableText, quantity: { type: 'integer' } }),
      },
      coupon: nullableText,
    }),
  ),
});

/** Models whose structured outputs Groq enforces (strict mode). */
export const supportsStrictSchema = (model: string): boolean => /gpt-oss/.test(model);
