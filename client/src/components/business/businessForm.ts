import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { browserCurrency, browserTimeZone } from '../../lib/businessLocale';
import type { FieldMessages } from '../../lib/fieldErrors';

/** What the form shows of a saved profile: every page that edits it asks for this. */
export const BusinessFormBusinessInfo = graphql(`
  fragment BusinessForm_businessInfo on BusinessInfo {
    businessName
    ownerName
    industry
    description
    phone
    website
    currency
    timezone
    aiDisclosure
  }
`);

/** The business profile as its form holds it: onboarding's first step and the settings page. */
export interface BusinessForm {
  businessName: string;
  ownerName: string;
  industry: string;
  description: string;
  phone: string;
  website: string;
  /** ISO 4217 */
  currency: string;
  /** IANA */
  timezone: string;
  /** The AI's first reply says it is an assistant. */
  aiDisclosure: boolean;
}

/** A new profile: the currency and time zone of this browser, until the owner picks. */
export const EMPTY_BUSINESS: BusinessForm = {
  businessName: '',
  ownerName: '',
  industry: '',
  description: '',
  phone: '',
  website: '',
  currency: browserCurrency(),
  timezone: browserTimeZone(),
  aiDisclosure: true,
};

/** The form's values from a saved profile (unset fields come back as null). */
export function businessFormOf(saved: FragmentType<typeof BusinessFormBusinessInfo>): BusinessForm {
  const info = getFragmentData(BusinessFormBusinessInfo, saved);
  return {
    businessName: info.businessName ?? '',
    ownerName: info.ownerName ?? '',
    industry: info.industry ?? '',
    description: info.description ?? '',
    phone: info.phone ?? '',
    website: info.website ?? '',
    currency: info.currency ?? EMPTY_BUSINESS.currency,
    timezone: info.timezone ?? EMPTY_BUSINESS.timezone,
    aiDisclosure: info.aiDisclosure !== false,
  };
}

// The same limits the server checks (server/src/modules/business/business.types.ts), so
// people learn about a problem before they press the button.
const HTTP_URL = /^https?:\/\/[^\s/$.?#][^\s]*\.[^\s]+$/i;
const PHONE = /^\+?[0-9 ()./-]{5,30}$/;

/** A web address as owners type it: with or without https:// (the server adds it). */
export function isWebAddress(value: string): boolean {
  const trimmed = value.trim();
  return HTTP_URL.test(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
}

export function validateBusiness(form: BusinessForm): FieldMessages {
  const errors: FieldMessages = {};
  const name = form.businessName.trim();
  if (!name) errors.businessName = 'Tell us the name of your business.';
  else if (name.length > 120) errors.businessName = 'Keep the name under 120 characters.';
  if (form.ownerName.trim().length > 120) errors.ownerName = 'Keep it under 120 characters.';
  if (form.industry.trim().length > 80) errors.industry = 'Keep it under 80 characters.';
  if (form.description.length > 10_000)
    errors.description = 'Keep the description under 10,000 characters.';
  if (form.website.trim() && !isWebAddress(form.website))
    errors.website = 'Enter a web address, such as leatherloft.shop';
  if (form.phone.trim() && !PHONE.test(form.phone.trim()))
    errors.phone = 'Enter a phone number, e.g. +1 555 010 0200';
  return errors;
}

/** The trimmed input the API takes; empty optional fields are left out. */
export function businessInput(form: BusinessForm) {
  const optional = (v: string) => (v.trim() ? v.trim() : undefined);
  return {
    businessName: form.businessName.trim(),
    ownerName: optional(form.ownerName),
    industry: optional(form.industry),
    description: optional(form.description),
    phone: optional(form.phone),
    website: optional(form.website),
    currency: form.currency,
    timezone: form.timezone,
    aiDisclosure: form.aiDisclosure,
  };
}
