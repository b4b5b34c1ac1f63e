import { type Types } from 'mongoose';
import { catalogProducts } from './catalogCache';
import { ProductModel, type CatalogProduct } from './product.model';

/**
 * An owner's products by id, in the order asked, each an `_id` lookup (cached on the
 * embedded database): read for every AI reply. Another owner's ids are left out.
 */
export async function productsOf(
  userId: Types.ObjectId,
  ids: readonly Types.ObjectId[],
): Promise<CatalogProduct[]> {
  const found = await Promise.all(
    ids.map((id) =>
      catalogProducts.get(String(id), () => ProductModel.findById(id).lean<CatalogProduct>()),
    ),
  );
  return found.filter(
    (product): product is CatalogProduct => product !== null && product.userId.equals(userId),
  );
}
