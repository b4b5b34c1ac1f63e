import { formatMoney, fromMinor, toMinor } from '../modules/business/money';
import { checkoutLink } from '../modules/catalog/checkoutLink';
import { priceCart, quoteItems, quoteSummary, type Quote } from '../modules/catalog/pricing';
import { StockStatus } from '../modules/catalog/product.model';
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

export const inStock = (stock: StockStatus) => stock !== StockStatus.OUT_OF_STOCK;

/** "$189.00" in the business currency. */
export function money(input: ResponderInput, amount: number): string {
  const { currency } = input.business;
  return formatMoney(toMinor(amount, currency), currency);
}

export function quoteFor(
  input: ResponderInput,
  campaign: Campaign,
  choice: Selection & { quantity: number },
): { product: CatalogItem; quote: Quote } {
  const product = productOf(campaign, choice.productId);
  const variant = product.variants.find((v) => v.name === choice.variant);
  const quote = priceCart(
    [
      {
        productId: product.id ?? 'main',
        name: product.name,
        variant: variant?.name,
        quantity: choice.quantity,
        unitPrice: variant?.price ?? product.price,
      },
    ],
    {
      currency: input.business.currency,
      offers: campaign.offers,
      shippingFee: campaign.shippingFee,
    },
    { coupon: choice.coupon },
  );
  return { product, quote };
}

export function saleOf(
  input: ResponderInput,
  campaign: Campaign,
  choice: Selection & { quantity: number },
): Sale {
  const { product, quote } = quoteFor(input, campaign, choice);
  const { currency } = quote;
  const major = (minor: number) => fromMinor(minor, currency);
  return {
    product,
    quote,
    summary: quoteSummary(quote),
    link: checkoutLink(product.checkoutUrl ?? campaign.checkoutUrl, quote),
    conversion: {
      quantity: choice.quantity,
      orderValue: major(quote.totalMinor),
      orderDetails: quoteItems(quote),
      currency,
      items: quote.lines.map((line) => ({
        ...(product.id ? { productId: product.id } : {}),
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
