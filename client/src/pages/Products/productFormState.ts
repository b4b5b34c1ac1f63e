import type { ProductForm_ProductFragment, StockStatus } from '../../gql/graphql';
import type { FieldMessages } from '../../lib/fieldErrors';

export interface VariantRow {
  name: string;
  stock: StockStatus;
  /** Empty: the product's price. */
  price: string;
}

/** A product as its form holds it: text as typed, checked before it is sent. */
export interface ProductFormState {
  name: string;
  description: string;
  price: string;
  stock: StockStatus;
  features: string;
  /** One http(s) link a line. */
  images: string;
  variantLabel: string;
  variants: VariantRow[];
  checkoutUrl: string;
}

export const EMPTY_PRODUCT: ProductFormState = {
  name: '',
  description: '',
  price: '',
  stock: 'IN_STOCK',
  features: '',
  images: '',
  variantLabel: '',
  variants: [],
  checkoutUrl: '',
};

const amount = (value: number | null | undefined) =>
  value === null || value === undefined ? '' : String(value);

export function productFormOf(product: ProductForm_ProductFragment): ProductFormState {
  return {
    name: product.name,
    description: product.description ?? '',
    price: amount(product.price),
    stock: product.stock,
    features: product.features.join('\n'),
    images: product.images.join('\n'),
    variantLabel: product.variantLabel ?? '',
    variants: product.variants.map((v) => ({
      name: v.name,
      stock: v.stock,
      price: amount(v.price),
    })),
    checkoutUrl: product.checkoutUrl ?? '',
  };
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

const PRICE = /^\d{1,9}([.,]\d{1,2})?$/;
const parsePrice = (value: string) => Number(value.trim().replace(',', '.'));

/** The same rules the server checks (server/src/modules/catalog/catalog.types.ts). */
export function validateProduct(form: ProductFormState): FieldMessages {
  const errors: FieldMessages = {};
  if (!form.name.trim()) errors.name = 'Name the product.';
  else if (form.name.trim().length > 200) errors.name = 'Keep the name under 200 characters.';
  if (!PRICE.test(form.price.trim())) errors.price = 'Enter a price such as 189 or 189.00.';
  if (form.checkoutUrl.trim() && !/^https?:\/\/\S+$/i.test(form.checkoutUrl.trim())) {
    errors.checkoutUrl = 'Enter a link starting with https://';
  }
  const badImage = lines(form.images).find((url) => !/^https?:\/\/\S+\.\S+$/i.test(url));
  if (badImage) errors.images = `Not an http(s) link: ${badImage}`;
  const seen = new Set<string>();
  form.variants.forEach((variant, index) => {
    const name = variant.name.trim().toLowerCase();
    if (!name) errors[`variants.${index}.name`] = 'Name the variant, or remove it.';
    else if (seen.has(name)) errors[`variants.${index}.name`] = 'Two variants have this name.';
    seen.add(name);
    if (variant.price.trim() && !PRICE.test(variant.price.trim())) {
      errors[`variants.${index}.price`] = 'A price such as 199.00, or empty.';
    }
  });
  return errors;
}

/** The input the API takes; an edit clears what was emptied. */
export function productInput(form: ProductFormState) {
  const optional = (value: string) => (value.trim() ? value.trim() : null);
  return {
    name: form.name.trim(),
    description: optional(form.description),
    price: parsePrice(form.price),
    stock: form.stock,
    features: lines(form.features),
    images: lines(form.images),
    variantLabel: optional(form.variantLabel),
    variants: form.variants.map((variant) => ({
      name: variant.name.trim(),
      stock: variant.stock,
      price: variant.price.trim() ? parsePrice(variant.price) : null,
    })),
    checkoutUrl: optional(form.checkoutUrl),
  };
}

export const STOCK_OPTIONS: { value: StockStatus; label: string }[] = [
  { value: 'IN_STOCK', label: 'In stock' },
  { value: 'LOW_STOCK', label: 'Low stock' },
  { value: 'OUT_OF_STOCK', label: 'Sold out' },
];
