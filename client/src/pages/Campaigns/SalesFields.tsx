import { useQuery } from '@apollo/client/react';
import { Link } from 'react-router-dom';
import { Button, Card, Input, Select } from '../../components/ui';
import { graphql } from '../../gql';
import type { OfferKind } from '../../gql/graphql';
import { formatMoney } from '../../lib/format';
import { emptyOffer, type CampaignFormState, type OfferRow } from './campaignFormState';

export const CampaignProductChoicesDocument = graphql(`
  query CampaignProductChoices {
    products(limit: 100) {
      items {
        id
        name
        price
      }
    }
  }
`);

const KINDS: { value: OfferKind; label: string }[] = [
  { value: 'QUANTITY_DISCOUNT', label: 'Quantity discount' },
  { value: 'BUNDLE_PRICE', label: 'Bundle price' },
  { value: 'COUPON', label: 'Coupon code' },
  { value: 'FREE_SHIPPING', label: 'Free shipping' },
];

type Sales = CampaignFormState['sales'];

interface SalesFieldsProps {
  sales: Sales;
  errorOf: (path: string) => string | undefined;
  onChange: (paths: string[], sales: Sales) => void;
}

/**
 * What else the campaign sells and the rules its prices follow: the server computes every
 * total from these offers, so a discount the playbook promises must be one of them.
 */
export function SalesFields({ sales, errorOf, onChange }: SalesFieldsProps) {
  // Products are added on their own page: the list is asked again each time the editor opens.
  const { data } = useQuery(CampaignProductChoicesDocument, { fetchPolicy: 'cache-and-network' });
  const choices = (data?.products.items ?? []).filter(
    (product) => product.id && product.id !== sales.mainProductId,
  );
  const setOffer = (index: number, changes: Partial<OfferRow>) =>
    onChange([`offers.${index}`], {
      ...sales,
      offers: sales.offers.map((row, i) => (i === index ? { ...row, ...changes } : row)),
    });
  const scopeOptions = [
    { value: '', label: 'Every product' },
    ...choices
      .filter((product) => sales.alternativeIds.includes(product.id!))
      .map((product) => ({ value: product.id!, label: product.name })),
  ];
  const field = (index: number, name: keyof OfferRow, label: string, placeholder?: string) => (
    <Input
      label={label}
      inputMode={name === 'code' ? 'text' : 'decimal'}
      value={sales.offers[index]![name]}
      placeholder={placeholder}
      error={errorOf(`offers.${index}.${name}`)}
      onChange={(e) => setOffer(index, { [name]: e.target.value })}
    />
  );

  return (
    <Card
      title="Offers and checkout"
      description="Discounts are rules, not prose: the AI quotes totals computed from them."
    >
      <div className="grid gap-5">
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Also offer</legend>
          <p className="mt-1 text-sm text-slate-600">
            Alternatives the AI suggests for a cheaper or a better option.{' '}
            <Link to="/products" className="font-medium text-indigo-700 underline">
              Manage products
            </Link>
          </p>
          {choices.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">No other products in your catalog yet.</p>
          ) : (
            <ul className="mt-2 grid gap-2 sm:grid-cols-2">
              {choices.map((product) => (
                <li key={product.id}>
                  <label className="flex items-center gap-2 text-sm text-slate-800">
                    <input
                      type="checkbox"
                      checked={sales.alternativeIds.includes(product.id!)}
                      onChange={(e) =>
                        onChange(['productIds'], {
                          ...sales,
                          alternativeIds: e.target.checked
                            ? [...sales.alternativeIds, product.id!]
                            : sales.alternativeIds.filter((id) => id !== product.id),
                        })
                      }
                    />
                    {product.name} · {formatMoney(product.price)}
                  </label>
                </li>
              ))}
            </ul>
          )}
        </fieldset>

        <fieldset className="grid gap-3">
          <legend className="text-sm font-medium text-slate-800">Offers</legend>
          {sales.offers.map((offer, index) => (
            <div
              key={index}
              className="grid gap-2 rounded-xl border border-slate-200 p-3 sm:grid-cols-3 sm:items-end"
            >
              <Select
                label={`Offer ${index + 1}`}
                value={offer.kind}
                options={KINDS}
                onChange={(e) => setOffer(index, emptyOffer(e.target.value as OfferKind))}
              />
              {offer.kind === 'QUANTITY_DISCOUNT' && (
                <>
                  {field(index, 'minQuantity', 'From quantity', '2')}
                  {field(index, 'percentOff', '% off', '10')}
                </>
              )}
              {offer.kind === 'BUNDLE_PRICE' && (
                <>
                  {field(index, 'minQuantity', 'Quantity', '2')}
                  {field(index, 'bundlePrice', 'For the price of', '350.00')}
                </>
              )}
              {offer.kind === 'COUPON' && (
                <>
                  {field(index, 'code', 'Code', 'WELCOME10')}
                  {field(index, 'percentOff', '% off (or an amount)', '10')}
                  {field(index, 'amountOff', 'Amount off', '5.00')}
                </>
              )}
              {offer.kind === 'FREE_SHIPPING' &&
                field(index, 'minTotal', 'From an order of', '150.00')}
              {offer.kind !== 'FREE_SHIPPING' && offer.kind !== 'COUPON' && (
                <Select
                  label="Applies to"
                  value={offer.productId}
                  options={scopeOptions}
                  error={errorOf(`offers.${index}.productId`)}
                  onChange={(e) => setOffer(index, { productId: e.target.value })}
                />
              )}
              <Button
                variant="ghost"
                size="sm"
                aria-label={`Remove offer ${index + 1}`}
                onClick={() =>
                  onChange(['offers'], {
                    ...sales,
                    offers: sales.offers.filter((_, i) => i !== index),
                  })
                }
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
                onChange(['offers'], { ...sales, offers: [...sales.offers, emptyOffer()] })
              }
            >
              Add an offer
            </Button>
          </div>
        </fieldset>

        <div className="grid gap-4 sm:grid-cols-2">
          <Input
            label="Shipping per order"
            inputMode="decimal"
            value={sales.shippingFee}
            placeholder="Not charged"
            error={errorOf('shippingFee')}
            hint="Added to every total unless a free-shipping offer applies."
            onChange={(e) => onChange(['shippingFee'], { ...sales, shippingFee: e.target.value })}
          />
          <Input
            label="Checkout link"
            type="url"
            value={sales.checkoutUrl}
            placeholder="https://shop.example/checkout?item={product}&qty={quantity}"
            error={errorOf('checkoutUrl')}
            hint="For products without their own link; sent with the order."
            onChange={(e) => onChange(['checkoutUrl'], { ...sales, checkoutUrl: e.target.value })}
          />
        </div>
      </div>
    </Card>
  );
}
