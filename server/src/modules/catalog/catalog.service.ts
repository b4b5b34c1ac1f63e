import { type Types } from 'mongoose';
import { inScope, ownerFilter, ownerOf, type Scope } from '../../auth/ownership';
import { containsText } from '../../db/search';
import { badInput, notFound } from '../../errors';
import { pageOf, skipFor, type Page, type PageArgs } from '../../graphql/pagination';
import { campaignsFeaturing, dropProduct, refreshMainProduct } from '../campaigns/campaignProducts';
import { checkCheckoutTemplate } from './checkoutLink';
import { type OfferKind } from './offer.model';
import { ProductModel, StockStatus, type CatalogProduct } from './product.model';

export interface VariantData {
  name: string;
  stock?: StockStatus | null;
  price?: number | null;
}

export interface ProductData {
  name: string;
  description?: string | null;
  price: number;
  images?: string[] | null;
  features?: string[] | null;
  variantLabel?: string | null;
  variants?: VariantData[] | null;
  stock?: StockStatus | null;
  checkoutUrl?: string | null;
}

export interface OfferData {
  kind: OfferKind;
  productId?: Types.ObjectId | null;
  minQuantity?: number | null;
  percentOff?: number | null;
  amountOff?: number | null;
  bundlePrice?: number | null;
  code?: string | null;
  minTotal?: number | null;
}

/** Optional fields null clears; the rest must stay. */
const CLEARABLE = new Set(['description', 'variantLabel', 'checkoutUrl']);
const LISTS = new Set(['images', 'features', 'variants']);

/** The catalog: an owner's products, which campaigns feature and the AI quotes. */
export class ProductService {
  async list(scope: Scope, search: string | null, page: PageArgs): Promise<Page<CatalogProduct>> {
    const query: Record<string, unknown> = { ...ownerFilter(scope) };
    if (search?.trim()) query.name = containsText(search);
    const [items, total] = await Promise.all([
      ProductModel.find(query)
        .sort({ createdAt: -1, _id: -1 })
        .skip(skipFor(page))
        .limit(page.limit)
        .lean<CatalogProduct[]>(),
      ProductModel.countDocuments(query),
    ]);
    return pageOf(items, total, page);
  }

  async get(id: Types.ObjectId, scope: Scope): Promise<CatalogProduct> {
    const product = await ProductModel.findById(id).lean<CatalogProduct>();
    if (!product || !inScope(scope, product)) throw notFound('Product');
    return product;
  }

  async create(data: ProductData, scope: Scope): Promise<CatalogProduct> {
    const fields = cleanProduct(data) as Partial<CatalogProduct>;
    const created = await ProductModel.create({ ...fields, userId: ownerOf(scope) });
    return created.toObject() as CatalogProduct;
  }

  /** Only the fields given change; the campaigns it leads show the change at once. */
  async update(
    id: Types.ObjectId,
    changes: Partial<ProductData>,
    scope: Scope,
  ): Promise<CatalogProduct> {
    const current = await this.get(id, scope);
    const $set: Record<string, unknown> = {};
    const $unset: Record<string, ''> = {};
    for (const [field, value] of Object.entries(cleanProduct(changes as ProductData, true))) {
      if (value === undefined) continue;
      if (value === null) {
        if (LISTS.has(field)) $set[field] = [];
        else if (CLEARABLE.has(field)) $unset[field] = '';
        else
          throw badInput(`${field} cannot be cleared.`, {
            fields: [{ path: field, messages: [`${field} is required`] }],
          });
      } else {
        $set[field] = value;
      }
    }
    if (Object.keys($set).length === 0 && Object.keys($unset).length === 0) return current;
    const updated = await ProductModel.findOneAndUpdate(
      { _id: current._id },
      {
        ...(Object.keys($set).length ? { $set } : {}),
        ...(Object.keys($unset).length ? { $unset } : {}),
      },
      { returnDocument: 'after', runValidators: true },
    ).lean<CatalogProduct>();
    if (!updated) throw notFound('Product');
    await refreshMainProduct(updated);
    return updated;
  }

  /**
   * Refused while a campaign sells it as its main product (say which); as an alternative it
   * leaves those campaigns, with the offers that named it.
   */
  async remove(id: Types.ObjectId, scope: Scope): Promise<boolean> {
    const product = await this.get(id, scope);
    const { main } = await campaignsFeaturing(product.userId, product._id);
    if (main.length > 0) {
      throw badInput(
        `This product is the main product of ${main.map((name) => `"${name}"`).join(', ')}: ` +
          'choose another main product there first.',
        { campaigns: main },
      );
    }
    await dropProduct(product.userId, product._id);
    const { deletedCount } = await ProductModel.deleteOne({ _id: product._id });
    if (deletedCount === 0) throw notFound('Product');
    return true;
  }
}

/** Trimmed names, variants with their stock, and a checkout link that fills in. */
function cleanProduct(data: ProductData, partial = false): Partial<ProductData> {
  const cleaned: Partial<ProductData> = { ...data };
  if (typeof data.name === 'string') cleaned.name = data.name.trim();
  if (data.variants) {
    const names = new Set<string>();
    cleaned.variants = data.variants.map((variant, index) => {
      const name = variant.name.trim();
      if (names.has(name.toLowerCase())) {
        throw badInput(`Two variants are called "${name}".`, {
          fields: [{ path: `variants.${index}.name`, messages: ['variant names must differ'] }],
        });
      }
      names.add(name.toLowerCase());
      return {
        name,
        stock: variant.stock ?? StockStatus.IN_STOCK,
        ...(variant.price !== undefined && variant.price !== null ? { price: variant.price } : {}),
      };
    });
  }
  checkCheckoutTemplate(data.checkoutUrl);
  if (!partial) {
    for (const key of Object.keys(cleaned) as (keyof ProductData)[]) {
      if (cleaned[key] === null) delete cleaned[key];
    }
  }
  return cleaned;
}
