import { isThanks, parseQuantity, type QuestionTopic } from './intents';
import { asksStock, priceLine, stockLine } from './playbookCatalog';
import { businessName, featuresLine, knowledgeAnswer } from './playbookText';
import type { CatalogItem, ResponderInput } from './responder';
import { money } from './sale';
import { joinReply, normalize } from './text';

/** The playbook's answers to questions and small talk (playbook.ts decides when to use them). */

export function qualifiedLine(input: ResponderInput, product: CatalogItem): string {
  const fit = product.description?.trim() ? ` ${product.description.trim()}` : '';
  return `Thanks, that's everything I needed — the ${product.name} is a great fit for you.${fit} It costs ${money(input, product.price)}. Would you like to order one?`;
}

export interface Answer {
  text: string;
  intent?: string;
  nextAction?: string;
  /** The answer already says what to do next: no question or offer after it. */
  complete?: boolean;
  /** Nothing the business taught answers it: the owner is told. */
  unknown?: boolean;
}

/**
 * Answers each product topic asked about (for `product`, the one the customer is looking
 * at); general questions go to the knowledge base.
 */
export function answerQuestion(
  input: ResponderInput,
  topics: QuestionTopic[],
  product: CatalogItem | undefined,
  coupon?: string,
): Answer {
  const texts: string[] = [];
  let intent: string | undefined;
  let nextAction: string | undefined;
  let complete = false;
  // "How much is shipping?" asks about delivery costs, not the product's price.
  const shippingCost = /\b(ship|shipping|delivery|deliver|postage)\b/.test(
    normalize(input.message),
  );
  for (const topic of topics) {
    if (topic === 'order') {
      intent = 'ready to buy';
      nextAction = 'take the order';
      complete = true;
      texts.push(
        product
          ? `Just tell me how many you'd like and I'll place the order — the ${product.name} is ${money(input, product.price)} each.`
          : `Tell me what you'd like and ${businessName(input)} will confirm your order.`,
        // Payment or ordering details from the knowledge base, when it has them.
        knowledgeAnswer(input) ?? '',
      );
    } else if (topic === 'price') {
      intent ??= 'asking about price';
      if (shippingCost && topics.includes('availability')) continue;
      texts.push(
        product
          ? priceLine(input, product, parseQuantity(input.message), coupon)
          : (knowledgeAnswer(input, 'price') ?? `I'll ask the team to confirm the price for you.`),
      );
    } else if (topic === 'features') {
      intent ??= 'interested';
      const line = product ? featuresLine(product) : undefined;
      texts.push(line ?? knowledgeAnswer(input) ?? `I'll ask the team for the details.`);
    } else if (product && asksStock(input.message)) {
      intent ??= 'interested';
      texts.push(stockLine(product));
    } else {
      intent ??= 'interested';
      const known = knowledgeAnswer(input, 'availability');
      if (!known) nextAction = 'follow up on delivery';
      texts.push(
        known ?? `I'll check with the team and confirm availability and delivery for you.`,
      );
    }
  }
  let unknown = false;
  if (texts.length === 0) {
    const known = knowledgeAnswer(input);
    unknown = !known;
    texts.push(
      known ??
        `I don't have that detail at hand — I'll check with ${businessName(input)} and they can confirm it for you.`,
    );
  }
  return { text: joinReply(...texts), intent, nextAction, complete, unknown };
}

export function smallTalk(input: ResponderInput, converted: boolean): string {
  if (converted) {
    return isThanks(input.message)
      ? "You're welcome! We'll be in touch about your order."
      : `Thanks for your message! ${businessName(input)} will follow up on your order here.`;
  }
  if (isThanks(input.message)) return "You're welcome!";
  return input.campaign ? 'Thanks for your message!' : 'Thanks for your message! How can I help?';
}
