import { hasNegativeTone, isQuestionLike } from './intents';
import { normalize, tokenize } from './text';

/**
 * Fuzzy matching of a customer message against the campaign's scripted objections. Owners write
 * objections in their words ("Too expensive") and customers in theirs ("bit pricey for me"):
 * both sides are reduced to significant words, and words that mean the same worry are folded
 * into one concept, so a match is about the worry, not the wording.
 */

/** Multi-word ways of saying a worry; the words they use are consumed by the concept. */
const phraseConcepts: [RegExp, string][] = [
  [
    /\b(too much( money)?|costs? a lot|out of (my )?(price )?range|cant afford|not worth( it)?|over (my )?budget)\b/g,
    '~price',
  ],
  [/\b(no time|not now|not right now|bad time|too busy)\b/g, '~time'],
  [/\b(think (about it|it over)|not sure|need to think|sleep on it)\b/g, '~think'],
  [/\b(dont need|do not need|no need|not necessary|dont really need)\b/g, '~noneed'],
  [
    /\b(found (it )?cheaper|cheaper (elsewhere|somewhere|online)|other (store|shop)s?)\b/g,
    '~elsewhere',
  ],
];

/** Single words folded into a concept (after the knowledge tokenizer's plural folding). */
const wordConcepts: Record<string, string> = {};
const addConcept = (concept: string, words: string) => {
  for (const word of words.split(' ')) wordConcepts[word] = concept;
};
addConcept(
  '~price',
  'expensive pricey price pricing priced cost costly money afford affordable cheap cheaper budget overpriced dear spend',
);
addConcept('~time', 'time busy later moment hurry');
addConcept('~think', 'think consider decide unsure maybe');
addConcept('~trust', 'trust scam legit legitimate review quality fake reliable guarantee warranty');
addConcept('~shipping', 'shipping ship delivery deliver postage arrive');
addConcept('~elsewhere', 'elsewhere competitor amazon alternative');
addConcept('~size', 'size small big large fit');

/** Filler words the knowledge tokenizer keeps but that carry no worry. */
const fillers = new Set(
  'too very really just bit little quite much im ive dont cant wont isnt thats id ill kind sort right'.split(
    ' ',
  ),
);

/** The significant words and concepts of a text. */
export function objectionTerms(text: string): Set<string> {
  let rest = normalize(text);
  const terms = new Set<string>();
  for (const [pattern, concept] of phraseConcepts) {
    rest = rest.replace(pattern, () => {
      terms.add(concept);
      return ' ';
    });
  }
  for (const word of tokenize(rest)) {
    if (!fillers.has(word)) terms.add(wordConcepts[word] ?? word);
  }
  return terms;
}

export interface ObjectionMatch {
  objection: string;
  response: string;
}

/** Share of an objection's significant words a message must contain to raise it. */
const MATCH_RATIO = 0.5;

/**
 * The scripted objection the message raises, if any: the one with the largest share of its
 * terms present (at least half, at least one). A neutral question ("how much is shipping?")
 * raises nothing: only a message that sounds like a complaint counts.
 */
export function matchObjection(
  message: string,
  objections: { objection: string; response: string }[],
  answeringQuestion = false,
): ObjectionMatch | undefined {
  const said = objectionTerms(message);
  // "My budget is 50" answers a question and "what's the price?" asks one: a worry about price
  // (or anything, while a question is pending) must also sound like one.
  const ambiguous = answeringQuestion || isQuestionLike(message) || said.has('~price');
  if (ambiguous && !hasNegativeTone(message)) return undefined;
  let best: { match: ObjectionMatch; ratio: number; shared: number } | undefined;
  for (const candidate of objections) {
    const terms = [...objectionTerms(candidate.objection)];
    if (terms.length === 0) continue;
    const shared = terms.filter((term) => said.has(term)).length;
    const ratio = shared / terms.length;
    if (shared < 1 || ratio < MATCH_RATIO) continue;
    if (!best || ratio > best.ratio || (ratio === best.ratio && shared > best.shared)) {
      best = { match: candidate, ratio, shared };
    }
  }
  return best?.match;
}

/** Same objection as one already recorded (the owner may have edited its wording since). */
export function sameObjection(a: string, b: string): boolean {
  return normalize(a) === normalize(b);
}
