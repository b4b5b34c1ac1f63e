/**
 * Splitting a knowledge base into passages and ranking them against a question (BM25).
 * Pure functions: the service stores the passages, the AI responder asks for the best.
 */

export interface Section {
  /** Where the text came from, shown to the owner: "business", "document: Price list", "notes". */
  source: string;
  text: string;
}

export interface Passage extends Section {
  terms: string[];
}

/** Passages aim for this many characters: a few sentences, enough context for one answer. */
const TARGET_CHARS = 700;
const MAX_CHARS = 1000;

export function splitIntoPassages(sections: Section[]): Passage[] {
  return sections.flatMap(({ source, text }) =>
    chunk(text).map((passageText) => ({ source, text: passageText, terms: tokenize(passageText) })),
  );
}

/**
 * Blank lines end paragraphs; a heading line (starting with `#`) is a paragraph of its own.
 * Read line by line: a regular expression with a look-behind over the line took quadratic
 * time on long lines (17 s for 100 KB of text on one line).
 */
function paragraphsOf(text: string): string[] {
  const paragraphs: string[] = [];
  let lines: string[] = [];
  const end = () => {
    if (lines.length > 0) paragraphs.push(lines.join(' '));
    lines = [];
  };
  for (const line of text.split(/\r\n?|\n/)) {
    if (line.trim() === '') end();
    else if (line.startsWith('#')) {
      end();
      paragraphs.push(line);
    } else lines.push(line);
  }
  end();
  return paragraphs;
}

function chunk(text: string): string[] {
  const paragraphs = paragraphsOf(text)
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .flatMap((paragraph) => (paragraph.length > MAX_CHARS ? splitLong(paragraph) : [paragraph]));

  const passages: string[] = [];
  let current = '';
  for (const paragraph of paragraphs) {
    // A heading starts a new passage so a topic's text stays with its title.
    const startsTopic = paragraph.startsWith('#');
    if (current && (startsTopic || current.length + paragraph.length + 1 > TARGET_CHARS)) {
      passages.push(current);
      current = '';
    }
    current = current ? `${current}\n${paragraph}` : paragraph;
  }
  if (current) passages.push(current);
  return passages;
}

function splitLong(paragraph: string): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const sentence of paragraph.split(/(?<=[.!?])\s+/)) {
    for (const part of sentence.length > MAX_CHARS ? hardWrap(sentence) : [sentence]) {
      if (current && current.length + part.length + 1 > MAX_CHARS) {
        pieces.push(current);
        current = '';
      }
      current = current ? `${current} ${part}` : part;
    }
  }
  if (current) pieces.push(current);
  return pieces;
}

function hardWrap(sentence: string): string[] {
  const parts: string[] = [];
  let rest = sentence;
  while (rest.length > MAX_CHARS) {
    const cut = rest.lastIndexOf(' ', MAX_CHARS);
    const at = cut > MAX_CHARS / 2 ? cut : MAX_CHARS;
    parts.push(rest.slice(0, at).trim());
    rest = rest.slice(at).trim();
  }
  if (rest) parts.push(rest);
  return parts;
}

const stopwords = new Set(
  (
    'a an and are as at be been but by can do does for from has have how i if in is it its ' +
    'me my no not of on or our so than that the their them then there these they this to ' +
    'us was we what when where which who why will with you your yours'
  ).split(' '),
);

/** Lower-cased words without accents or stopwords, plurals folded: "Prices" and "price" meet. */
export function tokenize(text: string): string[] {
  const words =
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.filter((word) => word.length > 1 && !stopwords.has(word)).map(stem);
}

function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us')) {
    return word.slice(0, -1);
  }
  return word;
}

/**
 * Words customers use for what owners write otherwise ("my initials on it" / "a custom
 * monogram", "when will it arrive" / "delivery takes"): a question's word also finds the
 * other words of its group, in retrieval and when the answer sentence is picked.
 */
const RELATED_WORDS: readonly string[][] = [
  [
    'monogram',
    'initial',
    'engrave',
    'engraving',
    'engraved',
    'personalise',
    'personalize',
    'personalised',
    'personalized',
    'personalisation',
    'personalization',
  ],
  [
    'delivery',
    'deliver',
    'delivered',
    'ship',
    'shipping',
    'shipped',
    'arrive',
    'arrival',
    'dispatch',
    'dispatched',
    'post',
    'postage',
  ],
  ['return', 'returned', 'refund', 'exchange'],
  ['price', 'cost', 'pricing', 'priced'],
  ['care', 'clean', 'cleaning', 'wash', 'washing', 'condition'],
];

const groupOf = new Map<string, readonly string[]>(
  RELATED_WORDS.flatMap((group) =>
    group.map((word): [string, readonly string[]] => [stem(word), group.map(stem)]),
  ),
);

/** The word that stands for a token's group (itself when it has none). */
export function meaningOf(term: string): string {
  return groupOf.get(term)?.[0] ?? term;
}

/** A token and the other words of its group. */
export function relatedTerms(term: string): readonly string[] {
  return groupOf.get(term) ?? [term];
}

export interface Ranked<T> {
  item: T;
  score: number;
}

const K1 = 1.2;
const B = 0.75;

/** Okapi BM25 over the given passages; only passages sharing a term with the query rank. */
export function rankPassages<T extends { terms: string[] }>(
  query: string,
  passages: T[],
  limit: number,
): Ranked<T>[] {
  const queryTerms = [...new Set(tokenize(query).flatMap((term) => relatedTerms(term)))];
  if (queryTerms.length === 0 || passages.length === 0) return [];
  const averageLength =
    passages.reduce((sum, passage) => sum + passage.terms.length, 0) / passages.length;
  const frequencies = passages.map((passage) => termCounts(passage.terms));
  const idf = new Map(
    queryTerms.map((term) => {
      const containing = frequencies.filter((counts) => counts.has(term)).length;
      return [term, Math.log(1 + (passages.length - containing + 0.5) / (containing + 0.5))];
    }),
  );
  return passages
    .map((item, index) => {
      const counts = frequencies[index]!;
      const lengthNorm = 1 - B + (B * item.terms.length) / (averageLength || 1);
      const score = queryTerms.reduce((sum, term) => {
        const tf = counts.get(term) ?? 0;
        return tf === 0 ? sum : sum + (idf.get(term)! * tf * (K1 + 1)) / (tf + K1 * lengthNorm);
      }, 0);
      return { item, score };
    })
    .filter((ranked) => ranked.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
}

function termCounts(terms: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}
