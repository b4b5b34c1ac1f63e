import { EmbeddedReadCache } from '../../db/embeddedReadCache';

/** A stored passage as retrieval ranks it. */
export interface RankablePassage {
  source: string;
  text: string;
  terms: string[];
}

/** A trained version's passages (up to 200 KB of text each), per (owner, version). */
export const trainedPassages = new EmbeddedReadCache<RankablePassage[]>('knowledgepassages', 200);
