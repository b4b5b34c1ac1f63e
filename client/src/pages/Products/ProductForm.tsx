import { Button, Input, Select, TextArea } from '../../components/ui';
import type { FieldMessages } from '../../lib/fieldErrors';
import { STOCK_OPTIONS, type ProductFormState, type VariantRow } from './productFormState';

interface ProductFormProps {
  value: ProductFormState;
  errors: FieldMessages;
  onChange: (next: ProductFormState) => void;
}

/** A catalog product: what the AI quotes, the variants it asks about, the link it sends. */
export function ProductForm({ value, errors, onChange }: ProductFormProps) {
  const set = (field: keyof ProductFormState) => (event: { target: { value: string } }) =>
    onChange({ ...value, [field]: event.target.value });
  const setVariant = (index: number, changes: Partial<VariantRow>) =>
    onChange({
      ...value,
      variants: value.variants.map((row, i) => (i === index ? { ...row, ...changes } : row)),
    });
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Input
        label="Name"
        required
        value={value.name}
        onChange={set('name')}
        error={errors.name}
        maxLength={200}
      />
      <Input
        label="Price"
        required
        inputMode="decimal"
        value={value.price}
        onChange={set('price')}
        error={errors.price}
        placeholder="189.00"
      />
      <Select
        label="Stock"
        value={value.stock}
        onChange={set('stock')}
        options={STOCK_OPTIONS}
        hint="The AI never sells what is sold out."
      />
      <Input
        label="Checkout or payment link"
        type="url"
        value={value.checkoutUrl}
        onChange={set('checkoutUrl')}
        error={errors.checkoutUrl}
        placeholder="https://shop.example/checkout?item={product}&qty={quantity}"
        hint="Sent with the order. {product}, {variant}, {quantity} and {total} are filled in."
      />
      <TextArea
        label="Description"
        value={value.description}
        onChange={set('description')}
        error={errors.description}
        rows={3}
        wrapperClassName="sm:col-span-2"
      />
      <TextArea
        label="Features"
        value={value.features}
        onChange={set('features')}
        rows={3}
        hint="One a line."
        wrapperClassName="sm:col-span-2"
      />
      <TextArea
        label="Image links"
        value={value.images}
        onChange={set('images')}
        error={errors.images}
        rows={2}
        hint="One http(s) link a line."
        wrapperClassName="sm:col-span-2"
      />
      <fieldset className="grid gap-3 sm:col-span-2">
        <legend className="text-sm font-medium text-slate-800">Variants</legend>
        <Input
          label="What they differ by"
          value={value.variantLabel}
          onChange={set('variantLabel')}
          placeholder="Colour"
          hint="The AI asks the customer to choose one only when there are variants."
        />
        {value.variants.map((variant, index) => (
          <div
            key={index}
            className="grid gap-2 rounded-xl border border-slate-200 p-3 sm:grid-cols-[2fr_1.5fr_1fr_auto] sm:items-end"
          >
            <Input
              label={`Variant ${index + 1}`}
              value={variant.name}
              onChange={(event) => setVariant(index, { name: event.target.value })}
              error={errors[`variants.${index}.name`]}
              placeholder="Cognac"
            />
            <Select
              label="Stock"
              value={variant.stock}
              onChange={(event) =>
                setVariant(index, { stock: event.target.value as VariantRow['stock'] })
              }
              options={STOCK_OPTIONS}
            />
            <Input
              label="Own price"
              inputMode="decimal"
              value={variant.price}
              onChange={(event) => setVariant(index, { price: event.target.value })}
              error={errors[`variants.${index}.price`]}
              placeholder="—"
            />
            <Button
              variant="ghost"
              size="sm"
              onClick={() =>
                onChange({ ...value, variants: value.variants.filter((_, i) => i !== index) })
              }
              aria-label={`Remove variant ${index + 1}`}
            >
              Remove
            </Button>
          </div>
        ))}
        <div>
          <Button
            variant="secondary"
            size="sm"
            onClick={() =>
              onChange({
                ...value,
                variants: [...value.variants, { name: '', stock: 'IN_STOCK', price: '' }],
              })
            }
          >
            Add a variant
          </Button>
        </div>
      </fieldset>
    </div>
  );
}
