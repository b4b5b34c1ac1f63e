import { CombinedGraphQLErrors } from '@apollo/client';

export interface BusinessForm {
  businessName: string;
  ownerName: string;
  industry: string;
  description: string;
  phone: string;
  website: string;
}

export interface DocumentForm {
  /** Client-side key for the list */
  key: string;
  name: string;
  url: string;
  text: string;
}

export type Errors = Record<string, string>;

export const EMPTY_BUSINESS: BusinessForm = {
  businessName: '',
  ownerName: '',
  industry: '',
  description: '',
  phone: '',
  website: '',
};

/** The form's values from a saved profile (unset fields come back as null). */
export function businessFormOf(info: { [K in keyof BusinessForm]?: string | null }): BusinessForm {
  return {
    businessName: info.businessName ?? '',
    ownerName: info.ownerName ?? '',
    industry: info.industry ?? '',
    description: info.description ?? '',
    phone: info.phone ?? '',
    website: info.website ?? '',
  };
}

// The same limits the server checks (server/src/modules/business/business.types.ts), so
// people learn about a problem before they press the button.
const HTTP_URL = /^https?:\/\/[^\s/$.?#][^\s]*\.[^\s]+$/i;
const PHONE = /^\+?[0-9 ()./-]{5,30}$/;
export const DOCUMENT_TEXT_LIMIT = 200 * 1024;
export const MAX_DOCUMENTS = 20;

export function isHttpUrl(value: string): boolean {
  return HTTP_URL.test(value.trim());
}

export function validateBusiness(form: BusinessForm): Errors {
  const errors: Errors = {};
  const name = form.businessName.trim();
  if (!name) errors.businessName = 'Tell us the name of your business.';
  else if (name.length > 120) errors.businessName = 'Keep the name under 120 characters.';
  if (form.ownerName.trim().length > 120) errors.ownerName = 'Keep it under 120 characters.';
  if (form.industry.trim().length > 80) errors.industry = 'Keep it under 80 characters.';
  if (form.description.length > 10_000)
    errors.description = 'Keep the description under 10,000 characters.';
  if (form.website.trim() && !isHttpUrl(form.website))
    errors.website = 'Enter a full address starting with https://';
  if (form.phone.trim() && !PHONE.test(form.phone.trim()))
    errors.phone = 'Enter a phone number, e.g. +1 555 010 0200';
  return errors;
}

export function validateDocuments(documents: DocumentForm[]): Errors {
  const errors: Errors = {};
  if (documents.length > MAX_DOCUMENTS) errors.documents = `At most ${MAX_DOCUMENTS} documents.`;
  documents.forEach((doc, i) => {
    const name = doc.name.trim();
    if (!name) errors[`documents.${i}.name`] = 'Give the document a title.';
    else if (name.length > 200)
      errors[`documents.${i}.name`] = 'Keep the title under 200 characters.';
    if (!isHttpUrl(doc.url))
      errors[`documents.${i}.url`] = 'Enter where it lives, starting with https://';
    if (new Blob([doc.text]).size > DOCUMENT_TEXT_LIMIT)
      errors[`documents.${i}.text`] = 'The text is over 200 KB: split it into two documents.';
  });
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
  };
}

export function documentsInput(documents: DocumentForm[]) {
  return documents.map((d) => ({
    name: d.name.trim(),
    url: d.url.trim(),
    text: d.text.trim() ? d.text : undefined,
  }));
}

/**
 * The per-field problems of a BAD_USER_INPUT answer (`extensions.fields`, see
 * server/src/graphql/formatError.ts), keyed by their dotted path.
 */
export function serverErrors(error: unknown): Errors {
  const errors: Errors = {};
  if (!CombinedGraphQLErrors.is(error)) return errors;
  for (const problem of error.errors) {
    const fields: unknown = problem.extensions?.fields;
    if (!Array.isArray(fields)) continue;
    for (const field of fields as { path?: unknown; messages?: unknown }[]) {
      if (typeof field.path !== 'string' || !Array.isArray(field.messages)) continue;
      const path = field.path.replace(/^input\./, '');
      errors[path] ??= String(field.messages[0] ?? 'Check this field.');
    }
  }
  return errors;
}
