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
