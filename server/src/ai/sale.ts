import { formatMoney, fromMinor, toMinor } from '../modules/business/money';
import { checkoutLink } from '../modules/catalog/checkoutLink';
import { priceCart, quoteItems, quoteSummary, type Quote } from '../modules/catalog/pricing';
import { inStock } from '../modules/catalog/product.model';
import type { CatalogItem, ResponderInput, ResponderOutput, Selection } from './responder';

/**
 * A sale as both responders record it: the chosen product, variant and quantity priced by
 * the catalog's rules (modules/catalog/pricing.ts). The playbook quotes these figures and
 * the Groq path replaces whatever the model wrote with them.
 */

type Campaign = NonNullable<ResponderInput['campaign']>;

export interface Sale {
  product: CatalogItem;
  quote: Quote;
  conversion: NonNullable<ResponderOutput['conversion']>;
  /** The order with its discounts and total, as the customer reads it. */
  summary: string;
  /** The checkout link with the order filled in, when the product or campaign has one. */
  link?: string;
}

export function productOf(campaign: Campaign, id: string | undefined): CatalogItem {
  return campaign.products.find((product) => id && product.id === id) ?? campaign.product;
}

export { inStock };

/** "$189.00" in the business currency. */
export function money(input: ResponderInput, amount: number): string {
  const { currency } = input.business;
  return formatMoney(toMinor(amount, currency), currency);
}

/** One chosen line: a product (default the main one), its variant and quantity. */
export type Choice = Selection & { quantity: number };

export function quoteFor(
  input: ResponderInput,
  campaign: Campaign,
  choice: Choice | Choice[],
  coupon = Array.isArray(choice) ? undefined : choice.coupon,
): { product: CatalogItem; quote: Quote } {
  const choices = Array.isArray(choice) ? choice : [choice];
  const lines = choices.map((one) => {
    const product = productOf(campaign, one.productId);
    const variant = product.variants.find((v) => v.name === one.variant);
    return {
      product,
      line: {
        productId: product.id ?? 'main',
        name: product.name,
        variant: variant?.name,
        quantity: one.quantity,
        unitPrice: variant?.price ?? product.price,
      },
    };
  });
  const quote = priceCart(
    lines.map((entry) => entry.line),
    {
      currency: input.business.currency,
      offers: campaign.offers,
      shippingFee: campaign.shippingFee,
    },
    { coupon },
  );
  return { product: lines[0]?.product ?? campaign.product, quote };
}

export function saleOf(
  input: ResponderInput,
  campaign: Campaign,
  choice: Choice | Choice[],
  coupon?: string,
): Sale {
  const { product, quote } = quoteFor(input, campaign, choice, coupon);
  const productIdOf = (line: Quote['lines'][number]) =>
    line.productId === 'main' ? undefined : line.productId;
  const { currency } = quote;
  const major = (minor: number) => fromMinor(minor, currency);
  return {
    product,
    quote,
    summary: quoteSummary(quote),
    link: checkoutLink(product.checkoutUrl ?? campaign.checkoutUrl, quote),
    conversion: {
      quantity: quote.lines.reduce((sum, line) => sum + line.quantity, 0),
      orderValue: major(quote.totalMinor),
      orderDetails: quoteItems(quote),
      currency,
      items: quote.lines.map((line) => ({
        ...(productIdOf(line) ? { productId: productIdOf(line) } : {}),
        name: line.name,
        ...(line.variant ? { variant: line.variant } : {}),
        quantity: line.quantity,
        unitPrice: major(line.unitMinor),
        discount: major(line.discountMinor),
      })),
      ...(quote.discountMinor > 0 ? { discount: major(quote.discountMinor) } : {}),
      ...(quote.shippingMinor !== undefined ? { shipping: major(quote.shippingMinor) } : {}),
      ...(quote.coupon ? { coupon: quote.coupon.code } : {}),
    },
  };
}
