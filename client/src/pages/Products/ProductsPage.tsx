import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import {
  Badge,
  Button,
  Card,
  ConfirmDialog,
  EmptyState,
  Modal,
  PageHeader,
  Table,
  TagIcon,
  useToast,
  type TableColumn,
} from '../../components/ui';
import { getFragmentData, type FragmentType } from '../../gql';
import type { ProductForm_ProductFragment } from '../../gql/graphql';
import { serverFieldMessages, type FieldMessages } from '../../lib/fieldErrors';
import { formatMoney } from '../../lib/format';
import { ProductForm } from './ProductForm';
import {
  CreateProductDocument,
  DeleteProductDocument,
  ProductFormProduct,
  ProductListDocument,
  UpdateProductDocument,
} from './productDocuments';
import {
  EMPTY_PRODUCT,
  productFormOf,
  productInput,
  STOCK_OPTIONS,
  validateProduct,
  type ProductFormState,
} from './productFormState';

const STOCK_TONE = { IN_STOCK: 'success', LOW_STOCK: 'warning', OUT_OF_STOCK: 'danger' } as const;
const stockLabel = (stock: ProductForm_ProductFragment['stock']) =>
  STOCK_OPTIONS.find((option) => option.value === stock)?.label ?? stock;

/** The catalog: what campaigns sell and the AI quotes, with variants, stock and links. */
export function ProductsPage() {
  const toast = useToast();
  const { data, loading, refetch } = useQuery(ProductListDocument, {
    variables: { page: 1, limit: 100 },
  });
  const [create, { loading: creating }] = useMutation(CreateProductDocument);
  const [update, { loading: updating }] = useMutation(UpdateProductDocument);
  const [remove, { loading: removing }] = useMutation(DeleteProductDocument);
  const [editing, setEditing] = useState<{ id?: string; form: ProductFormState } | null>(null);
  const [errors, setErrors] = useState<FieldMessages>({});
  const [deleting, setDeleting] = useState<ProductForm_ProductFragment | null>(null);

  const products = (data?.products.items ?? []).map((item) =>
    getFragmentData(ProductFormProduct, item as FragmentType<typeof ProductFormProduct>),
  );

  function open(product?: ProductForm_ProductFragment) {
    setErrors({});
    setEditing(
      product
        ? { id: product.id ?? undefined, form: productFormOf(product) }
        : { form: EMPTY_PRODUCT },
    );
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!editing) return;
    const found = validateProduct(editing.form);
    setErrors(found);
    if (Object.keys(found).length) return;
    const input = productInput(editing.form);
    try {
      if (editing.id) {
        await update({ variables: { id: editing.id, input } });
      } else {
        const { variants, ...rest } = input;
        await create({
          variables: {
            input: {
              ...rest,
              description: rest.description ?? undefined,
              variantLabel: rest.variantLabel ?? undefined,
              checkoutUrl: rest.checkoutUrl ?? undefined,
              variants: variants.map((v) => ({ ...v, price: v.price ?? undefined })),
            },
          },
        });
        await refetch();
      }
      toast.success(`${input.name} saved.`);
      setEditing(null);
    } catch (err) {
      setErrors(serverFieldMessages(err));
      toast.error(err);
    }
  }

  async function confirmDelete() {
    if (!deleting?.id) return;
    try {
      await remove({ variables: { id: deleting.id } });
      await refetch();
      toast.success(`${deleting.name} deleted.`);
    } catch (err) {
      toast.error(err);
    }
    setDeleting(null);
  }

  const columns: TableColumn<ProductForm_ProductFragment>[] = [
    {
      key: 'name',
      header: 'Product',
      render: (p) => <span className="font-medium text-slate-900">{p.name}</span>,
    },
    { key: 'price', header: 'Price', align: 'right', render: (p) => formatMoney(p.price) },
    {
      key: 'stock',
      header: 'Stock',
      render: (p) => <Badge tone={STOCK_TONE[p.stock]}>{stockLabel(p.stock)}</Badge>,
    },
    {
      key: 'variants',
      header: 'Variants',
      render: (p) =>
        p.variants.length === 0
          ? '—'
          : p.variants
              .map((v) => (v.stock === 'OUT_OF_STOCK' ? `${v.name} (sold out)` : v.name))
              .join(', '),
    },
    {
      key: 'actions',
      header: <span className="sr-only">Actions</span>,
      align: 'right',
      render: (p) => (
        <div className="flex justify-end gap-2">
          <Button
            size="sm"
            variant="secondary"
            onClick={() => open(p)}
            aria-label={`Edit ${p.name}`}
          >
            Edit
          </Button>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => setDeleting(p)}
            aria-label={`Delete ${p.name}`}
          >
            Delete
          </Button>
        </div>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title="Products"
        description="What you sell: the AI quotes these prices, asks for variants and never sells what is sold out."
        actions={<Button onClick={() => open()}>New product</Button>}
      />
      <Card>
        <Table
          caption="Your products"
          columns={columns}
          rows={products}
          rowKey={(p) => p.id ?? p.name}
          loading={loading && !data}
          empty={
            <EmptyState
              icon={<TagIcon className="h-6 w-6" />}
              title="No products yet"
              description="Add what you sell, with its price, variants and checkout link; campaigns then feature them."
              action={<Button onClick={() => open()}>New product</Button>}
            />
          }
        />
      </Card>
      <Modal
        open={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.id ? 'Edit product' : 'New product'}
        size="lg"
        footer={
          <>
            <Button variant="secondary" onClick={() => setEditing(null)}>
              Cancel
            </Button>
            <Button type="submit" form="product-form" loading={creating || updating}>
              Save product
            </Button>
          </>
        }
      >
        {editing && (
          <form id="product-form" noValidate onSubmit={(e) => void save(e)}>
            <ProductForm
              value={editing.form}
              errors={errors}
              onChange={(form) => setEditing({ ...editing, form })}
            />
          </form>
        )}
      </Modal>
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete ${deleting?.name ?? 'this product'}?`}
        message="Campaigns that offer it as an alternative stop offering it. A campaign's main product cannot be deleted."
        confirmLabel="Delete product"
        danger
        loading={removing}
        onConfirm={() => void confirmDelete()}
        onCancel={() => setDeleting(null)}
      />
    </>
  );
}
