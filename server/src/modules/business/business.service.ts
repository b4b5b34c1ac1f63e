import type { Types } from 'mongoose';
import { badInput, notFound } from '../../errors';
import { forgetBusinessTimeZones } from '../analytics/businessTimeZone';
import type { FoundPassage, KnowledgeService } from '../knowledge/knowledge.service';
import { UserModel, type BusinessDocument, type User } from '../users/user.model';
import { KNOWLEDGE_BASE_LIMIT_BYTES, compileKnowledgeBase } from './knowledgeBase';
import { updateThenRead } from '../../db/updateThenRead';
import { withScheme } from './website';

export interface BusinessInfoChanges {
  businessName?: string;
  ownerName?: string;
  industry?: string;
  description?: string;
  website?: string;
  phone?: string;
  currency?: string;
  timezone?: string;
  aiDisclosure?: boolean;
  documents?: { name: string; url?: string | null; text?: string }[];
}

const kilobytes = (bytes: number): string => `${Math.ceil(bytes / 1024)} KB`;

/** A business's profile and the knowledge base the AI answers from. */
export class BusinessService {
  constructor(private readonly knowledge: KnowledgeService) {}

  async completeOnboarding(userId: Types.ObjectId, changes: BusinessInfoChanges): Promise<User> {
    const current = await this.load(userId);
    const businessName = changes.businessName ?? current.businessInfo?.businessName;
    if (!businessName?.trim()) {
      throw badInput('Tell us the name of your business to finish onboarding.', {
        fields: [{ path: 'businessName', messages: ['businessName is required'] }],
      });
    }
    return this.save(userId, current, changes, { onboardingCompleted: true });
  }

  async updateBusinessInfo(userId: Types.ObjectId, changes: BusinessInfoChanges): Promise<User> {
    return this.save(userId, await this.load(userId), changes, {});
  }

  /**
   * Rebuilds the knowledge base from the business info, the documents' text and the
   * owner's text (`text`, or the text given last time). Nothing changes when it fails.
   */
  async trainKnowledgeBase(userId: Types.ObjectId, text: string | undefined): Promise<User> {
    const user = await this.load(userId);
    const ownerText = text ?? user.globalAI?.ownerText;
    const compiled = compileKnowledgeBase(user.businessInfo ?? { documents: [] }, ownerText);
    if (compiled.bytes > KNOWLEDGE_BASE_LIMIT_BYTES) {
      throw badInput(
        `The knowledge base would be ${kilobytes(compiled.bytes)}; the limit is ` +
          `${kilobytes(KNOWLEDGE_BASE_LIMIT_BYTES)}. Shorten the text or the documents.`,
        { bytes: compiled.bytes, limitBytes: KNOWLEDGE_BASE_LIMIT_BYTES },
      );
    }
    if (compiled.sections.length === 0) {
      throw badInput('There is nothing to learn yet: add a description, document text or notes.');
    }
    const { version, passages } = await this.knowledge.writeVersion(userId, compiled.sections);
    await UserModel.updateOne(
      { _id: userId },
      {
        $set: {
          'globalAI.trained': true,
          'globalAI.lastTrainedAt': new Date(),
          'globalAI.knowledgeBase': compiled.text,
          'globalAI.ownerText': ownerText ?? '',
          'globalAI.passageCount': passages,
          'globalAI.knowledgeVersion': version,
        },
      },
    );
    await this.knowledge.pruneVersions(userId, version);
    return this.load(userId);
  }

  searchKnowledgeBase(
    userId: Types.ObjectId,
    query: string,
    limit: number,
  ): Promise<FoundPassage[]> {
    return this.knowledge.retrieve(userId, query, limit);
  }

  private async load(userId: Types.ObjectId): Promise<User> {
    const user = await UserModel.findById(userId).lean();
    if (!user) throw notFound('Account');
    return user;
  }

  private async save(
    userId: Types.ObjectId,
    current: User,
    changes: BusinessInfoChanges,
    extra: Record<string, unknown>,
  ): Promise<User> {
    const missing = (changes.documents ?? []).flatMap((document, index) =>
      document.url?.trim() || document.text?.trim()
        ? []
        : [{ path: `documents.${index}.url`, messages: ['a link or the pasted text'] }],
    );
    if (missing.length > 0) {
      throw badInput('Each document needs a link or its text.', { fields: missing });
    }
    const set: Record<string, unknown> = { ...extra };
    for (const [field, value] of Object.entries(changes)) {
      if (value === undefined || value === null || field === 'documents') continue;
      set[`businessInfo.${field}`] = typeof value === 'string' ? value.trim() : value;
    }
    if (changes.website?.trim()) set['businessInfo.website'] = withScheme(changes.website);
    if (changes.documents) {
      set['businessInfo.documents'] = keepUploadDates(
        changes.documents,
        current.businessInfo?.documents ?? [],
      );
    }
    const saved = await updateThenRead(
      UserModel,
      userId,
      {},
      { $set: set },
      { runValidators: true },
    );
    if (!saved) throw notFound('Account');
    // Analytics days follow a new zone from the next event on, not in 10 s.
    if (changes.timezone) forgetBusinessTimeZones();
    return saved;
  }
}

/** A document given again (same name and URL) keeps the date it was first added. */
function keepUploadDates(
  documents: NonNullable<BusinessInfoChanges['documents']>,
  previous: BusinessDocument[],
): BusinessDocument[] {
  const now = new Date();
  return documents.map((document) => {
    const name = document.name.trim();
    const url = document.url?.trim() ? withScheme(document.url) : undefined;
    return {
      name,
      ...(url ? { url } : {}),
      text: document.text,
      uploadedAt:
        previous.find((old) => old.name === name && (old.url ?? undefined) === url)?.uploadedAt ??
        now,
    };
  });
}
