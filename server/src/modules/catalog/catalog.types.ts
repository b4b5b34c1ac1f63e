import {
  ArrayMaxSize,
  IsEnum,
  IsOptional,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { ObjectIdScalar } from '../../graphql/objectId.scalar';
import { Features, Images, Price, ProductName, TrimmedLength } from '../../graphql/inputRules';
import { Paginated } from '../../graphql/pagination';
import type { Types } from 'mongoose';
import { OfferKind } from './offer.model';
import { Product, StockStatus } from './product.model';
import type { OfferData, ProductData, VariantData } from './catalog.service';

@InputType()
export class ProductVariantInput implements VariantData {
  @Field({ description: '1 to 80 characters: "Cognac", "Large"' })
  @TrimmedLength(1, 80)
  name!: string;

  @Field(() => StockStatus, { nullable: true, defaultValue: StockStatus.IN_STOCK })
  @IsOptional()
  @IsEnum(StockStatus)
  stock?: StockStatus;

  @Field(() => Float, { nullable: true, description: "Its own price, when not the product's" })
  @IsOptional()
  @Price()
  price?: number;
}

@InputType({ description: 'A product of the catalog' })
export class ProductInput implements ProductData {
  @Field()
  @ProductName()
  name!: string;

  @Field({ nullable: true })
  @MaxLength(5000)
  description?: string;

  @Field(() => Float, { description: 'At least 0, at most 2 decimal places' })
  @Price()
  price!: number;

  @Field(() => [String], { nullable: true, description: 'http(s) URLs, at most 20' })
  @Images()
  images?: string[];

  @Field(() => [String], { nullable: true, description: 'At most 30' })
  @Features()
  features?: string[];

  @Field({ nullable: true, description: 'What the variants differ by: "colour", "size"' })
  @IsOptional()
  @Length(1, 40)
  variantLabel?: string;

  @Field(() => [ProductVariantInput], { nullable: true, description: 'At most 50' })
  @ArrayMaxSize(50)
  @ValidateNested()
  variants?: ProductVariantInput[];

  @Field(() => StockStatus, { nullable: true })
  @IsOptional()
  @IsEnum(StockStatus)
  stock?: StockStatus;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(2000)
  checkoutUrl?: string;
}

@InputType({ description: 'Changes to a product: only the fields given change' })
export class ProductUpdateInput implements Partial<ProductData> {
  @Field({ nullable: true })
  @ProductName()
  name?: string;

  @Field({ nullable: true })
  @MaxLength(5000)
  description?: string;

  @Field(() => Float, { nullable: true })
  @Price()
  price?: number;

  @Field(() => [String], { nullable: true })
  @Images()
  images?: string[];

  @Field(() => [String], { nullable: true })
  @Features()
  features?: string[];

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 40)
  variantLabel?: string;

  @Field(() => [ProductVariantInput], { nullable: true })
  @ArrayMaxSize(50)
  @ValidateNested()
  variants?: ProductVariantInput[];

  @Field(() => StockStatus, { nullable: true })
  @IsOptional()
  @IsEnum(StockStatus)
  stock?: StockStatus;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(2000)
  checkoutUrl?: string;
}

@InputType({ description: 'A pricing rule; the fields its kind needs are required' })
export class OfferInput implements OfferData {
  @Field(() => OfferKind)
  @IsEnum(OfferKind)
  kind!: OfferKind;

  @Field(() => ObjectIdScalar, { nullable: true, description: 'One of the campaign products' })
  productId?: Types.ObjectId;

  @Field(() => Int, { nullable: true })
  minQuantity?: number;

  @Field(() => Float, { nullable: true })
  percentOff?: number;

  @Field(() => Float, { nullable: true })
  amountOff?: number;

  @Field(() => Float, { nullable: true })
  bundlePrice?: number;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(40)
  code?: string;

  @Field(() => Float, { nullable: true })
  minTotal?: number;
}

@ObjectType()
export class ProductPage extends Paginated(Product) {}
