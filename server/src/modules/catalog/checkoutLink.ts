import { badInput } from '../../errors';
import { fromMinor, minorDigits } from '../business/money';
import type { Quote } from './pricing';

const PLACEHOLDER = /\{\s*(product|variant|quantity|total|currency)\s*\}/gi;

/**
 * The owner's checkout or payment link with the order filled in: `{product}`, `{variant}`,
 * `{quantity}` and `{total}` (major units) of the main line, `{currency}`; each value
 * URL-encoded. Undefined when the result is not an http(s) URL.
 */
export function checkoutLink(template: string | undefined, quote: Quote): string | undefined {
  if (!template?.trim()) return undefined;
  const line = quote.lines[0];
  const values: Record<string, string> = {
    product: line?.name ?? '',
    variant: line?.variant ?? '',
    quantity: String(line?.quantity ?? ''),
    total: fromMinor(quote.totalMinor, quote.currency).toFixed(minorDigits(quote.currency)),
    currency: quote.currency,
  };
  const filled = template
    .trim()
    .replace(PLACEHOLDER, (_, key: string) => encodeURIComponent(values[key.toLowerCase()] ?? ''));
  try {
    const url = new URL(filled);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** BAD_USER_INPUT unless the owner's template makes an http(s) link once filled in. */
export function checkCheckoutTemplate(template: string | null | undefined): void {
  if (!template) return;
  const empty: Quote = {
    currency: 'USD',
    lines: [],
    subtotalMinor: 0,
    discountMinor: 0,
    totalMinor: 0,
  };
  if (!checkoutLink(template, empty)) {
    throw badInput('The checkout link must be an http(s) URL once filled in.', {
      fields: [{ path: 'checkoutUrl', messages: ['checkoutUrl must be an http(s) URL'] }],
    });
  }
}
