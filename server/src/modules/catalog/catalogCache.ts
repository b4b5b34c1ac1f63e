import { EmbeddedReadCache } from '../../db/embeddedReadCache';
import type { CatalogProduct } from './product.model';

/** Per product id: the products a campaign features, read for every AI reply. */
export const catalogProducts = new EmbeddedReadCache<CatalogProduct | null>('products');
