import { formatMoney, toMinor } from '../business/money';
import { OfferKind } from './offer.model';

/**
 * The one place a total is computed: from the catalog's prices and the campaign's offers, in
 * the currency's minor units. Replies quote what this returns and sales record it, so a
 * price the customer reads is always the price recorded. Pure: no database, no model.
 */

export interface OfferRule {
  kind: OfferKind;
  /** Undefined: every product. */
  productId?: string;
  minQuantity?: number;
  percentOff?: number;
  amountOff?: number;
  bundlePrice?: number;
  code?: string;
  minTotal?: number;
}

export interface PriceList {
  currency: string;
  offers: readonly OfferRule[];
  /** Charged unless a free-shipping offer applies; none: shipping is not priced. */
  shippingFee?: number;
}

export interface CartItem {
  productId: string;
  name: string;
  variant?: string;
  quantity: number;
  /** Major units, as the catalog stores it. */
  unitPrice: number;
}

export interface QuoteLine extends CartItem {
  unitMinor: number;
  grossMinor: number;
  discountMinor: number;
  netMinor: number;
  /** The offer that gave the discount, in words. */
  offer?: string;
}

export interface Quote {
  currency: string;
  lines: QuoteLine[];
  /** Before any discount. */
  subtotalMinor: number;
  /** Line offers and the coupon together. */
  discountMinor: number;
  coupon?: { code: string; discountMinor: number; offer: string };
  /** Undefined when the campaign does not price shipping. */
  shippingMinor?: number;
  freeShipping?: string;
  totalMinor: number;
}

const percentOf = (minor: number, percent: number) => Math.round((minor * percent) / 100);

const applies = (rule: OfferRule, productId: string) =>
  !rule.productId || rule.productId === productId;

/** An offer as the customer reads it: "10% off 2 or more", "3 for $300.00". */
export function describeOffer(rule: OfferRule, currency: string): string {
  const money = (amount = 0) => formatMoney(toMinor(amount, currency), currency);
  switch (rule.kind) {
    case OfferKind.QUANTITY_DISCOUNT:
      return `${rule.percentOff ?? 0}% off ${rule.minQuantity ?? 1} or more`;
    case OfferKind.BUNDLE_PRICE:
      return `${rule.minQuantity ?? 1} for ${money(rule.bundlePrice)}`;
    case OfferKind.COUPON:
      return `code ${rule.code ?? ''}: ${
        rule.percentOff ? `${rule.percentOff}% off` : `${money(rule.amountOff)} off`
      }`;
    case OfferKind.FREE_SHIPPING:
      return `free shipping from ${money(rule.minTotal)}`;
  }
}

/** The best line offer (quantity discount or bundle price) for one line; they never stack. */
function priceLine(item: CartItem, list: PriceList): QuoteLine {
  const unitMinor = toMinor(item.unitPrice, list.currency);
  const grossMinor = unitMinor * item.quantity;
  let best: { discountMinor: number; offer?: string } = { discountMinor: 0 };
  for (const rule of list.offers) {
    if (!applies(rule, item.productId)) continue;
    const min = rule.minQuantity ?? 1;
    if (item.quantity < min) continue;
    let discountMinor: number;
    if (rule.kind === OfferKind.QUANTITY_DISCOUNT && rule.percentOff) {
      discountMinor = percentOf(grossMinor, rule.percentOff);
    } else if (rule.kind === OfferKind.BUNDLE_PRICE && rule.bundlePrice !== undefined) {
      const bundles = Math.floor(item.quantity / min);
      const rest = item.quantity - bundles * min;
      const bundled = bundles * toMinor(rule.bundlePrice, list.currency) + rest * unitMinor;
      discountMinor = Math.max(0, grossMinor - bundled);
    } else {
      continue;
    }
    if (discountMinor > best.discountMinor) {
      best = { discountMinor, offer: describeOffer(rule, list.currency) };
    }
  }
  const discountMinor = Math.min(best.discountMinor, grossMinor);
  return {
    ...item,
    unitMinor,
    grossMinor,
    discountMinor,
    netMinor: grossMinor - discountMinor,
    ...(best.offer && discountMinor > 0 ? { offer: best.offer } : {}),
  };
}

/** The coupon rule a code names, whatever its case. */
export function couponFor(list: PriceList, code: string | undefined): OfferRule | undefined {
  if (!code) return undefined;
  const wanted = code.trim().toLowerCase();
  return list.offers.find(
    (rule) => rule.kind === OfferKind.COUPON && rule.code?.trim().toLowerCase() === wanted,
  );
}

export function priceCart(
  items: readonly CartItem[],
  list: PriceList,
  options: { coupon?: string } = {},
): Quote {
  const lines = items.filter((item) => item.quantity > 0).map((item) => priceLine(item, list));
  const subtotalMinor = lines.reduce((sum, line) => sum + line.grossMinor, 0);
  const afterLines = lines.reduce((sum, line) => sum + line.netMinor, 0);

  let coupon: Quote['coupon'];
  const rule = couponFor(list, options.coupon);
  if (rule && (rule.minQuantity ?? 1) <= lines.reduce((n, line) => n + line.quantity, 0)) {
    const discountMinor = Math.min(
      afterLines,
      rule.percentOff
        ? percentOf(afterLines, rule.percentOff)
        : toMinor(rule.amountOff ?? 0, list.currency),
    );
    if (discountMinor > 0) {
      coupon = {
        code: rule.code!.trim(),
        discountMinor,
        offer: describeOffer(rule, list.currency),
      };
    }
  }
  const goods = afterLines - (coupon?.discountMinor ?? 0);

  let shippingMinor: number | undefined;
  let freeShipping: string | undefined;
  if (list.shippingFee !== undefined && lines.length > 0) {
    const free = list.offers.find(
      (offer) =>
        offer.kind === OfferKind.FREE_SHIPPING &&
        goods >= toMinor(offer.minTotal ?? 0, list.currency),
    );
    shippingMinor = free ? 0 : toMinor(list.shippingFee, list.currency);
    if (free) freeShipping = describeOffer(free, list.currency);
  }

  return {
    currency: list.currency,
    lines,
    subtotalMinor,
    discountMinor: subtotalMinor - goods,
    ...(coupon ? { coupon } : {}),
    ...(shippingMinor !== undefined ? { shippingMinor } : {}),
    ...(freeShipping ? { freeShipping } : {}),
    totalMinor: goods + (shippingMinor ?? 0),
  };
}

/** "2 × Classic Leather Tote (Cognac)" per line, joined. */
export function quoteItems(quote: Quote): string {
  return quote.lines
    .map((line) => `${line.quantity} × ${line.name}${line.variant ? ` (${line.variant})` : ''}`)
    .join(', ');
}

/**
 * The order as the customer reads it: items, each discount with the offer behind it,
 * shipping, and the total; every figure from the quote.
 */
export function quoteSummary(quote: Quote): string {
  const money = (minor: number) => formatMoney(minor, quote.currency);
  const parts = [`${quoteItems(quote)}: ${money(quote.subtotalMinor)}`];
  for (const line of quote.lines) {
    if (line.discountMinor > 0) parts.push(`${line.offer}: −${money(line.discountMinor)}`);
  }
  if (quote.coupon) parts.push(`${quote.coupon.offer}: −${money(quote.coupon.discountMinor)}`);
  if (quote.shippingMinor !== undefined) {
    parts.push(
      quote.shippingMinor === 0 ? 'shipping free' : `shipping ${money(quote.shippingMinor)}`,
    );
  }
  return `${parts.join('; ')}. Total: ${money(quote.totalMinor)}.`;
}
