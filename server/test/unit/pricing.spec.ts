import { formatMoney, minorDigits, toMinor } from '../../src/modules/business/money';
import { checkoutLink } from '../../src/modules/catalog/checkoutLink';
import { OfferKind } from '../../src/modules/catalog/offer.model';
import { offerWarnings } from '../../src/modules/catalog/offerWarnings';
import {
  priceCart,
  quoteSummary,
  type CartItem,
  type PriceList,
} from '../../src/modules/catalog/pricing';

const tote = (quantity: number, variant?: string): CartItem => ({
  productId: 'tote',
  name: 'Classic Leather Tote',
  variant,
  quantity,
  unitPrice: 189,
});
const list = (offers: PriceList['offers'], extra: Partial<PriceList> = {}): PriceList => ({
  currency: 'USD',
  offers,
  ...extra,
});
const tenOffTwo = { kind: OfferKind.QUANTITY_DISCOUNT, minQuantity: 2, percentOff: 10 };

describe('money in minor units', () => {
  test('each currency has its own digits', () => {
    expect(minorDigits('USD')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('KWD')).toBe(3);
    expect(toMinor(19.99, 'USD')).toBe(1999);
    expect(toMinor(1500, 'JPY')).toBe(1500);
    expect(formatMoney(34020, 'USD')).toBe('$340.20');
    expect(formatMoney(1500, 'JPY')).toBe('¥1,500');
  });

  test('3 x 19.99 is 59.97 exactly', () => {
    const quote = priceCart([{ ...tote(3), unitPrice: 19.99 }], list([]));
    expect(quote.totalMinor).toBe(5997);
  });
});

describe('offers that add up', () => {
  test('"2 or more: 10% off" takes 37.80 off two totes: 340.20', () => {
    const quote = priceCart([tote(2, 'Cognac')], list([tenOffTwo]));
    expect(quote.subtotalMinor).toBe(37800);
    expect(quote.discountMinor).toBe(3780);
    expect(quote.totalMinor).toBe(34020);
    expect(quote.lines[0]!.offer).toBe('10% off 2 or more');
    expect(quoteSummary(quote)).toBe(
      '2 × Classic Leather Tote (Cognac): $378.00; 10% off 2 or more: −$37.80. Total: $340.20.',
    );
  });

  test('below the minimum quantity nothing is taken off', () => {
    expect(priceCart([tote(1)], list([tenOffTwo])).totalMinor).toBe(18900);
  });

  test('a percentage rounds half up once, in minor units', () => {
    // 3 x 0.35 = 1.05; 12.5% of 105 cents is 13.125 -> 13.
    const quote = priceCart(
      [{ ...tote(3), unitPrice: 0.35 }],
      list([{ kind: OfferKind.QUANTITY_DISCOUNT, minQuantity: 3, percentOff: 12.5 }]),
    );
    expect(quote.discountMinor).toBe(13);
    expect(quote.totalMinor).toBe(92);
  });

  test('a bundle price prices whole bundles, the rest at the unit price', () => {
    const bundle = { kind: OfferKind.BUNDLE_PRICE, minQuantity: 2, bundlePrice: 350 };
    expect(priceCart([tote(2)], list([bundle])).totalMinor).toBe(35000);
    expect(priceCart([tote(3)], list([bundle])).totalMinor).toBe(35000 + 18900);
  });

  test('line offers never stack: the better one wins', () => {
    const bundle = { kind: OfferKind.BUNDLE_PRICE, minQuantity: 2, bundlePrice: 350 };
    const quote = priceCart([tote(2)], list([tenOffTwo, bundle]));
    expect(quote.totalMinor).toBe(34020);
  });

  test('an offer for another product does not apply', () => {
    const quote = priceCart([tote(2)], list([{ ...tenOffTwo, productId: 'wallet' }]));
    expect(quote.totalMinor).toBe(37800);
  });

  test('a coupon applies after line offers, by code whatever its case, never below zero', () => {
    const coupons = [
      { kind: OfferKind.COUPON, code: 'WELCOME5', percentOff: 5 },
      { kind: OfferKind.COUPON, code: 'BIG', amountOff: 1000 },
    ];
    const quote = priceCart([tote(2)], list([tenOffTwo, ...coupons]), { coupon: 'welcome5' });
    // 340.20 - 5% (17.01) = 323.19
    expect(quote.coupon).toEqual({
      code: 'WELCOME5',
      discountMinor: 1701,
      offer: 'code WELCOME5: 5% off',
    });
    expect(quote.totalMinor).toBe(32319);
    expect(priceCart([tote(1)], list(coupons), { coupon: 'BIG' }).totalMinor).toBe(0);
    expect(priceCart([tote(1)], list(coupons), { coupon: 'NOPE' }).totalMinor).toBe(18900);
  });

  test('shipping is charged below the free-shipping amount, free from it', () => {
    const rules = [{ kind: OfferKind.FREE_SHIPPING, minTotal: 200 }];
    const one = priceCart([tote(1)], list(rules, { shippingFee: 9.5 }));
    expect(one.shippingMinor).toBe(950);
    expect(one.totalMinor).toBe(18900 + 950);
    const two = priceCart([tote(2)], list(rules, { shippingFee: 9.5 }));
    expect(two.shippingMinor).toBe(0);
    expect(two.totalMinor).toBe(37800);
    expect(quoteSummary(two)).toContain('shipping free');
  });

  test('a currency without minor units stays whole', () => {
    const quote = priceCart([{ ...tote(3), unitPrice: 1999 }], {
      currency: 'JPY',
      offers: [{ ...tenOffTwo }],
    });
    // 5997 yen - 10% (599.7 -> 600)
    expect(quote.totalMinor).toBe(5397);
  });
});

describe('checkout link', () => {
  const quote = priceCart([tote(2, 'Cognac')], list([tenOffTwo]));

  test('placeholders are filled and encoded', () => {
    expect(
      checkoutLink(
        'https://leatherloft.shop/checkout?item={product}&colour={variant}&qty={quantity}&total={total}',
        quote,
      ),
    ).toBe(
      'https://leatherloft.shop/checkout?item=Classic%20Leather%20Tote&colour=Cognac&qty=2&total=340.20',
    );
  });

  test('anything but an http(s) URL gives no link', () => {
    expect(checkoutLink('javascript:alert(1)', quote)).toBeUndefined();
    expect(checkoutLink('{product}', quote)).toBeUndefined();
    expect(checkoutLink(undefined, quote)).toBeUndefined();
  });
});

describe('offer warnings', () => {
  const texts = {
    closingMessage: 'We will send you a secure checkout link.',
    objectionHandling: [
      {
        objection: 'Too expensive',
        response: 'If you take 2 you get 10% off both, and free shipping.',
      },
    ],
  };

  test('a promise no rule grants is named with where it is written', () => {
    expect(offerWarnings(texts, [], false)).toEqual([
      'The closing message promises a link, but neither the campaign nor its products has a checkout link.',
      'The answer to "Too expensive" promises 10% off, but no offer gives 10%: add the offer or change the text.',
      'The answer to "Too expensive" promises free shipping, but no offer gives it.',
    ]);
  });

  test('rules that grant the promises leave nothing to warn about', () => {
    const offers = [tenOffTwo, { kind: OfferKind.FREE_SHIPPING, minTotal: 0 }];
    expect(offerWarnings(texts, offers, true)).toEqual([]);
  });
});
