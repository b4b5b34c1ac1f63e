// The business's currency and time zone, as the owner chose them: every amount and every
// business day on every page is shown in them. Set once the signed-in user is known.

const EURO_REGIONS = new Set(
  'AT BE CY DE EE ES FI FR GR HR IE IT LT LU LV MT NL PT SI SK'.split(' '),
);
const REGION_CURRENCY: Record<string, string> = {
  US: 'USD',
  GB: 'GBP',
  CA: 'CAD',
  AU: 'AUD',
  NZ: 'NZD',
  JP: 'JPY',
  CN: 'CNY',
  IN: 'INR',
  BR: 'BRL',
  MX: 'MXN',
  CH: 'CHF',
  SE: 'SEK',
  NO: 'NOK',
  DK: 'DKK',
  PL: 'PLN',
  CZ: 'CZK',
  HU: 'HUF',
  RO: 'RON',
  TR: 'TRY',
  ZA: 'ZAR',
  NG: 'NGN',
  KE: 'KES',
  EG: 'EGP',
  AE: 'AED',
  SA: 'SAR',
  IL: 'ILS',
  SG: 'SGD',
  HK: 'HKD',
  KR: 'KRW',
  ID: 'IDR',
  MY: 'MYR',
  PH: 'PHP',
  TH: 'THB',
  VN: 'VND',
  AR: 'ARS',
  CL: 'CLP',
  CO: 'COP',
  PE: 'PEN',
  PK: 'PKR',
  BD: 'BDT',
};

export const DEFAULT_CURRENCY = 'USD';

/** This browser's time zone: onboarding's default. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The currency of this browser's region (en-GB -> GBP, pt-PT -> EUR): onboarding's default. */
export function browserCurrency(languages: readonly string[] = navigator.languages ?? []): string {
  for (const language of languages) {
    let region: string | undefined;
    try {
      region = new Intl.Locale(language).maximize().region;
    } catch {
      continue;
    }
    if (!region) continue;
    if (EURO_REGIONS.has(region)) return 'EUR';
    const code = REGION_CURRENCY[region];
    if (code) return code;
  }
  return DEFAULT_CURRENCY;
}

/** Every currency and zone this browser knows, for the pickers. */
export const currencyCodes = (): string[] => Intl.supportedValuesOf('currency');
export const timeZones = (): string[] => [
  ...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')]),
];

const currencyNames = (() => {
  try {
    return new Intl.DisplayNames(undefined, { type: 'currency' });
  } catch {
    return null;
  }
})();

/** "EUR · Euro" */
export function currencyLabel(code: string): string {
  const name = currencyNames?.of(code);
  return name && name !== code ? `${code} · ${name}` : code;
}

let current = { currency: DEFAULT_CURRENCY, timeZone: 'UTC' };

export function setBusinessLocale(info: { currency?: string | null; timezone?: string | null }) {
  current = {
    currency: info.currency || DEFAULT_CURRENCY,
    timeZone: info.timezone || 'UTC',
  };
}

export const businessCurrency = (): string => current.currency;
export const businessTimeZone = (): string => current.timeZone;
