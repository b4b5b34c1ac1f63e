/**
 * Money in the business's currency. Amounts are stored and shown in major units (189.5),
 * but every sum, discount and total is computed in the currency's minor units (18950), so
 * 3 x 19.99 is 5997 cents, never 59.970000000000006; one rounding, where a price enters.
 */

/** What an owner who never chose a currency sells in. */
export const DEFAULT_CURRENCY = 'USD';

const KNOWN = new Set(Intl.supportedValuesOf('currency'));

/** True for an ISO 4217 code this runtime can format ("EUR", not "eur" or "€"). */
export function isCurrency(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Z]{3}$/.test(value) && KNOWN.has(value);
}

/** The business's currency: the one it chose, else the default. */
export function currencyOf(info: { currency?: string | null } | undefined | null): string {
  return isCurrency(info?.currency) ? info.currency : DEFAULT_CURRENCY;
}

/** Digits after the decimal point of a currency (2 for EUR, 0 for JPY, 3 for KWD). */
export function minorDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2
    );
  } catch {
    return 2;
  }
}

/** A major-unit amount (as stored and typed by owners) in minor units, rounded once. */
export function toMinor(amount: number, currency: string): number {
  return Math.round(amount * 10 ** minorDigits(currency));
}

export function fromMinor(minor: number, currency: string): number {
  return minor / 10 ** minorDigits(currency);
}

/** "$1,234.50", "1.234,50 €" (with `locale`), "¥1,235": Intl's form of the currency. */
export function formatMoney(minor: number, currency: string, locale = 'en'): string {
  const amount = fromMinor(minor, currency);
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount.toFixed(minorDigits(currency))} ${currency}`;
  }
}
