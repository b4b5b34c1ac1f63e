import { ChatStatus } from '../modules/chats/chat.model';
import {
  asksForPerson,
  detectBuyingIntent,
  isClearQuestion,
  isFiller,
  isQuestionLike,
  questionTopics,
} from './intents';
import { matchObjection, sameObjection } from './objections';
import { answerQuestion, qualifiedLine, smallTalk } from './playbookAnswers';
import {
  alternative,
  alternativeLine,
  answerVariantQuestion,
  namesOnlyVariant,
  asksBetter,
  asksCheaper,
  couponIn,
  namedProduct,
  namedVariant,
} from './playbookCatalog';
import { CHOOSE_VARIANT, takeOrder } from './playbookOrder';
import {
  boughtBefore,
  businessName,
  greeting,
  isOffer,
  offerLine,
  summarize,
} from './playbookText';
import type {
  Responder,
  ResponderInput,
  ResponderOutput,
  ScoreReason,
  Selection,
} from './responder';
import { parseQuantity } from './intents';
import { productOf } from './sale';
import { describeOffer } from '../modules/catalog/pricing';
import { joinReply, normalize } from './text';

/**
 * The responder used without a Groq key, and when Groq fails: deterministic replies from the
 * campaign's playbook and the knowledge base. One customer message moves the conversation one
 * step (greet, qualify, answer, handle an objection, close), so replies stay short like a chat.
 */
export class PlaybookResponder implements Responder {
  readonly name = 'playbook' as const;

  async respond(input: ResponderInput): Promise<ResponderOutput> {
    return playbookTurn(input);
  }
}

const SCORE = {
  price: { signal: 'asked about price', delta: 10 },
  answer: { signal: 'answered a qualification question', delta: 10 },
  allAnswered: { signal: 'all qualification questions answered', delta: 10 },
  buying: { signal: 'buying intent', delta: 30 },
  objection: { signal: 'objection raised', delta: -5 },
  person: { signal: 'asked for a person', delta: 0 },
} satisfies Record<string, ScoreReason>;

/** Said after an answer to a qualification question, in turn, so replies do not sound like a form. */
const ACKNOWLEDGEMENTS = ['Thanks!', 'Got it.', 'Great, noted.', 'Perfect, thank you.'];

/** A converted chat is the hottest lead there is, whatever objections came before. */
const CONVERTED_MIN_SCORE = 90;

export function playbookTurn(input: ResponderInput): ResponderOutput {
  const { chat, campaign, message } = input;
  const answers = [...(chat.aiContext.qualificationAnswers ?? [])];
  const objections = [...(chat.aiContext.objections ?? [])];
  const earlier = earlierMessages(input);
  const firstMessage = !earlier.some((entry) => entry.sender !== 'customer');
  const wasConverted = chat.converted || chat.status === ChatStatus.CONVERTED;
  const questions = (campaign?.qualificationQuestions ?? []).filter((q) => q.trim() !== '');
  const unanswered = () => questions.find((q) => !answers.some((a) => a.question === q));
  const pending = firstMessage || wasConverted ? undefined : unanswered();
  // "Cognac!" answers "Which colour do you like?" whenever it is said, asked yet or not.
  const variantAnswer =
    campaign && !wasConverted
      ? answerVariantQuestion(
          campaign,
          chat.aiContext.selection?.productId,
          message,
          questions,
          answers,
        )
      : undefined;
  if (variantAnswer) answers.push(variantAnswer);
  const lastAi = [...earlier].reverse().find((entry) => entry.sender === 'ai');
  const offered = chat.aiContext.nextAction === 'send closing' || isOffer(lastAi?.content ?? '');
  const priceAskedBefore =
    /asked about price/.test(chat.aiContext.conversationSummary ?? '') ||
    earlier.some((e) => e.sender === 'customer' && questionTopics(e.content).includes('price'));

  const reasons: ScoreReason[] = [];
  const parts: string[] = [firstMessage ? greeting(input) : ''];
  let intent = chat.aiContext.customerIntent || 'browsing';
  let nextAction: string | undefined;
  let status: ChatStatus | undefined;
  let handoff: ResponderOutput['handoff'];
  let attention: string | undefined;
  let conversion: ResponderOutput['conversion'];
  let askedAboutPrice = priceAskedBefore;
  /** Whether to end on the pending question or the offer (set false once the turn closed). */
  let followUp = true;

  const handOff = (reason: string, reply: string) => {
    handoff = { reason };
    parts.push(reply);
    nextAction = 'hand to a person';
    followUp = false;
  };

  // What the customer is looking at: the product, variant and coupon named so far.
  const selection: Selection = { ...(chat.aiContext.selection ?? {}) };
  let newCoupon: string | undefined;
  if (campaign) {
    const named = namedProduct(campaign, message);
    if (named && named.id !== selection.productId) {
      selection.productId = named.id;
      selection.variant = undefined;
    }
    const variant = namedVariant(productOf(campaign, selection.productId), message);
    if (variant) selection.variant = variant.name;
    const coupon = couponIn(campaign, message);
    if (coupon && coupon !== selection.coupon) newCoupon = selection.coupon = coupon;
  }
  const current = campaign ? productOf(campaign, selection.productId) : undefined;
  const choosingVariant = chat.aiContext.nextAction === CHOOSE_VARIANT;

  const buying =
    detectBuyingIntent(message, offered || choosingVariant) ??
    (choosingVariant && selection.variant
      ? { quantity: parseQuantity(message) ?? selection.quantity ?? 1 }
      : undefined);
  const alternativeAsked = asksCheaper(message)
    ? 'cheaper'
    : asksBetter(message)
      ? 'better'
      : undefined;
  const found =
    campaign && current && alternativeAsked
      ? alternative(campaign, current, alternativeAsked)
      : undefined;
  const objection =
    campaign && !buying && !found
      ? matchObjection(message, campaign.objectionHandling, !!pending)
      : undefined;
  const topics = questionTopics(message);

  if (asksForPerson(message)) {
    reasons.push(SCORE.person);
    intent = 'wants a person';
    handOff(
      'customer asked for a person',
      `Of course — I'll ask a person from ${businessName(input)} to take over. They'll reply here shortly.`,
    );
  } else if (buying && wasConverted) {
    const bought = boughtBefore(chat.aiContext.conversationSummary);
    parts.push(
      `Your order${bought ? ` (${bought})` : ''} is already confirmed — thank you! If you'd like to change it or add to it, ${businessName(input)} will sort it out with you here.`,
    );
    intent = 'bought';
    followUp = false;
  } else if (buying && campaign) {
    const step = takeOrder(input, campaign, selection, buying.quantity);
    Object.assign(selection, step.selection);
    parts.push(step.reply);
    nextAction = step.nextAction;
    followUp = false;
    if (chat.aiContext.customerIntent !== 'ready to buy') reasons.push(SCORE.buying);
    if (step.conversion) {
      conversion = step.conversion;
      status = ChatStatus.CONVERTED;
      intent = 'bought';
    } else {
      intent = 'ready to buy';
    }
  } else if (buying) {
    // No campaign means no product or price to book: a person completes the sale.
    reasons.push(SCORE.buying);
    intent = 'ready to buy';
    handOff(
      'customer wants to buy (no campaign product to sell)',
      `Great! A person from ${businessName(input)} will help you complete your order here shortly.`,
    );
  } else if (campaign && current && alternativeAsked && (found || !objection)) {
    parts.push(alternativeLine(input, current, found, alternativeAsked));
    intent = 'interested';
    if (found) {
      selection.productId = found.id;
      selection.variant = undefined;
      nextAction = 'send closing';
      followUp = false;
    }
  } else if (objection) {
    reasons.push(SCORE.objection);
    intent = 'objecting';
    if (objections.some((known) => sameObjection(known, objection.objection))) {
      handOff(
        `repeated objection: ${objection.objection}`,
        `I understand. I'll ask a person from ${businessName(input)} to help you with this — they'll reply here shortly.`,
      );
    } else {
      objections.push(objection.objection);
      parts.push(objection.response);
    }
  } else if (campaign && newCoupon && !isQuestionLike(message)) {
    const rule = campaign.offers.find((offer) => offer.code === newCoupon);
    parts.push(
      `Code ${newCoupon} noted${rule ? ` — ${describeOffer(rule, input.business.currency).replace(/^code \S+: /, '')} your order` : ''}.`,
    );
  } else if (pending ? isClearQuestion(message) : topics.length > 0 || isQuestionLike(message)) {
    const answer = answerQuestion(input, topics, current, selection.coupon);
    parts.push(answer.text);
    if (topics.includes('price')) {
      askedAboutPrice = true;
      if (!priceAskedBefore) reasons.push(SCORE.price);
    }
    intent = answer.intent ?? intent;
    nextAction = answer.nextAction;
    if (answer.unknown)
      attention = `A question the AI could not answer: "${message.trim().slice(0, 200)}"`;
    if (answer.complete) followUp = false;
  } else if ((pending && !isFiller(message)) || variantAnswer) {
    // A message that answers the pending question and names a variant answers both.
    if (pending && pending !== variantAnswer?.question && !namesOnlyVariant(campaign, message)) {
      answers.push({ question: pending, answer: message.trim() });
    }
    reasons.push(SCORE.answer);
    intent = 'interested';
    if (!unanswered()) {
      reasons.push(SCORE.allAnswered);
      if (campaign && chat.status !== ChatStatus.QUALIFIED) status = ChatStatus.QUALIFIED;
      if (campaign && current) parts.push(qualifiedLine(input, current));
      nextAction = 'send closing';
      followUp = false;
    } else {
      parts.push(ACKNOWLEDGEMENTS[answers.length % ACKNOWLEDGEMENTS.length]!);
    }
  } else if (!firstMessage) {
    parts.push(smallTalk(input, wasConverted));
    if (wasConverted) followUp = false;
  }

  if (followUp && !wasConverted) {
    const next = unanswered();
    // Never the same question twice in a row, nor twice in one reply (a greeting that asks it).
    const askedAlready =
      !!next &&
      (normalize(parts.join(' ')).includes(normalize(next)) ||
        (!!lastAi && normalize(lastAi.content).endsWith(normalize(next))));
    if (campaign && next && askedAlready) {
      nextAction ??= `ask: ${next}`;
    } else if (campaign && next) {
      parts.push(next);
      // A promise made in the answer ("the team will confirm") outranks the next question.
      nextAction ??= `ask: ${next}`;
    } else if (campaign && current) {
      parts.push(offerLine(input, current));
      nextAction ??= 'send closing';
    } else if (firstMessage && parts.length === 1) {
      parts.push('How can I help you today?');
    }
  }
  if (wasConverted && !nextAction) nextAction = 'follow up on delivery';
  if (wasConverted && !handoff) intent = 'bought';
  nextAction ??= campaign ? chat.aiContext.nextAction : "answer the customer's questions";

  const converted = wasConverted || conversion !== undefined;
  const sum = reasons.reduce((total, reason) => total + reason.delta, chat.leadScore);
  const clamped = Math.round(Math.min(100, Math.max(0, sum)));
  const leadScore = converted ? Math.max(CONVERTED_MIN_SCORE, clamped) : clamped;
  const conversationSummary = summarize({
    customerName: chat.customerName,
    askedAboutPrice,
    answered: answers.filter((a) => questions.includes(a.question)).length,
    questions: questions.length,
    objections,
    askedForPerson:
      intent === 'wants a person' ||
      /asked for a person/.test(chat.aiContext.conversationSummary ?? ''),
    bought:
      conversion?.orderDetails ??
      (wasConverted
        ? (boughtBefore(chat.aiContext.conversationSummary) ?? 'the product')
        : undefined),
  });

  return {
    reply: joinReply(...parts),
    aiContext: {
      conversationSummary,
      customerIntent: intent,
      qualificationAnswers: answers,
      objections,
      nextAction,
      ...(Object.values(selection).some((value) => value !== undefined) ? { selection } : {}),
    },
    leadScore,
    scoreReasons: reasons,
    status: status !== chat.status ? status : undefined,
    handoff,
    ...(attention ? { attention } : {}),
    conversion,
    answeredBy: 'playbook',
  };
}

/** The conversation before the new message (`recent` ends with it, but be lenient). */
function earlierMessages(input: ResponderInput): ResponderInput['chat']['recent'] {
  const recent = input.chat.recent;
  const last = recent[recent.length - 1];
  return last?.sender === 'customer' && last.content === input.message
    ? recent.slice(0, -1)
    : recent;
}
