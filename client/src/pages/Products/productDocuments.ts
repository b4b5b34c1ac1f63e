import { graphql } from '../../gql';

/** What the product form edits, and the list shows. */
export const ProductFormProduct = graphql(`
  fragment ProductForm_product on Product {
    id
    name
    description
    price
    stock
    features
    images
    variantLabel
    checkoutUrl
    variants {
      name
      stock
      price
    }
  }
`);

export const ProductListDocument = graphql(`
  query ProductList($search: String, $page: Int!, $limit: Int!) {
    products(search: $search, page: $page, limit: $limit) {
      total
      page
      pages
      items {
        id
        ...ProductForm_product
      }
    }
  }
`);

export const CreateProductDocument = graphql(`
  mutation CreateProduct($input: ProductInput!) {
    createProduct(input: $input) {
      id
      ...ProductForm_product
    }
  }
`);

export const UpdateProductDocument = graphql(`
  mutation UpdateProduct($id: ObjectId!, $input: ProductUpdateInput!) {
    updateProduct(id: $id, input: $input) {
      id
      ...ProductForm_product
    }
  }
`);

export const DeleteProductDocument = graphql(`
  mutation DeleteProduct($id: ObjectId!) {
    deleteProduct(id: $id)
  }
`);
