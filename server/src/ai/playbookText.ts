import type { ResponderInput } from './responder';
import type { Sale } from './sale';
import { money } from './sale';
import { listWords, normalize, sentences, sharedWords } from './text';

/**
 * The playbook's wording and knowledge lookups: what it says, kept apart from when it says it
 * (playbook.ts).
 */

type Campaign = NonNullable<ResponderInput['campaign']>;
type Product = Campaign['product'];

export function businessName(input: ResponderInput): string {
  return input.business.name?.trim() || 'our team';
}

/** Owners may write "{name}", "{business}" or "{product}" in scripted messages. */
export function fillTemplate(text: string, input: ResponderInput): string {
  const values: Record<string, string> = {
    name: input.chat.customerName?.trim() || 'there',
    business: businessName(input),
    product: input.campaign?.product.name ?? 'our products',
  };
  return text.replace(/\{\{?\s*(name|business|product)\s*\}?\}/gi, (_, key: string) => {
    return values[key.toLowerCase()] ?? '';
  });
}

export function greeting(input: ResponderInput): string {
  if (input.campaign?.greeting?.trim()) return fillTemplate(input.campaign.greeting, input);
  const name = input.chat.customerName?.trim();
  const hello = name ? `Hi ${name}!` : 'Hi!';
  const business = input.business.name?.trim();
  const about = input.campaign ? ` about the ${input.campaign.product.name}` : '';
  return business
    ? `${hello} Thanks for reaching out to ${business}${about}.`
    : `${hello} Thanks for reaching out${about}.`;
}

export function featuresLine(product: Product): string | undefined {
  const features = product.features.map((feature) => feature.trim()).filter(Boolean);
  if (features.length > 0) return `The ${product.name} comes with ${listWords(features)}.`;
  return product.description?.trim() || undefined;
}

export function offerLine(input: ResponderInput, product: Product): string {
  return `Would you like to order the ${product.name} (${money(input, product.price)})?`;
}

/** Whether an assistant message offered the product, so "yes please" accepts the offer. */
export function isOffer(text: string): boolean {
  return /\bwould you like to (order|buy|get|take)\b/.test(normalize(text));
}

/** The order summary with every discount and the total the sale records, then the link. */
export function closingLine(campaign: Campaign, sale: Sale): string {
  const confirmation = `Order noted: ${sale.summary}`;
  const link = sale.link ? ` Complete your order here: ${sale.link}` : '';
  return campaign.closingMessage?.trim()
    ? `${confirmation}${link} ${campaign.closingMessage.trim()}`
    : `Thank you! ${confirmation}${link} We'll be in touch with the next steps.`;
}

const topicWords = {
  availability:
    /\b(stock|available|availability|deliver|delivers|delivery|deliveries|shipping|ship|ships|shipped|dispatch|dispatched|arrive|arrives|arrival)\b/g,
  price: /\b(price|prices|cost|costs|priced)\b|[$€£]|\d+[.,]\d{2}\b/g,
};

/** How many of a topic's words a text mentions (raw text too: "€" does not survive normalize). */
function topicCount(text: string, topic: RegExp): number {
  const words = new Set([...(normalize(text).match(topic) ?? []), ...(text.match(topic) ?? [])]);
  return words.size;
}

/**
 * The knowledge sentence(s) answering a question: the sentence sharing most words with it,
 * counting the heading it sits under (earlier passages win ties: the pipeline ranked them),
 * plus an equally good neighbour from the same passage. `about` narrows to sentences on a
 * topic, which may answer without a shared word ("do you ship?" / "Delivery takes 2 days").
 * Product facts from the campaign compete with the knowledge as sentences of their own.
 */
export function knowledgeAnswer(
  input: ResponderInput,
  about?: keyof typeof topicWords,
): string | undefined {
  const topic = about ? topicWords[about] : undefined;
  const facts = productFacts(input);
  const passages = [...(facts ? [facts] : []), ...input.knowledge.map((p) => p.text)];
  const candidates = passages.flatMap((passage, passageIndex) =>
    sentences(passage).map((sentence, index) => {
      const context = `${sentence.heading ?? ''}\n${sentence.text}`;
      const onTopic = topic ? topicCount(context, topic) : 0;
      const shared = sharedWords(input.message, context);
      return { text: sentence.text, passageIndex, index, shared, score: shared + onTopic };
    }),
  );
  const eligible = candidates.filter((c) => (topic ? c.score > c.shared : c.shared > 0));
  const best = eligible.reduce<(typeof eligible)[number] | undefined>(
    (top, candidate) => (!top || candidate.score > top.score ? candidate : top),
    undefined,
  );
  if (!best) return undefined;
  const neighbour = eligible.find(
    (c) =>
      c.passageIndex === best.passageIndex &&
      Math.abs(c.index - best.index) === 1 &&
      c.score === best.score,
  );
  const chosen = neighbour ? [best, neighbour].sort((a, b) => a.index - b.index) : [best];
  return chosen.map((candidate) => candidate.text).join(' ');
}

/** The campaign's products as sentences a question can be answered from. */
function productFacts(input: ResponderInput): string | undefined {
  const products = input.campaign?.products ?? [];
  if (products.length === 0) return undefined;
  return products
    .flatMap((product) => [
      product.description?.trim(),
      ...product.features.map((feature) => `The ${product.name} comes with ${feature.trim()}.`),
    ])
    .filter(Boolean)
    .join('\n');
}

export interface SummaryFacts {
  customerName?: string;
  askedAboutPrice: boolean;
  answered: number;
  questions: number;
  objections: string[];
  askedForPerson: boolean;
  bought?: string;
}

/** "Ana asked about price; answered 2 of 3 questions; objection: too expensive; bought 2 × Tote." */
export function summarize(facts: SummaryFacts): string {
  const parts: string[] = [];
  if (facts.askedAboutPrice) parts.push('asked about price');
  if (facts.questions > 0 && facts.answered > 0) {
    parts.push(`answered ${facts.answered} of ${facts.questions} questions`);
  }
  if (facts.objections.length > 0) {
    const label = facts.objections.length > 1 ? 'objections' : 'objection';
    parts.push(`${label}: ${facts.objections.map((text) => text.trim().toLowerCase()).join(', ')}`);
  }
  if (facts.askedForPerson) parts.push('asked for a person');
  if (facts.bought) parts.push(`bought ${facts.bought}`);
  const name = facts.customerName?.trim() || 'The customer';
  return parts.length > 0 ? `${name} ${parts.join('; ')}.` : `${name} is browsing.`;
}

/** What an earlier summary says was bought: the input carries no order details of its own. */
export function boughtBefore(summary: string | undefined): string | undefined {
  return /\bbought ([^;]+?)\.?$/.exec(summary ?? '')?.[1];
}
