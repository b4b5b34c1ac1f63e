import { meaningOf as relatedMeaning, tokenize } from '../modules/knowledge/passages';

/**
 * Small text helpers shared by the playbook's intent detection and knowledge answers. They
 * reuse the knowledge base's tokenizer so "Prices" in a question meets "price" in a passage
 * exactly as the passage ranking saw them.
 */

export { tokenize };

/**
 * Lower case, accents and apostrophes out ("I'll" -> "ill", "don't" -> "dont"), every other
 * punctuation mark a space: the form the intent patterns are written against.
 */
export function normalize(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['\u2019`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export interface Sentence {
  text: string;
  /** The heading the sentence sits under ("Shipping"): context for relevance, never quoted. */
  heading?: string;
}

/** Sentences of a passage; line breaks end a sentence too, and headings are context only. */
export function sentences(passage: string): Sentence[] {
  const found: Sentence[] = [];
  let heading: string | undefined;
  for (const line of passage.split(/\n+/)) {
    if (/^\s*#/.test(line)) {
      heading = line.replace(/^\s*#+\s*/, '').trim();
      continue;
    }
    for (const sentence of line.split(/(?<=[.!?])\s+/)) {
      const text = sentence.trim();
      if (/[\p{L}\p{N}]/u.test(text)) found.push({ text, heading });
    }
  }
  return found;
}

/**
 * A rough word root, so "deliver" meets "delivery" and "ship" meets "shipping": the knowledge
 * tokenizer only folds plurals, which is right for ranking passages but too strict for picking
 * the one sentence that answers.
 */
export function wordRoot(word: string): string {
  let root = word;
  for (const suffix of ['ments', 'ment', 'ings', 'ing', 'ery', 'ies', 'ed', 'es', 's', 'y']) {
    if (root.endsWith(suffix) && root.length - suffix.length >= 3) {
      root = root.slice(0, -suffix.length);
      break;
    }
  }
  // "shipp" (from "shipping") -> "ship".
  return /([b-df-hj-np-tv-z])\1$/.test(root) ? root.slice(0, -1) : root;
}

/** A word's group of related words (knowledge/passages.ts), else its root. */
const meaningOf = (word: string): string => {
  const meaning = relatedMeaning(word);
  return meaning === word ? wordRoot(word) : meaning;
};

/** How many distinct significant words (by root and meaning) two texts share. */
export function sharedWords(a: string, b: string): number {
  const roots = new Set(tokenize(a).map(meaningOf));
  return new Set(
    tokenize(b)
      .map(meaningOf)
      .filter((root) => roots.has(root)),
  ).size;
}

/** Joins reply parts into one chat message, skipping the empty ones. */
export function joinReply(...parts: (string | undefined | false)[]): string {
  return parts
    .filter((part): part is string => typeof part === 'string' && part.trim() !== '')
    .map((part) => part.trim())
    .join(' ');
}

/** "a", "b" and "c" -> "a, b and c". */
export function listWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
