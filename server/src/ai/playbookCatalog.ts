import { formatMoney } from '../modules/business/money';
import { describeOffer } from '../modules/catalog/pricing';
import type { CatalogItem, ResponderInput } from './responder';
import { inStock, money, quoteFor } from './sale';
import { listWords, normalize, tokenize } from './text';

/**
 * The playbook's catalog answers: which product or variant a customer names, stock, the
 * cheaper or better alternative, offers and coupons. Figures come from the catalog and the
 * pricing rules only (ai/sale.ts).
 */

type Campaign = NonNullable<ResponderInput['campaign']>;

const contains = (text: string, phrase: string) =>
  phrase !== '' && ` ${text} `.includes(` ${phrase} `);

/**
 * The product a message names: its whole name, or a word of its name no other product of
 * the campaign has ("the mini one" -> Mini Tote). Undefined when none or several match.
 */
export function namedProduct(campaign: Campaign, message: string): CatalogItem | undefined {
  if (campaign.products.length < 2) return undefined;
  const text = normalize(message);
  const whole = campaign.products.filter((product) => contains(text, normalize(product.name)));
  if (whole.length === 1) return whole[0];
  const words = new Set(tokenize(message));
  const matches = campaign.products.filter((product) => {
    const others = campaign.products.filter((other) => other !== product);
    return tokenize(product.name).some(
      (word) => words.has(word) && !others.some((other) => tokenize(other.name).includes(word)),
    );
  });
  return matches.length === 1 ? matches[0] : undefined;
}

/** The variant a message names ("cognac please", "in Black"). */
export function namedVariant(product: CatalogItem, message: string) {
  const text = normalize(message);
  return product.variants.find((variant) => contains(text, normalize(variant.name)));
}

export function variantChoice(product: CatalogItem): string {
  const available = product.variants.filter((variant) => inStock(variant.stock));
  const label = product.variantLabel?.trim().toLowerCase() || 'option';
  return `Which ${label} would you like: ${listWords(available.map((v) => v.name)).replace(/ and ([^,]+)$/, ' or $1')}?`;
}

/** "Yes, the Classic Tote is in stock (Cognac and Black; Tan is sold out)." */
export function stockLine(product: CatalogItem): string {
  if (!inStock(product.stock)) return `Sorry, the ${product.name} is sold out right now.`;
  const available = product.variants.filter((variant) => inStock(variant.stock));
  const gone = product.variants.filter((variant) => !inStock(variant.stock));
  const low = product.stock === 'low_stock' ? ' — only a few are left' : '';
  if (product.variants.length === 0) return `Yes, the ${product.name} is in stock${low}.`;
  if (available.length === 0)
    return `Sorry, the ${product.name} is sold out in every ${product.variantLabel?.toLowerCase() || 'option'} right now.`;
  const soldOut =
    gone.length > 0
      ? `; ${listWords(gone.map((v) => v.name))} ${gone.length > 1 ? 'are' : 'is'} sold out`
      : '';
  return `Yes, the ${product.name} is in stock${low} (${listWords(available.map((v) => v.name))}${soldOut}).`;
}

const cheaperWords =
  /\b(cheaper|less expensive|lower price|more affordable|cheapest|budget option|something affordable|on a budget)\b/;
const betterWords =
  /\b(better one|better option|something better|premium|upgrade|higher end|top of the range|best one|bigger one|larger one)\b/;

export function asksCheaper(message: string): boolean {
  return cheaperWords.test(normalize(message));
}

export function asksBetter(message: string): boolean {
  return betterWords.test(normalize(message));
}

/** "Is it still available?", "in stock?": about stock, not about delivery. */
export function asksStock(message: string): boolean {
  const text = normalize(message);
  return (
    /\b(in stock|stock|available|availability|sold out|still have|still got|any left|left in)\b/.test(
      text,
    ) && !/\b(ship|shipping|deliver|delivery|delivers|arrive|dispatch|postage)\b/.test(text)
  );
}

/** The closest cheaper (or pricier) product in stock, for "do you have a cheaper one?". */
export function alternative(
  campaign: Campaign,
  current: CatalogItem,
  direction: 'cheaper' | 'better',
): CatalogItem | undefined {
  const candidates = campaign.products
    .filter((product) => product !== current && inStock(product.stock))
    .filter((product) =>
      direction === 'cheaper' ? product.price < current.price : product.price > current.price,
    )
    .sort((a, b) => (direction === 'cheaper' ? b.price - a.price : a.price - b.price));
  return candidates[0];
}

export function alternativeLine(
  input: ResponderInput,
  current: CatalogItem,
  found: CatalogItem | undefined,
  direction: 'cheaper' | 'better',
): string {
  if (!found) {
    return direction === 'cheaper'
      ? `The ${current.name} is our most affordable option, at ${money(input, current.price)}.`
      : `The ${current.name} is the best we have, at ${money(input, current.price)}.`;
  }
  const about = found.description?.trim() ? ` ${found.description.trim()}` : '';
  return `Yes — the ${found.name} is ${money(input, found.price)}.${about} Would you like to order the ${found.name}?`;
}

/** The offers a product's buyer can use, in words: "10% off 2 or more". */
export function offersFor(input: ResponderInput, product: CatalogItem): string[] {
  const campaign = input.campaign;
  if (!campaign) return [];
  return campaign.offers
    .filter((offer) => offer.kind !== 'coupon')
    .filter((offer) => !offer.productId || offer.productId === product.id)
    .map((offer) => describeOffer(offer, input.business.currency));
}

/** A coupon code of the campaign the message contains. */
export function couponIn(campaign: Campaign, message: string): string | undefined {
  const words = new Set(message.split(/[^A-Za-z0-9_-]+/).map((word) => word.toLowerCase()));
  return campaign.offers.find(
    (offer) => offer.kind === 'coupon' && offer.code && words.has(offer.code.toLowerCase()),
  )?.code;
}

/** "The Classic Tote costs $189.00. 2 of them come to $340.20 (10% off 2 or more)." */
export function priceLine(
  input: ResponderInput,
  product: CatalogItem,
  quantity: number | undefined,
  coupon?: string,
): string {
  const each = `The ${product.name} costs ${money(input, product.price)}.`;
  const offers = offersFor(input, product);
  const campaign = input.campaign;
  if (!campaign || !quantity || quantity < 2) {
    return offers.length > 0 ? `${each} Offer: ${listWords(offers)}.` : each;
  }
  const { quote } = quoteFor(input, campaign, { productId: product.id, quantity, coupon });
  const applied = quote.lines.find((line) => line.offer)?.offer;
  const goods = formatMoney(quote.totalMinor - (quote.shippingMinor ?? 0), quote.currency);
  return `${each} ${quantity} of them come to ${goods}${applied ? ` (${applied})` : ''}.`;
}

const VARIANT_WORDS = /\b(colou?r|size|shade|finish|style|model|version|flavou?r)\b/;

/**
 * A qualification question about the variant ("Which colour do you like?") answered by a
 * message naming one of the product's variants, whether or not it was asked yet.
 */
export function answerVariantQuestion(
  campaign: Campaign,
  productId: string | undefined,
  message: string,
  questions: readonly string[],
  answers: readonly { question: string }[],
): { question: string; answer: string } | undefined {
  const product = campaign.products.find((p) => p.id === productId) ?? campaign.product;
  const variant = namedVariant(product, message);
  if (!variant) return undefined;
  const label = normalize(product.variantLabel ?? '');
  const question = questions.find((q) => {
    if (answers.some((a) => a.question === q)) return false;
    const text = normalize(q);
    return (label !== '' && contains(text, label)) || VARIANT_WORDS.test(text);
  });
  return question ? { question, answer: variant.name } : undefined;
}

/** "Cognac", "cognac please": the message is just a variant, not an answer to another question. */
export function namesOnlyVariant(campaign: Campaign | null, message: string): boolean {
  if (!campaign) return false;
  const text = normalize(message).replace(
    /\b(please|thanks|thank you|the|in|one|i like|i want)\b/g,
    ' ',
  );
  return campaign.products.some((product) =>
    product.variants.some(
      (variant) => text.trim().replace(/\s+/g, ' ') === normalize(variant.name),
    ),
  );
}
