import type { Types } from 'mongoose';
import type { CatalogProduct } from '../catalog/product.model';
import { CampaignModel, type CampaignProduct } from './campaign.model';

/*
 * The campaigns' side of the catalog: a campaign keeps a copy of its main product (what the
 * campaign list, search and older clients read as `campaign.product`), renewed here whenever
 * the catalog product changes; the AI reads the catalog itself.
 */

export function productCopy(product: CatalogProduct): CampaignProduct {
  return {
    productId: product._id,
    name: product.name,
    description: product.description,
    price: product.price,
    images: product.images ?? [],
    features: product.features ?? [],
    variantLabel: product.variantLabel,
    variants: product.variants ?? [],
    stock: product.stock,
    checkoutUrl: product.checkoutUrl,
  };
}

/** The owner's campaigns that sell a product: by name where it is the main one. */
export async function campaignsFeaturing(
  userId: Types.ObjectId,
  productId: Types.ObjectId,
): Promise<{ main: string[]; all: { _id: Types.ObjectId; productIds: Types.ObjectId[] }[] }> {
  const all = await CampaignModel.find({ userId, productIds: productId })
    .select({ name: 1, productIds: 1, offers: 1 })
    .lean();
  return {
    main: all.filter((campaign) => campaign.productIds[0]?.equals(productId)).map((c) => c.name),
    all,
  };
}

export async function refreshMainProduct(product: CatalogProduct): Promise<void> {
  const { all } = await campaignsFeaturing(product.userId, product._id);
  for (const campaign of all) {
    if (!campaign.productIds[0]?.equals(product._id)) continue;
    await CampaignModel.updateOne(
      { _id: campaign._id, userId: product.userId },
      { $set: { product: productCopy(product) } },
    );
  }
}

/** A product leaves the campaigns it is an alternative in, with the offers naming it. */
export async function dropProduct(
  userId: Types.ObjectId,
  productId: Types.ObjectId,
): Promise<void> {
  const campaigns = await CampaignModel.find({ userId, productIds: productId })
    .select({ productIds: 1, offers: 1 })
    .lean();
  for (const campaign of campaigns) {
    await CampaignModel.updateOne(
      { _id: campaign._id, userId },
      {
        $set: {
          productIds: campaign.productIds.filter((id) => !id.equals(productId)),
          offers: campaign.offers.filter((offer) => !offer.productId?.equals(productId)),
        },
      },
    );
  }
}
