import { ChatStatus } from '../modules/chats/chat.model';
import type { ResponderInput, ResponderOutput, ScoreReason } from './responder';
import { saleOf } from './sale';
import { normalize } from './text';

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
  if (raw.conversion !== null && raw.conversion !== undefined) {
    const c = isObject(raw.conversion)
      ? raw.conversion
      : fail('conversion must be an object or null');
    const quantity = number(c.quantity, 'conversion.quantity');
    if (!Number.isInteger(quantity) || quantity < 1)
      fail('conversion.quantity must be an integer ≥ 1');
    const orderValue = number(c.orderValue, 'conversion.orderValue');
    if (orderValue < 0) fail('conversion.orderValue must be ≥ 0');
    const orderDetails = text(c.orderDetails, 'conversion.orderDetails');
    const selection = chat.aiContext.selection;
    conversion = campaign
      ? // Never the model's arithmetic: the catalog and the offers decide the order value.
        saleOf(input, campaign, { ...selection, quantity }).conversion
      : { quantity, orderValue: Math.round(orderValue * 100) / 100, orderDetails };
  }

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
    reply,
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
