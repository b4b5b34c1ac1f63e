import type { FieldMessages } from '../../lib/fieldErrors';
import { isWebAddress } from '../../components/business/businessForm';

/** One document of the onboarding's second step, as its form holds it. */
export interface DocumentForm {
  /** Client-side key for the list */
  key: string;
  name: string;
  url: string;
  text: string;
}

// The server's limits (server/src/modules/business/business.types.ts).
export const DOCUMENT_TEXT_LIMIT = 200 * 1024;
export const MAX_DOCUMENTS = 20;

export function validateDocuments(documents: DocumentForm[]): FieldMessages {
  const errors: FieldMessages = {};
  if (documents.length > MAX_DOCUMENTS) errors.documents = `At most ${MAX_DOCUMENTS} documents.`;
  documents.forEach((doc, i) => {
    const name = doc.name.trim();
    if (!name) errors[`documents.${i}.name`] = 'Give the document a title.';
    else if (name.length > 200)
      errors[`documents.${i}.name`] = 'Keep the title under 200 characters.';
    if (!doc.url.trim() && !doc.text.trim())
      errors[`documents.${i}.url`] = 'Give a link to it, or paste its text below.';
    else if (doc.url.trim() && !isWebAddress(doc.url))
      errors[`documents.${i}.url`] = 'Enter a web address, such as leatherloft.shop/prices';
    if (new Blob([doc.text]).size > DOCUMENT_TEXT_LIMIT)
      errors[`documents.${i}.text`] = 'The text is over 200 KB: split it into two documents.';
  });
  return errors;
}

export function documentsInput(documents: DocumentForm[]) {
  return documents.map((d) => ({
    name: d.name.trim(),
    url: d.url.trim() || undefined,
    text: d.text.trim() ? d.text : undefined,
  }));
}
