import { alternative, variantChoice } from './playbookCatalog';
import { businessName, closingLine } from './playbookText';
import type { ResponderInput, ResponderOutput, Selection } from './responder';
import { inStock, money, productOf, saleOf } from './sale';

/** The next action while the playbook waits for the customer to pick a variant. */
export const CHOOSE_VARIANT = 'ask which variant';

type Campaign = NonNullable<ResponderInput['campaign']>;

export interface OrderStep {
  reply: string;
  selection: Selection;
  nextAction: string;
  /** Set when the order is placed: priced by ai/sale.ts. */
  conversion?: ResponderOutput['conversion'];
}

/**
 * The customer wants to buy: place the order when the product (and its variant, if it has
 * variants) is in stock; else ask for the variant, or offer what is in stock instead.
 */
export function takeOrder(
  input: ResponderInput,
  campaign: Campaign,
  selection: Selection,
  quantity: number,
): OrderStep {
  const product = productOf(campaign, selection.productId);
  const available = product.variants.filter((variant) => inStock(variant.stock));
  if (!inStock(product.stock) || (product.variants.length > 0 && available.length === 0)) {
    const instead =
      alternative(campaign, product, 'cheaper') ?? alternative(campaign, product, 'better');
    return {
      reply: instead
        ? `Sorry, the ${product.name} is sold out right now. The ${instead.name} (${money(input, instead.price)}) is available — would you like to order it instead?`
        : `Sorry, the ${product.name} is sold out right now. ${businessName(input)} can tell you when it is back.`,
      selection: instead
        ? { ...selection, productId: instead.id, variant: undefined, quantity }
        : selection,
      nextAction: instead ? 'send closing' : 'tell the customer when it is back',
    };
  }
  let variant = product.variants.find((candidate) => candidate.name === selection.variant);
  if (product.variants.length > 0 && (!variant || !inStock(variant.stock))) {
    if (!variant && available.length === 1) {
      variant = available[0];
    } else {
      const soldOut = variant ? `Sorry, ${variant.name} is sold out right now. ` : '';
      return {
        reply: `${soldOut}${variantChoice(product)}`,
        selection: { ...selection, productId: product.id, variant: undefined, quantity },
        nextAction: CHOOSE_VARIANT,
      };
    }
  }
  const chosen = { ...selection, productId: product.id, variant: variant?.name, quantity };
  const sale = saleOf(input, campaign, chosen);
  return {
    reply: closingLine(campaign, sale),
    selection: chosen,
    nextAction: 'follow up on delivery',
    conversion: sale.conversion,
  };
}
