import type { Types } from 'mongoose';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { RequestContext } from '../../auth/context';
import { ownScope, scopeOf } from '../../auth/ownership';
import { ObjectIdScalar } from '../../graphql/objectId.scalar';
import { PageArgs, type Page } from '../../graphql/pagination';
import { ProductService } from './catalog.service';
import { ProductInput, ProductPage, ProductUpdateInput } from './catalog.types';
import { Product, type CatalogProduct } from './product.model';

/** Thin: the caller's scope plus the arguments go to ProductService. */
@Resolver(() => Product)
export class ProductResolver {
  constructor(private readonly productService: ProductService) {}

  @FieldResolver(() => ObjectIdScalar, {
    nullable: true,
    description: "The catalog product's id; none for a campaign's product made before the catalog",
  })
  id(@Root() product: Product & { _id?: Types.ObjectId; productId?: Types.ObjectId }) {
    return product._id ?? product.productId ?? null;
  }

  @Authorized()
  @Query(() => ProductPage, { description: 'Your catalog, newest first' })
  products(
    @Arg('search', () => String, { nullable: true, description: 'Text in the name' })
    search: string | null,
    @Arg('userId', () => ObjectIdScalar, {
      nullable: true,
      description: "Admins only: this user's products",
    })
    userId: Types.ObjectId | null,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
  ): Promise<Page<CatalogProduct>> {
    return this.productService.list(scopeOf(ctx, userId), search, page);
  }

  @Authorized()
  @Query(() => Product, { nullable: true, description: 'NOT_FOUND unless it is yours' })
  product(
    @Arg('id', () => ObjectIdScalar) id: Types.ObjectId,
    @Ctx() ctx: RequestContext,
  ): Promise<CatalogProduct> {
    return this.productService.get(id, scopeOf(ctx));
  }

  @Authorized()
  @Mutation(() => Product, { description: 'A new product in your catalog' })
  createProduct(
    @Arg('input', () => ProductInput) input: ProductInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CatalogProduct> {
    return this.productService.create(input, ownScope(ctx));
  }

  @Authorized()
  @Mutation(() => Product, { description: 'Changes only the fields given; null clears' })
  updateProduct(
    @Arg('id', () => ObjectIdScalar) id: Types.ObjectId,
    @Arg('input', () => ProductUpdateInput) input: ProductUpdateInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CatalogProduct> {
    return this.productService.update(id, input, scopeOf(ctx));
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description:
      "Refused while it is a campaign's main product; leaves campaigns it is an alternative in",
  })
  deleteProduct(
    @Arg('id', () => ObjectIdScalar) id: Types.ObjectId,
    @Ctx() ctx: RequestContext,
  ): Promise<boolean> {
    return this.productService.remove(id, scopeOf(ctx));
  }
}
