import { randomUUID } from 'node:crypto';
import type { Types } from 'mongoose';
import { businessProfileOf } from '../users/businessProfile';
import { KnowledgePassageModel } from './passage.model';
import { trainedPassages } from './passageCache';
import { rankPassages, splitIntoPassages, type Section } from './passages';

export interface FoundPassage {
  source: string;
  text: string;
  score: number;
}

/** Stores a business's knowledge as passages and finds the ones relevant to a question. */
export class KnowledgeService {
  /** Writes every passage of `sections` under a new version, not yet in use. */
  async writeVersion(
    userId: Types.ObjectId,
    sections: Section[],
  ): Promise<{ version: string; passages: number }> {
    const version = randomUUID();
    const passages = splitIntoPassages(sections).map((passage, order) => ({
      ...passage,
      userId,
      version,
      order,
    }));
    if (passages.length > 0) await KnowledgePassageModel.insertMany(passages, { ordered: true });
    return { version, passages: passages.length };
  }

  /** Deletes the passages of every version but `keep` (old trainings, interrupted ones). */
  async pruneVersions(userId: Types.ObjectId, keep: string): Promise<void> {
    await KnowledgePassageModel.deleteMany({ userId, version: { $ne: keep } });
  }

  /** The passages of the user's trained knowledge base that best answer `query`. */
  async retrieve(userId: Types.ObjectId, query: string, limit = 3): Promise<FoundPassage[]> {
    const version = (await businessProfileOf(userId))?.knowledgeVersion;
    if (!version) return [];
    // Bounded: a knowledge base is at most 200 KB, a few hundred passages. A version's
    // passages never change once it is in use (passage.model.ts).
    const passages = await trainedPassages.get(`${String(userId)}:${version}`, () =>
      KnowledgePassageModel.find({ userId, version })
        .select({ source: 1, text: 1, terms: 1 })
        .lean(),
    );
    return rankPassages(query, passages, limit).map(({ item, score }) => ({
      source: item.source,
      text: item.text,
      score: Math.round(score * 1000) / 1000,
    }));
  }
}
