import { Types } from 'mongoose';
import { ownerFilter, ownerOf, type Scope } from '../../auth/ownership';
import { containsText } from '../../db/search';
import { notFound } from '../../errors';
import { pageOf, skipFor, type Page, type PageArgs } from '../../graphql/pagination';
import type { TargetPlatform } from '../../platforms/platform';
import { archiveChatsOfCampaign, countOpenChatsOfCampaign } from '../chats/timeline';
import { CampaignModel, CampaignStatus, type Campaign } from './campaign.model';
import {
  campaignChangedMeanwhile,
  campaignInUse,
  fieldCannotBeCleared,
  illegalTransition,
} from './campaign.errors';

export interface ProductData {
  name: string;
  description?: string | null;
  price: number;
  images?: string[] | null;
  features?: string[] | null;
}

export interface ObjectionData {
  objection: string;
  response: string;
}

export interface ChatFlowData {
  greeting?: string | null;
  qualificationQuestions?: string[] | null;
  objectionHandling?: ObjectionData[] | null;
  closingMessage?: string | null;
}

export interface DemographicsData {
  ageRange?: string | null;
  location?: string[] | null;
  interests?: string[] | null;
}

export interface TargetAudienceData {
  demographics?: DemographicsData | null;
  persona?: string | null;
}

export interface CampaignData {
  name: string;
  product: ProductData;
  targetPlatform?: TargetPlatform | null;
  chatFlow?: ChatFlowData | null;
  targetAudience?: TargetAudienceData | null;
  outreachMessage?: string | null;
}

/** A partial update: absent fields stay, null clears an optional one, lists are replaced. */
export interface CampaignChanges {
  name?: string | null;
  product?: Partial<ProductData> | null;
  targetPlatform?: TargetPlatform | null;
  chatFlow?: ChatFlowData | null;
  targetAudience?: TargetAudienceData | null;
  outreachMessage?: string | null;
}

export interface CampaignFilter {
  status?: CampaignStatus | null;
  search?: string | null;
}

/** Every status change a campaign may make; anything else is refused. */
export const CAMPAIGN_TRANSITIONS: Readonly<Record<CampaignStatus, readonly CampaignStatus[]>> = {
  [CampaignStatus.DRAFT]: [CampaignStatus.ACTIVE],
  [CampaignStatus.ACTIVE]: [CampaignStatus.PAUSED, CampaignStatus.COMPLETED],
  [CampaignStatus.PAUSED]: [CampaignStatus.ACTIVE],
  [CampaignStatus.COMPLETED]: [],
};

export const canTransition = (from: CampaignStatus, to: CampaignStatus): boolean =>
  CAMPAIGN_TRANSITIONS[from].includes(to);

/** Sub-documents whose fields an update changes one by one. */
const NESTED = new Set(['product', 'chatFlow', 'targetAudience', 'targetAudience.demographics']);
/** Fields every campaign must keep: null cannot clear them. */
const REQUIRED = new Set(['name', 'product.name', 'product.price', 'targetPlatform']);
/** Lists: null empties them (the output type never has a null list). */
const LISTS = new Set([
  'product.images',
  'product.features',
  'chatFlow.qualificationQuestions',
  'chatFlow.objectionHandling',
  'targetAudience.demographics.location',
  'targetAudience.demographics.interests',
]);
/** Trimmed before they are stored, as the model does. */
const TRIMMED = new Set(['name', 'product.name']);
/** Optimistic status changes retried when another request changed the status first. */
const STATUS_ATTEMPTS = 3;

export class CampaignService {
  async list(scope: Scope, filter: CampaignFilter, page: PageArgs): Promise<Page<Campaign>> {
    const query: Record<string, unknown> = { ...ownerFilter(scope) };
    if (filter.status) query.status = filter.status;
    if (filter.search?.trim()) {
      const text = containsText(filter.search);
      query.$or = [{ name: text }, { 'product.name': text }];
    }
    const [items, total] = await Promise.all([
      CampaignModel.find(query)
        .sort({ createdAt: -1, _id: -1 })
        .skip(skipFor(page))
        .limit(page.limit)
        .lean(),
      CampaignModel.countDocuments(query),
    ]);
    return pageOf(items, total, page);
  }

  async get(id: Types.ObjectId, scope: Scope): Promise<Campaign> {
    const campaign = await CampaignModel.findOne(byId(id, scope)).lean();
    if (!campaign) throw notFound('Campaign');
    return campaign;
  }

  /** Creates a campaign owned by `ownerOf(scope)`; it starts as a draft with zero stats. */
  async create(data: CampaignData, scope: Scope): Promise<Campaign> {
    const fields = withoutNulls(data) as Pick<Campaign, 'name' | 'product'> & Partial<Campaign>;
    fields.name = fields.name.trim();
    fields.product.name = fields.product.name.trim();
    const created = await CampaignModel.create({ ...fields, userId: ownerOf(scope) });
    return created.toObject();
  }

  async update(id: Types.ObjectId, changes: CampaignChanges, scope: Scope): Promise<Campaign> {
    const { $set, $unset } = updateOf(changes);
    if (Object.keys($set).length === 0 && Object.keys($unset).length === 0) {
      return this.get(id, scope);
    }
    const updated = await CampaignModel.findOneAndUpdate(
      byId(id, scope),
      { $set, ...(Object.keys($unset).length > 0 ? { $unset } : {}) },
      { returnDocument: 'after', runValidators: true },
    ).lean();
    if (!updated) throw notFound('Campaign');
    return updated;
  }

  /**
   * Moves a campaign along CAMPAIGN_TRANSITIONS. The write is conditional on the status
   * just read, so two concurrent changes cannot both pass the check; the loser re-reads
   * and is judged against the status it actually finds.
   */
  async setStatus(id: Types.ObjectId, to: CampaignStatus, scope: Scope): Promise<Campaign> {
    for (let attempt = 0; attempt < STATUS_ATTEMPTS; attempt++) {
      const current = await CampaignModel.findOne(byId(id, scope)).select('status').lean();
      if (!current) throw notFound('Campaign');
      const from = current.status;
      if (!canTransition(from, to)) throw illegalTransition(from, to);
      const updated = await CampaignModel.findOneAndUpdate(
        { ...byId(id, scope), status: from },
        { $set: { status: to } },
        { returnDocument: 'after' },
      ).lean();
      if (updated) return updated;
    }
    throw campaignChangedMeanwhile();
  }

  /**
   * Deletes a campaign. While chats that are not archived still point at it, it is
   * refused unless `force`, which archives those chats (the owner's only) first.
   * Without transactions (FerretDB) a chat started in between keeps a dangling
   * campaignId, so readers of chats must treat a missing campaign as none. On MongoDB a
   * transaction around the count/archive and the delete could close that gap.
   */
  async remove(id: Types.ObjectId, force: boolean, scope: Scope): Promise<boolean> {
    const campaign = await CampaignModel.findOne(byId(id, scope)).select('userId').lean();
    if (!campaign) throw notFound('Campaign');
    if (force) {
      await archiveChatsOfCampaign(campaign.userId, campaign._id);
    } else {
      const inUse = await countOpenChatsOfCampaign(campaign.userId, campaign._id);
      if (inUse > 0) throw campaignInUse(inUse);
    }
    const { deletedCount } = await CampaignModel.deleteOne(byId(id, scope));
    if (deletedCount === 0) throw notFound('Campaign');
    return true;
  }
}

/** The owner filter always goes with the id, so other users' ids match nothing. */
const byId = (id: Types.ObjectId, scope: Scope) => ({
  _id: new Types.ObjectId(id),
  ...ownerFilter(scope),
});

/** A plain copy without null or undefined fields, so model defaults apply to them. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, field]) => field !== null && field !== undefined)
      .map(([key, field]) => [key, withoutNulls(field)]),
  );
}

interface Update {
  $set: Record<string, unknown>;
  $unset: Record<string, ''>;
}

/**
 * Dotted $set paths for the fields given, so siblings inside product, chatFlow and
 * targetAudience stay as stored. null clears optional text and empties lists.
 */
function updateOf(changes: CampaignChanges): Update {
  const update: Update = { $set: {}, $unset: {} };
  const visit = (fields: object, prefix: string): void => {
    for (const [key, value] of Object.entries(fields) as [string, unknown][]) {
      if (value === undefined) continue;
      const path = prefix ? `${prefix}.${key}` : key;
      if (value === null) {
        if (REQUIRED.has(path) || NESTED.has(path)) throw fieldCannotBeCleared(path);
        if (LISTS.has(path)) update.$set[path] = [];
        else update.$unset[path] = '';
      } else if (NESTED.has(path)) {
        visit(value as object, path);
      } else {
        update.$set[path] =
          TRIMMED.has(path) && typeof value === 'string' ? value.trim() : withoutNulls(value);
      }
    }
  };
  visit(changes, '');
  return update;
}
