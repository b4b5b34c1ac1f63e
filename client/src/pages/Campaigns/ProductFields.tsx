import { Card, Input, TextArea } from '../../components/ui';
import type { CampaignFormState } from './campaignFormState';

type Product = CampaignFormState['product'];

interface ProductFieldsProps {
  product: Product;
  errorOf: (path: string) => string | undefined;
  /** The product as edited, and the field paths whose errors the edit clears. */
  onChange: (paths: string[], product: Product) => void;
}

/** The product card of the campaign form: name, price, description, features, images. */
export function ProductFields({ product, errorOf, onChange }: ProductFieldsProps) {
  return (
    <Card title="Product" description="What the AI sells and the facts it may quote.">
      <div className="grid gap-4 sm:grid-cols-3">
        <Input
          label="Product name"
          required
          wrapperClassName="sm:col-span-2"
          value={product.name}
          error={errorOf('product.name')}
          onChange={(e) => onChange(['product.name'], { ...product, name: e.target.value })}
        />
        <Input
          label="Price"
          required
          inputMode="decimal"
          placeholder="49.90"
          value={product.price}
          error={errorOf('product.price')}
          onChange={(e) => onChange(['product.price'], { ...product, price: e.target.value })}
        />
        <TextArea
          label="Description"
          wrapperClassName="sm:col-span-3"
          rows={3}
          value={product.description}
          error={errorOf('product.description')}
          onChange={(e) =>
            onChange(['product.description'], { ...product, description: e.target.value })
          }
        />
        <TextArea
          label="Features"
          hint="One per line, at most 30."
          wrapperClassName="sm:col-span-3 lg:col-span-1"
          rows={4}
          value={product.features}
          error={errorOf('product.features')}
          onChange={(e) => onChange(['product.features'], { ...product, features: e.target.value })}
        />
        <TextArea
          label="Image URLs"
          hint="One http(s) URL per line, at most 20."
          wrapperClassName="sm:col-span-3 lg:col-span-2"
          rows={4}
          placeholder="https://shop.example/images/product.jpg"
          value={product.images}
          error={errorOf('product.images')}
          onChange={(e) => onChange(['product.images'], { ...product, images: e.target.value })}
        />
      </div>
    </Card>
  );
}
