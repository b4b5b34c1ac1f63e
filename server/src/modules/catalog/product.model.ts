import { getModelForClass, index, modelOptions, plugin, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { forgetOnWrite } from '../../db/embeddedReadCache';
import { catalogProducts } from './catalogCache';

export enum StockStatus {
  IN_STOCK = 'in_stock',
  LOW_STOCK = 'low_stock',
  OUT_OF_STOCK = 'out_of_stock',
}
registerEnumType(StockStatus, { name: 'StockStatus' });

/** What may be sold: anything but sold out (a product or variant saved before has no status). */
export const inStock = (stock: StockStatus | undefined): boolean =>
  stock !== StockStatus.OUT_OF_STOCK;

/** One option of a product: a colour, a size; sold only while it has stock. */
@ObjectType()
export class ProductVariant {
  @Field()
  @prop({ required: true, trim: true })
  name!: string;

  @Field(() => StockStatus)
  @prop({ enum: StockStatus, type: String, default: StockStatus.IN_STOCK })
  stock!: StockStatus;

  @Field(() => Float, { nullable: true, description: "Its own price, when not the product's" })
  @prop({ min: 0 })
  price?: number;
}

/**
 * What a business sells, as the AI quotes it: a catalog product, or the product a campaign
 * made before the catalog stored inline (campaign.model.ts keeps a copy of its main product
 * in this shape, so either reads the same). Prices are in the business currency, major units.
 */
@ObjectType()
export class Product {
  @Field()
  @prop({ required: true, trim: true })
  name!: string;

  @Field({ nullable: true })
  @prop()
  description?: string;

  @Field(() => Float, { description: 'In the business currency' })
  @prop({ required: true, min: 0, default: 0 })
  price!: number;

  @Field(() => [String])
  @prop({ type: () => [String], default: [] })
  images!: string[];

  @Field(() => [String])
  @prop({ type: () => [String], default: [] })
  features!: string[];

  @Field({ nullable: true, description: 'What the variants differ by: "colour", "size"' })
  @prop({ trim: true })
  variantLabel?: string;

  @Field(() => [ProductVariant])
  @prop({ type: () => [ProductVariant], _id: false, default: [] })
  variants!: ProductVariant[];

  @Field(() => StockStatus)
  @prop({ enum: StockStatus, type: String, default: StockStatus.IN_STOCK })
  stock!: StockStatus;

  @Field({
    nullable: true,
    description:
      'Checkout or payment link; {product}, {variant}, {quantity} and {total} are filled in',
  })
  @prop({ trim: true })
  checkoutUrl?: string;
}

@modelOptions({ schemaOptions: { collection: 'products', timestamps: true } })
@index({ userId: 1, createdAt: -1 })
@plugin(forgetOnWrite, { caches: [catalogProducts] })
export class CatalogProduct extends Product {
  readonly _id!: Types.ObjectId;

  @prop({ type: () => Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  readonly createdAt!: Date;
  readonly updatedAt!: Date;
}

export const ProductModel = getModelForClass(CatalogProduct);
