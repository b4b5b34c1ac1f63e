import type { Types } from 'mongoose';
import { badInput } from '../../errors';
import type { OfferData } from './catalog.service';
import { OfferKind, type Offer } from './offer.model';
import type { OfferRule } from './pricing';

export const MAX_OFFERS = 20;

type Problem = { path: string; messages: string[] };

const twoDecimals = (value: number) => Number(value.toFixed(2)) === value;

/**
 * A campaign's offers as the server will price them, or BAD_USER_INPUT naming each field
 * that does not make a rule (`offers.1.percentOff`): nothing is stored half-checked.
 */
export function checkOffers(
  offers: readonly OfferData[],
  productIds: readonly Types.ObjectId[],
): Offer[] {
  const problems: Problem[] = [];
  const fail = (index: number, field: string, message: string) =>
    problems.push({ path: `offers.${index}.${field}`, messages: [message] });
  const money = (index: number, field: string, value: number | null | undefined) => {
    if (value === null || value === undefined) return fail(index, field, `${field} is required`);
    if (!Number.isFinite(value) || value < 0 || !twoDecimals(value)) {
      fail(index, field, `${field} must be at least 0 with at most 2 decimal places`);
    }
  };
  const quantity = (index: number, value: number | null | undefined, min: number) => {
    if (!Number.isInteger(value) || (value as number) < min || (value as number) > 1000) {
      fail(index, 'minQuantity', `minQuantity must be a whole number from ${min} to 1000`);
    }
  };
  const percent = (index: number, value: number | null | undefined) => {
    if (typeof value !== 'number' || !(value > 0 && value <= 100) || !twoDecimals(value)) {
      fail(index, 'percentOff', 'percentOff must be more than 0 and at most 100');
    }
  };
  if (offers.length > MAX_OFFERS) {
    throw badInput(`A campaign has at most ${MAX_OFFERS} offers.`, {
      fields: [{ path: 'offers', messages: [`at most ${MAX_OFFERS} offers`] }],
    });
  }
  const codes = new Set<string>();
  const checked = offers.map((offer, index): Offer => {
    if (offer.productId && !productIds.some((id) => id.equals(offer.productId!))) {
      fail(index, 'productId', 'productId must be one of the campaign products');
    }
    const base = { kind: offer.kind, ...(offer.productId ? { productId: offer.productId } : {}) };
    switch (offer.kind) {
      case OfferKind.QUANTITY_DISCOUNT:
        quantity(index, offer.minQuantity, 2);
        percent(index, offer.percentOff);
        return { ...base, minQuantity: offer.minQuantity!, percentOff: offer.percentOff! };
      case OfferKind.BUNDLE_PRICE:
        quantity(index, offer.minQuantity, 2);
        money(index, 'bundlePrice', offer.bundlePrice);
        return { ...base, minQuantity: offer.minQuantity!, bundlePrice: offer.bundlePrice! };
      case OfferKind.COUPON: {
        const code = offer.code?.trim() ?? '';
        if (!/^[A-Za-z0-9_-]{2,40}$/.test(code)) {
          fail(index, 'code', 'code must be 2 to 40 letters, digits, - or _');
        } else if (codes.has(code.toLowerCase())) {
          fail(index, 'code', `the code ${code} is used twice`);
        }
        codes.add(code.toLowerCase());
        const hasPercent = offer.percentOff !== null && offer.percentOff !== undefined;
        const hasAmount = offer.amountOff !== null && offer.amountOff !== undefined;
        if (hasPercent === hasAmount) {
          fail(index, 'percentOff', 'a coupon takes either percentOff or amountOff');
        } else if (hasPercent) {
          percent(index, offer.percentOff);
        } else {
          money(index, 'amountOff', offer.amountOff);
        }
        return {
          ...base,
          code,
          ...(hasPercent ? { percentOff: offer.percentOff! } : { amountOff: offer.amountOff! }),
          ...(offer.minQuantity ? { minQuantity: offer.minQuantity } : {}),
        };
      }
      case OfferKind.FREE_SHIPPING:
        money(index, 'minTotal', offer.minTotal);
        return { ...base, minTotal: offer.minTotal! };
    }
  });
  if (problems.length > 0) {
    throw badInput('Some offers cannot be priced: see each field.', { fields: problems });
  }
  return checked;
}

/** Stored offers as the pricing reads them. */
export function offerRules(offers: readonly Offer[] | undefined): OfferRule[] {
  return (offers ?? []).map((offer) => ({
    kind: offer.kind,
    ...(offer.productId ? { productId: String(offer.productId) } : {}),
    ...(offer.minQuantity !== undefined ? { minQuantity: offer.minQuantity } : {}),
    ...(offer.percentOff !== undefined ? { percentOff: offer.percentOff } : {}),
    ...(offer.amountOff !== undefined ? { amountOff: offer.amountOff } : {}),
    ...(offer.bundlePrice !== undefined ? { bundlePrice: offer.bundlePrice } : {}),
    ...(offer.code !== undefined ? { code: offer.code } : {}),
    ...(offer.minTotal !== undefined ? { minTotal: offer.minTotal } : {}),
  }));
}
