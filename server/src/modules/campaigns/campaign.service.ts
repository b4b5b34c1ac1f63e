import { Types } from 'mongoose';
import { ownerFilter, ownerOf, type Scope } from '../../auth/ownership';
import { containsText } from '../../db/search';
import { badInput, notFound } from '../../errors';
import { pageOf, skipFor, type Page, type PageArgs } from '../../graphql/pagination';
import type { TargetPlatform } from '../../platforms/platform';
import { archiveChatsOfCampaign, countOpenChatsOfCampaign } from '../chats/timeline';
import { CampaignModel, CampaignStatus, type Campaign } from './campaign.model';
import type { OfferData, ProductData, ProductService } from '../catalog/catalog.service';
import { productsOf } from '../catalog/catalogRead';
import { checkCheckoutTemplate } from '../catalog/checkoutLink';
import { checkOffers, offerRules } from '../catalog/offerRules';
import { offerWarnings } from '../catalog/offerWarnings';
import type { CatalogProduct, Product } from '../catalog/product.model';
import { productCopy } from './campaignProducts';
import {
  campaignChangedMeanwhile,
  campaignInUse,
  fieldCannotBeCleared,
  illegalTransition,
} from './campaign.errors';

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

/** The catalog side of a campaign: what it sells and the rules its totals follow. */
interface CatalogData {
  productIds?: Types.ObjectId[] | null;
  offers?: OfferData[] | null;
  shippingFee?: number | null;
  checkoutUrl?: string | null;
}

export interface CampaignData extends CatalogData {
  name: string;
  /** A new catalog product, the main one; productIds then lists the alternatives. */
  product?: ProductData | null;
  targetPlatform?: TargetPlatform | null;
  chatFlow?: ChatFlowData | null;
  targetAudience?: TargetAudienceData | null;
  outreachMessage?: string | null;
}

/** A partial update: absent fields stay, null clears an optional one, lists are replaced. */
export interface CampaignChanges extends CatalogData {
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
  'product.variants',
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
  constructor(private readonly products: ProductService) {}

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
  /**
   * Creates a campaign owned by `ownerOf(scope)`; it starts as a draft with zero stats. It
   * sells the catalog products named (the first is the main one), or a new catalog product
   * made from `product`.
   */
  async create(data: CampaignData, scope: Scope): Promise<Campaign> {
    const owner = ownerOf(scope);
    const { product, productIds, offers, ...rest } = data;
    checkCheckoutTemplate(data.checkoutUrl);
    let featured: CatalogProduct[];
    if (product) {
      // The new product leads; productIds, when given, are the alternatives after it.
      const alternatives = productIds?.length ? await this.owned(owner, productIds) : [];
      if (offers) checkOffers(offers, productIds ?? []);
      featured = [
        await this.products.create(product, { ...scope, userId: owner }),
        ...alternatives,
      ];
    } else if (productIds?.length) {
      featured = await this.owned(owner, productIds);
      if (offers) checkOffers(offers, productIds);
    } else {
      throw badInput('A campaign sells something: give productIds or a product.', {
        fields: [{ path: 'productIds', messages: ['productIds or product is required'] }],
      });
    }
    const ids = featured.map((item) => item._id);
    const fields = withoutNulls(rest) as Pick<Campaign, 'name'> & Partial<Campaign>;
    fields.name = fields.name.trim();
    const created = await CampaignModel.create({
      ...fields,
      product: productCopy(featured[0]!),
      productIds: ids,
      offers: offers ? checkOffers(offers, ids) : [],
      userId: owner,
    });
    return created.toObject();
  }

  async update(id: Types.ObjectId, changes: CampaignChanges, scope: Scope): Promise<Campaign> {
    const { productIds, offers, product, ...rest } = changes;
    checkCheckoutTemplate(changes.checkoutUrl);
    if (product === null) throw fieldCannotBeCleared('product');
    for (const [field, value] of Object.entries(product ?? {})) {
      if (value === null && REQUIRED.has(`product.${field}`)) {
        throw fieldCannotBeCleared(`product.${field}`);
      }
    }
    const current =
      productIds !== undefined || offers !== undefined || product
        ? await this.get(id, scope)
        : undefined;
    const catalog: Record<string, unknown> = {};
    let ids = current?.productIds ?? [];
    if (productIds !== undefined && productIds !== null) {
      if (productIds.length === 0) throw fieldCannotBeCleared('productIds');
      const featured = await this.owned(current!.userId, productIds);
      ids = featured.map((item) => item._id);
      catalog.productIds = ids;
      catalog.product = productCopy(featured[0]!);
    } else if (productIds === null) {
      throw fieldCannotBeCleared('productIds');
    }
    if (offers !== undefined) catalog.offers = offers ? checkOffers(offers, ids) : [];
    else if (catalog.productIds && current) {
      // Offers on a product the campaign no longer sells would never apply.
      catalog.offers = current.offers.filter(
        (offer) => !offer.productId || ids.some((pid) => pid.equals(offer.productId!)),
      );
    }
    // The main product's own fields change in the catalog, where every campaign reads them.
    const mainId = current?.productIds[0];
    if (product && mainId && catalog.productIds === undefined) {
      await this.products.update(mainId, product, { ...scope, userId: current!.userId });
    }
    const { $set, $unset } = updateOf({
      ...rest,
      ...(product && !mainId ? { product } : {}),
    });
    Object.assign($set, catalog);
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
  /** What the campaign sells, main first: the catalog's, or its own made before the catalog. */
  async productsOf(campaign: Campaign): Promise<Product[]> {
    if (!campaign.productIds?.length) return [campaign.product];
    return productsOf(campaign.userId, campaign.productIds);
  }

  async offerWarningsOf(campaign: Campaign): Promise<string[]> {
    const products = await this.productsOf(campaign);
    const hasLink = !!campaign.checkoutUrl || products.some((product) => !!product.checkoutUrl);
    return offerWarnings(
      { ...campaign.chatFlow, outreachMessage: campaign.outreachMessage },
      offerRules(campaign.offers),
      hasLink,
    );
  }

  /** The owner's products by id, all of them, or NOT_FOUND. */
  private async owned(
    userId: Types.ObjectId,
    ids: readonly Types.ObjectId[],
  ): Promise<CatalogProduct[]> {
    const unique = ids.filter((id, index) => ids.findIndex((other) => other.equals(id)) === index);
    const found = await productsOf(
      userId,
      unique.map((id) => new Types.ObjectId(id)),
    );
    if (found.length !== unique.length) throw notFound('Product');
    return found;
  }

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
