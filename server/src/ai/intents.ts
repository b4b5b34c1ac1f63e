import { normalize } from './text';

/**
 * What a customer message is asking for, read with plain patterns: the playbook has no model,
 * so each detector is deliberately conservative (a missed intent costs a generic reply; a false
 * one hands a chat to a person or books a sale nobody agreed to).
 */

export type QuestionTopic = 'order' | 'price' | 'features' | 'availability';

const numberWords: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  couple: 2,
  pair: 2,
  dozen: 12,
};

/** Sentences starting like this are questions even without a question mark (chat style). */
const questionStart =
  /^(what|whats|how|hows|when|where|why|which|who|do|does|did|is|are|can|could|would|will|should|may|any|tell me|have you|has it)\b/;

export function isQuestionLike(message: string): boolean {
  return message.includes('?') || questionStart.test(normalize(message));
}

/** Words that turn "the price" from a question into a complaint. */
const negativeTone =
  /\b(too|expensive|pricey|costly|overpriced|afford|cheaper|high|dont|do not|cant|cannot|wont|not|never|worried|concerned|unsure|doubt|hesitant|scam|but|busy|later|think|maybe|worry|already)\b/;

export function hasNegativeTone(message: string): boolean {
  return negativeTone.test(normalize(message));
}

const humanPatterns = [
  /\b(human|humans|representative|operator|real person|real people|live agent|live person|actual person|someone real|are you a bot|are you a robot|customer service)\b/,
  // "talk to someone", "speak with your manager": a verb of talking close before a person.
  /\b(talk|speak|chat|connect me|transfer me|put me through|get me)\b(?:\s+\w+){0,3}?\s+(agent|person|someone|somebody|manager|staff|owner|people)\b/,
  /\b(want|need)\s+(an?|the)\s+(agent|person|manager)\b/,
  /^(agent|person|operator)( please)?$/,
];

/** The customer asks for a person instead of the assistant. */
export function asksForPerson(message: string): boolean {
  // "in person" and "per person" are about delivery or pricing, not about who answers.
  const text = normalize(message).replace(/\b(in|per) person\b/g, ' ');
  return humanPatterns.some((pattern) => pattern.test(text));
}

/** Amounts of money and times are numbers a customer writes that are not quantities. */
const notQuantities =
  /[$€£]\s*\d[\d.,]*|\d[\d.,]*\s*(?:[$€£%]|(?:eur|euros?|dollars?|usd|gbp|pounds?|am|pm|h|hours?|days?|weeks?|st|nd|rd|th)\b)/gi;

/** The first quantity in the message: digits, number words, "a couple" / "a pair" -> 2. */
export function parseQuantity(message: string): number | undefined {
  const text = normalize(message.replace(notQuantities, ' '));
  const match =
    /\b(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|couple|pair|dozen)\b/.exec(text);
  if (!match?.[1]) return undefined;
  const value = numberWords[match[1]] ?? Number(match[1]);
  return value >= 1 ? value : undefined;
}

const refusal =
  /\b(dont|do not|wont|will not|not going to|never|cant|cannot|not ready|no thanks|no thank you|not interested|if|maybe|later|not sure|think about|think it over)\b/;
/** Questions about buying ("how do I buy this?") are answered, not booked as sales. */
const askingHow = /^(how|where|when|why|what|which|who|do|does|did|is|are)\b/;
const amount =
  '(?:\\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|a couple|a pair|a dozen)';
/** "I'll take", "let me buy": then the object decides ("a look", "back to you" are no sale). */
const takeVerb =
  /\b(ill|i will|id|i would|we will|lets|let me)\s+(take|buy|order|get|grab|have|purchase)\b(.*)$/;
const notAnObject =
  /^\s*(a (look|moment|second|minute|break|while|quote|discount|refund|day|week|think)|back|to think|to|some time|time|care|started|in touch|more|about|off|over)\b/;
const buyingPatterns = [
  /\b(want to|wanna|like to|would like to|ready to)\s+(buy|order|purchase)\b/,
  new RegExp(
    `^(order|buy|purchase)\\b|\\b(order|buy|purchase)\\s+(${amount}|it|them|this|that|one|some|now)\\b`,
  ),
  new RegExp(
    `\\b(can|could|may)\\s+(i|we)\\s+(order|buy|get|have|take|purchase)\\s+(${amount}|it|them|this|that|one)\\b`,
  ),
  new RegExp(`\\bi (want|need|will need)\\s+${amount}\\b`),
  /\b(sign me up|count me in|take my money|place (an|my|the) order|go for it|lets do (it|this))\b|^im in( too)?$/,
];
const affirmative =
  /^(yes|yeah|yep|yup|sure|ok|okay|absolutely|definitely|of course|deal|go ahead|sounds good|perfect)\b/;
/** "yes please, two of them": the words that make a bare yes with a number an order. */
const orderWords = /\b(please|of them|of those|of these|of the|units?|pieces?|pcs)\b/;

export interface BuyingIntent {
  quantity: number;
}

/**
 * A sale agreed in this message. `offered` says the assistant's last message offered the
 * product, so a bare "yes please" accepts it.
 */
export function detectBuyingIntent(message: string, offered: boolean): BuyingIntent | undefined {
  const text = normalize(message);
  if (refusal.test(text) || askingHow.test(text)) return undefined;
  const quantity = parseQuantity(message);
  const take = takeVerb.exec(text);
  const agreed =
    (take !== null && !notAnObject.test(take[3] ?? '')) ||
    buyingPatterns.some((pattern) => pattern.test(text)) ||
    (affirmative.test(text) &&
      !isQuestionLike(message) &&
      (offered || (quantity !== undefined && orderWords.test(text))));
  return agreed ? { quantity: quantity ?? 1 } : undefined;
}

const topicPatterns: [QuestionTopic, RegExp][] = [
  ['order', /\b(how|where) (do|can|could) (i|we) (order|buy|purchase|pay)\b/],
  ['price', /\b(how much|price|prices|pricing|priced|cost|costs|fee|fees)\b/],
  [
    'features',
    /\b(features?|what does (it|this|that|the \w+) (do|have|include|come with|offer)|include|includes|included|specs?|specifications?|whats in|comes? with)\b/,
  ],
  [
    'availability',
    /\b(in stock|stock|available|availability|deliver|delivers|delivery|shipping|ship|ships|dispatch|arrive)\b/,
  ],
];

/** Every product topic the message asks about, in a fixed order. */
export function questionTopics(message: string): QuestionTopic[] {
  const text = normalize(message);
  const topics = topicPatterns.filter(([, pattern]) => pattern.test(text)).map(([topic]) => topic);
  // "€" or "$" alone asks about price only in a question ("is it under 50€?").
  if (!topics.includes('price') && /[$€£]/.test(message) && isQuestionLike(message)) {
    topics.splice(topics.includes('order') ? 1 : 0, 0, 'price');
  }
  return topics;
}

/**
 * A message the customer means as a question: a pending qualification question is then not
 * answered by it. Keyword messages ("price", "shipping cost") count too, but only that short:
 * "delivery by Friday" answers "when do you need it?".
 */
export function isClearQuestion(message: string): boolean {
  const words = normalize(message).split(' ').filter(Boolean).length;
  return isQuestionLike(message) || (questionTopics(message).length > 0 && words <= 2);
}

/** The words a customer uses when they greet or thank, so they get a reply in kind. */
export function isThanks(message: string): boolean {
  return /\b(thanks|thank you|thx|cheers|great|perfect)\b/.test(normalize(message));
}

/**
 * "ok", "thanks", "hmm", an emoji: a message with nothing in it to record as an answer to a
 * qualification question (a bare "yes" or "no" can be an answer, so it is not filler).
 */
export function isFiller(message: string): boolean {
  const text = normalize(message);
  return (
    text === '' ||
    /^(ok|okay|k|kk|thanks|thank you|thx|ty|hi|hello|hey|hmm+|cool|nice|great|lol|haha|sure|alright|right)( thanks| thank you)?$/.test(
      text,
    )
  );
}
