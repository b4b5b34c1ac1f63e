import { prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ObjectIdScalar } from '../../graphql/objectId.scalar';

/** The kinds of offer the server can price (pricing.ts); anything else is prose. */
export enum OfferKind {
  /** `percentOff` a line of `minQuantity` or more. */
  QUANTITY_DISCOUNT = 'quantity_discount',
  /** `minQuantity` of a product for `bundlePrice`. */
  BUNDLE_PRICE = 'bundle_price',
  /** `code` named by the customer: `percentOff` or `amountOff` the order. */
  COUPON = 'coupon',
  /** No shipping fee from `minTotal` on. */
  FREE_SHIPPING = 'free_shipping',
}
registerEnumType(OfferKind, { name: 'OfferKind' });

/** One pricing rule of a campaign; which fields it uses depends on its kind. */
@ObjectType()
export class Offer {
  @Field(() => OfferKind)
  @prop({ enum: OfferKind, type: String, required: true })
  kind!: OfferKind;

  @Field(() => ObjectIdScalar, {
    nullable: true,
    description: 'The product it applies to; none: every product of the campaign',
  })
  @prop({ type: () => Types.ObjectId })
  productId?: Types.ObjectId;

  @Field(() => Int, { nullable: true })
  @prop({ min: 1 })
  minQuantity?: number;

  @Field(() => Float, { nullable: true, description: '1 to 100' })
  @prop({ min: 0, max: 100 })
  percentOff?: number;

  @Field(() => Float, { nullable: true, description: 'In the business currency' })
  @prop({ min: 0 })
  amountOff?: number;

  @Field(() => Float, { nullable: true, description: 'In the business currency' })
  @prop({ min: 0 })
  bundlePrice?: number;

  @Field({ nullable: true, description: 'The coupon code, matched without regard to case' })
  @prop({ trim: true })
  code?: string;

  @Field(() => Float, { nullable: true, description: 'In the business currency' })
  @prop({ min: 0 })
  minTotal?: number;
}
