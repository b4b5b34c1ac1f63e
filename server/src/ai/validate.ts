import { ChatStatus } from '../modules/chats/chat.model';
import type { ResponderInput, ResponderOutput, ScoreReason } from './responder';
import { fromMinor } from '../modules/business/money';
import type { CatalogItem } from './responder';
import { inStock, quoteFor, saleOf, type Choice } from './sale';
import { joinReply, normalize } from './text';

/**
 * Checks the model's JSON answer by hand (no schema library): every field the pipeline stores
 * is typed and bounded here, and the facts the model must not decide alone (order value, a
 * second sale, lost answers) are corrected from the input.
 */

export type Validation = { ok: true; output: ResponderOutput } | { ok: false; problem: string };

export const MAX_REPLY_CHARS = 2000;
const MAX_TEXT_CHARS = 500;
/** A converted chat is the hottest lead there is (the playbook applies the same floor). */
const CONVERTED_MIN_SCORE = 90;

class Invalid extends Error {}

const fail = (problem: string): never => {
  throw new Invalid(problem);
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function text(value: unknown, field: string, max = MAX_TEXT_CHARS): string {
  if (typeof value !== 'string' || value.trim() === '') fail(`${field} must be a non-empty string`);
  const trimmed = (value as string).trim();
  if (trimmed.length > max) fail(`${field} must be at most ${max} characters`);
  return trimmed;
}

/** Optional strings: null or absent keep nothing; anything else must be a string. */
function optionalText(value: unknown, field: string): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value !== 'string') fail(`${field} must be a string or null`);
  return (value as string).trim().slice(0, MAX_TEXT_CHARS) || undefined;
}

function number(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(`${field} must be a number`);
  return value as number;
}

function array(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) fail(`${field} must be an array`);
  return value as unknown[];
}

function parseJson(content: string | null | undefined): Record<string, unknown> {
  if (!content || content.trim() === '') fail('the answer was empty');
  // json_object mode should give bare JSON; a fenced block is still the same answer.
  const body = (content as string)
    .trim()
    .replace(/^```(?:json)?\s*/i, '')
    .replace(/\s*```$/, '');
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch (error) {
    fail(`the answer is not JSON (${(error as Error).message})`);
  }
  if (!isObject(parsed)) fail('the answer must be a JSON object');
  return parsed as Record<string, unknown>;
}

const statuses = new Set<string>(Object.values(ChatStatus));

function checkAnswer(raw: Record<string, unknown>, input: ResponderInput): ResponderOutput {
  const { chat, campaign } = input;
  const reply = text(raw.reply, 'reply', MAX_REPLY_CHARS);
  const score = number(raw.leadScore, 'leadScore');

  const scoreReasons: ScoreReason[] = array(raw.scoreReasons, 'scoreReasons').map((item, i) => {
    if (!isObject(item)) return fail(`scoreReasons[${i}] must be an object {signal, delta}`);
    return {
      signal: text(item.signal, `scoreReasons[${i}].signal`),
      delta: number(item.delta, `scoreReasons[${i}].delta`),
    };
  });

  let status: ChatStatus | undefined;
  if (raw.status !== null && raw.status !== undefined) {
    if (typeof raw.status !== 'string' || !statuses.has(raw.status)) {
      fail(`status must be one of ${[...statuses].join(', ')} or null`);
    }
    status = raw.status as ChatStatus;
  }

  const modelAnswers = array(raw.qualificationAnswers, 'qualificationAnswers').map((item, i) => {
    if (!isObject(item))
      return fail(`qualificationAnswers[${i}] must be an object {question, answer}`);
    return {
      question: text(item.question, `qualificationAnswers[${i}].question`),
      answer: text(item.answer, `qualificationAnswers[${i}].answer`),
    };
  });
  const modelObjections = array(raw.objections, 'objections').map((item, i) =>
    text(item, `objections[${i}]`),
  );

  let handoff: ResponderOutput['handoff'];
  if (raw.handoff !== null && raw.handoff !== undefined) {
    if (!isObject(raw.handoff)) fail('handoff must be an object {reason} or null');
    handoff = { reason: text((raw.handoff as Record<string, unknown>).reason, 'handoff.reason') };
  }

  let conversion: ResponderOutput['conversion'];
  let replyText = reply;
  const rawOrder = raw.order ?? raw.conversion;
  if (rawOrder !== null && rawOrder !== undefined) {
    if (!isObject(rawOrder)) fail('order must be an object {items, coupon} or null');
    if (!campaign) {
      fail('there is no campaign product to sell: set order to null and hand the chat to a person');
    }
    const sale = saleOf(
      input,
      campaign!,
      orderChoices(rawOrder as Record<string, unknown>, input),
      couponOf(rawOrder as Record<string, unknown>),
    );
    conversion = sale.conversion;
    // The total the customer reads is the one recorded: the server's, with the link.
    replyText = joinReply(
      reply,
      `Order noted: ${sale.summary}`,
      sale.link && `Complete your order here: ${sale.link}`,
    ).slice(0, MAX_REPLY_CHARS);
  }
  if (campaign) checkAmounts(reply, input, campaign);

  const alreadyConverted = chat.converted || chat.status === ChatStatus.CONVERTED;
  // A chat sells once: a second conversion would count the same revenue twice.
  if (alreadyConverted) conversion = undefined;
  if (conversion) status = ChatStatus.CONVERTED;
  else if (status === ChatStatus.CONVERTED && !alreadyConverted) {
    fail('status "converted" needs a conversion {quantity, orderValue, orderDetails}');
  }

  const converted = alreadyConverted || conversion !== undefined;
  const clamped = Math.round(Math.min(100, Math.max(0, score)));
  return {
    reply: replyText,
    aiContext: {
      conversationSummary:
        optionalText(raw.conversationSummary, 'conversationSummary') ??
        chat.aiContext.conversationSummary,
      customerIntent:
        optionalText(raw.customerIntent, 'customerIntent') ?? chat.aiContext.customerIntent,
      qualificationAnswers: mergeAnswers(chat.aiContext.qualificationAnswers, modelAnswers),
      objections: mergeObjections(chat.aiContext.objections, modelObjections),
      nextAction: optionalText(raw.nextAction, 'nextAction') ?? chat.aiContext.nextAction,
      selection: chat.aiContext.selection,
    },
    leadScore: converted ? Math.max(CONVERTED_MIN_SCORE, clamped) : clamped,
    scoreReasons,
    status: status !== chat.status ? status : undefined,
    handoff,
    conversion,
  };
}

/** Earlier answers survive a model that forgot them; a new answer to a question replaces it. */
function mergeAnswers(
  earlier: { question: string; answer: string }[],
  latest: { question: string; answer: string }[],
): { question: string; answer: string }[] {
  const merged = earlier.map((entry) => ({ ...entry }));
  for (const entry of latest) {
    const known = merged.find((m) => normalize(m.question) === normalize(entry.question));
    if (known) known.answer = entry.answer;
    else merged.push(entry);
  }
  return merged;
}

function mergeObjections(earlier: string[], latest: string[]): string[] {
  const merged = [...earlier];
  for (const objection of latest) {
    if (!merged.some((known) => normalize(known) === normalize(objection))) merged.push(objection);
  }
  return merged;
}

/** Parses and checks one model answer; `problem` says what to fix when it is not usable. */
export function validateAnswer(
  content: string | null | undefined,
  input: ResponderInput,
): Validation {
  try {
    return { ok: true, output: checkAnswer(parseJson(content), input) };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, problem: error.message };
    throw error;
  }
}

type Campaign = NonNullable<ResponderInput['campaign']>;

const findByName = <T extends { name: string }>(items: readonly T[], name: unknown) =>
  typeof name === 'string'
    ? items.find((item) => normalize(item.name) === normalize(name))
    : undefined;

/**
 * The model's order as catalog lines: each product by its listed name (the main one when a
 * legacy answer names none), a variant it has and that is in stock, a whole quantity. What
 * does not fit is sent back to the model to fix, never guessed.
 */
function orderChoices(order: Record<string, unknown>, input: ResponderInput): Choice[] {
  const campaign = input.campaign!;
  const items = Array.isArray(order.items)
    ? order.items
    : [{ product: campaign.product.name, variant: null, quantity: order.quantity }];
  if (items.length === 0 || items.length > 20) fail('order.items must list 1 to 20 items');
  const names = campaign.products.map((product) => `"${product.name}"`).join(', ');
  return items.map((item, i) => {
    if (!isObject(item))
      return fail(`order.items[${i}] must be an object {product, variant, quantity}`);
    const product: CatalogItem | undefined = findByName(campaign.products, item.product);
    if (!product) return fail(`order.items[${i}].product must be one of ${names}`);
    const quantity = number(item.quantity, `order.items[${i}].quantity`);
    if (!Number.isInteger(quantity) || quantity < 1 || quantity > 1000) {
      fail(`order.items[${i}].quantity must be a whole number from 1 to 1000`);
    }
    if (!inStock(product.stock))
      fail(`${product.name} is sold out: do not sell it, offer an alternative`);
    let variant: string | undefined;
    if (product.variants.length > 0) {
      const available = product.variants.filter((v) => inStock(v.stock)).map((v) => v.name);
      const named = findByName(product.variants, item.variant);
      if (!named || !inStock(named.stock)) {
        fail(
          `the customer has not chosen an available ${product.variantLabel ?? 'variant'} of ${product.name} (${available.join(', ')}): ask which one and set order to null`,
        );
      }
      variant = named!.name;
    }
    return { productId: product.id, variant, quantity };
  });
}

function couponOf(order: Record<string, unknown>): string | undefined {
  return typeof order.coupon === 'string' && order.coupon.trim() ? order.coupon.trim() : undefined;
}

const AMOUNT =
  /(?:[$€£¥₹]|\b(?:USD|EUR|GBP|CAD|AUD|CHF|JPY|INR|BRL)\s?)\s?(\d{1,3}(?:[,\s]\d{3})*(?:\.\d{1,3})?|\d+(?:\.\d{1,3})?)|(\d{1,3}(?:,\d{3})*(?:\.\d{1,3})?|\d+(?:\.\d{1,3})?)\s?(?:[$€£¥₹]|\b(?:USD|EUR|GBP|dollars?|euros?|pounds?)\b)/gi;

/** The amounts a text names ("$15", "15.00 USD"). */
function amountsIn(text: string): { text: string; value: number }[] {
  return [...text.matchAll(AMOUNT)]
    .map((match) => ({
      text: match[0].trim(),
      value: Number((match[1] ?? match[2] ?? '').replace(/[,\s]/g, '')),
    }))
    .filter((amount) => Number.isFinite(amount.value) && amount.value !== 0);
}

/**
 * Every amount the model's reply names must be a price or an offer of the catalog, a
 * total the offers give for up to 10 of a product, or one the business wrote (the
 * knowledge it was given, its description): anything else is arithmetic of its own.
 */
function checkAmounts(reply: string, input: ResponderInput, campaign: Campaign): void {
  const taught = [input.business.description ?? '', ...input.knowledge.map((p) => p.text)];
  const allowed: number[] = [
    campaign.shippingFee ?? 0,
    ...taught.flatMap((text) => amountsIn(text).map((amount) => amount.value)),
  ];
  for (const offer of campaign.offers) {
    allowed.push(offer.bundlePrice ?? 0, offer.amountOff ?? 0, offer.minTotal ?? 0);
  }
  for (const product of campaign.products) {
    allowed.push(product.price, ...product.variants.map((v) => v.price ?? product.price));
    for (let quantity = 1; quantity <= 10; quantity++) {
      const { quote } = quoteFor(input, campaign, { productId: product.id, quantity });
      allowed.push(
        fromMinor(quote.totalMinor, quote.currency),
        fromMinor(quote.totalMinor - (quote.shippingMinor ?? 0), quote.currency),
      );
    }
  }
  for (const amount of amountsIn(reply)) {
    if (!allowed.some((known) => Math.abs(known - amount.value) < 0.006)) {
      fail(
        `the reply names ${amount.text}, which is no price, offer or total of the catalog: quote only the prices given, the server adds the order total`,
      );
    }
  }
}
