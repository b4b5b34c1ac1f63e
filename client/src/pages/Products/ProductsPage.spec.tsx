import { screen, within } from '@testing-library/react';
import { renderPage } from '../../../test/renderPage';
import { CreateProductDocument, ProductListDocument } from './productDocuments';
import { ProductsPage } from './ProductsPage';

const product = (overrides: Record<string, unknown> = {}) => ({
  __typename: 'Product',
  id: '665f1c2e9b1e8a3d4c5b6a01',
  name: 'Classic Tote',
  description: null,
  price: 189,
  stock: 'IN_STOCK',
  features: [],
  images: [],
  variantLabel: 'Colour',
  checkoutUrl: null,
  variants: [
    { __typename: 'ProductVariant', name: 'Cognac', stock: 'IN_STOCK', price: null },
    { __typename: 'ProductVariant', name: 'Tan', stock: 'OUT_OF_STOCK', price: null },
  ],
  ...overrides,
});
const list = (items: unknown[]) => ({
  request: { query: ProductListDocument, variables: { page: 1, limit: 100 } },
  result: {
    data: {
      products: { __typename: 'ProductPage', total: items.length, page: 1, pages: 1, items },
    },
  },
});

describe('Products', () => {
  it('lists the catalog with prices in the business currency, stock and variants', async () => {
    renderPage(<ProductsPage />, [list([product()])], '/products');
    const table = await screen.findByRole('table', { name: 'Your products' });
    const row = (await within(table).findByText('Classic Tote')).closest('tr')!;
    expect(within(row).getByText('$189.00')).toBeTruthy();
    expect(within(row).getByText('In stock')).toBeTruthy();
    expect(within(row).getByText('Cognac, Tan (sold out)')).toBeTruthy();
  });

  it('creates a product with two variants and shows it', async () => {
    const input = {
      name: 'Mini Tote',
      price: 129,
      stock: 'IN_STOCK',
      features: [],
      images: [],
      variantLabel: 'Colour',
      variants: [
        { name: 'Black', stock: 'IN_STOCK' },
        { name: 'Red', stock: 'OUT_OF_STOCK', price: 139 },
      ],
    };
    const created = product({
      id: '665f1c2e9b1e8a3d4c5b6a02',
      name: 'Mini Tote',
      price: 129,
      variants: [
        { __typename: 'ProductVariant', name: 'Black', stock: 'IN_STOCK', price: null },
        { __typename: 'ProductVariant', name: 'Red', stock: 'OUT_OF_STOCK', price: 139 },
      ],
    });
    const user = renderPage(
      <ProductsPage />,
      [
        list([]),
        {
          request: { query: CreateProductDocument, variables: { input } },
          result: { data: { createProduct: created } },
        },
        list([created]),
      ],
      '/products',
    );
    await screen.findByText('No products yet');
    await user.click(screen.getAllByRole('button', { name: 'New product' })[0]!);
    const dialog = screen.getByRole('dialog', { name: 'New product' });
    await user.type(within(dialog).getByLabelText(/^Name/), 'Mini Tote');
    // A price the server would refuse is caught first.
    await user.type(within(dialog).getByLabelText(/^Price/), '12.999');
    await user.click(within(dialog).getByRole('button', { name: 'Save product' }));
    expect(await within(dialog).findByText('Enter a price such as 189 or 189.00.')).toBeTruthy();
    await user.clear(within(dialog).getByLabelText(/^Price/));
    await user.type(within(dialog).getByLabelText(/^Price/), '129');
    await user.type(within(dialog).getByLabelText('What they differ by'), 'Colour');
    await user.click(within(dialog).getByRole('button', { name: 'Add a variant' }));
    await user.type(within(dialog).getByLabelText('Variant 1'), 'Black');
    await user.click(within(dialog).getByRole('button', { name: 'Add a variant' }));
    await user.type(within(dialog).getByLabelText('Variant 2'), 'Red');
    const stocks = within(dialog).getAllByLabelText('Stock');
    await user.selectOptions(stocks[2]!, 'OUT_OF_STOCK');
    await user.type(within(dialog).getAllByLabelText('Own price')[1]!, '139');
    await user.click(within(dialog).getByRole('button', { name: 'Save product' }));
    expect(await screen.findByText('Mini Tote saved.')).toBeTruthy();
    const table = await screen.findByRole('table', { name: 'Your products' });
    expect(await within(table).findByText('Black, Red (sold out)')).toBeTruthy();
  });
});
