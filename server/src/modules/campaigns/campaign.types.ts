import { ArrayMaxSize, Length, MaxLength, ValidateNested } from 'class-validator';
import type { Types } from 'mongoose';
import { Field, Float, InputType, ObjectType } from 'type-graphql';
import { Price, TrimmedLength } from '../../graphql/inputRules';
import { ObjectIdScalar } from '../../graphql/objectId.scalar';
import { OfferInput, ProductInput, ProductUpdateInput } from '../catalog/catalog.types';
import { Paginated } from '../../graphql/pagination';
import { TargetPlatform } from '../../platforms/platform';
import { Campaign } from './campaign.model';
import type {
  ChatFlowData,
  DemographicsData,
  ObjectionData,
  TargetAudienceData,
} from './campaign.service';

/*
 * Inputs never declare userId, status, stats or timestamps: GraphQL itself refuses them,
 * so mass assignment is impossible. type-graphql turns nested inputs into instances of
 * these classes, so @ValidateNested() is enough for class-validator to descend into them
 * (no class-transformer needed); field paths come out as e.g. `product.price`.
 */

const CampaignName = () => TrimmedLength(1, 120);
const LongText = () => MaxLength(2000);

@InputType()
export class ObjectionResponseInput implements ObjectionData {
  @Field()
  @Length(1, 500)
  objection!: string;

  @Field()
  @Length(1, 2000)
  response!: string;
}

@InputType({ description: 'The chat playbook; in updates only the fields given change' })
export class ChatFlowInput implements ChatFlowData {
  @Field({ nullable: true })
  @LongText()
  greeting?: string;

  @Field(() => [String], { nullable: true, description: 'At most 20' })
  @ArrayMaxSize(20)
  @Length(1, 500, { each: true })
  qualificationQuestions?: string[];

  @Field(() => [ObjectionResponseInput], { nullable: true, description: 'At most 20' })
  @ArrayMaxSize(20)
  @ValidateNested()
  objectionHandling?: ObjectionResponseInput[];

  @Field({ nullable: true })
  @LongText()
  closingMessage?: string;
}

@InputType()
export class DemographicsInput implements DemographicsData {
  @Field({ nullable: true })
  @MaxLength(50)
  ageRange?: string;

  @Field(() => [String], { nullable: true })
  @ArrayMaxSize(20)
  @Length(1, 200, { each: true })
  location?: string[];

  @Field(() => [String], { nullable: true })
  @ArrayMaxSize(30)
  @Length(1, 200, { each: true })
  interests?: string[];
}

@InputType()
export class TargetAudienceInput implements TargetAudienceData {
  @Field(() => DemographicsInput, { nullable: true })
  @ValidateNested()
  demographics?: DemographicsInput;

  @Field({ nullable: true })
  @LongText()
  persona?: string;
}

/** What a campaign sells and how its totals are priced: in new campaigns and in updates. */
@InputType()
abstract class CampaignSalesInput {
  @Field(() => [ObjectIdScalar], {
    nullable: true,
    description: 'Catalog products it sells, the main one first; at most 10',
  })
  @ArrayMaxSize(10)
  productIds?: Types.ObjectId[];

  @Field(() => [OfferInput], { nullable: true, description: 'Replaces the list; at most 20' })
  @ArrayMaxSize(20)
  @ValidateNested()
  offers?: OfferInput[];

  @Field(() => Float, {
    nullable: true,
    description: 'Shipping per order, unless an offer waives it',
  })
  @Price()
  shippingFee?: number;

  @Field({ nullable: true, description: 'Checkout link for products without their own' })
  @MaxLength(2000)
  checkoutUrl?: string;
}

@InputType()
export class CampaignInput extends CampaignSalesInput {
  @Field({ description: '1 to 120 characters' })
  @CampaignName()
  name!: string;

  @Field(() => ProductInput, {
    nullable: true,
    description: 'A new catalog product, the main one (productIds are then the alternatives)',
  })
  @ValidateNested()
  product?: ProductInput;

  @Field(() => TargetPlatform, { defaultValue: TargetPlatform.ALL })
  targetPlatform!: TargetPlatform;

  @Field(() => ChatFlowInput, { nullable: true })
  @ValidateNested()
  chatFlow?: ChatFlowInput;

  @Field(() => TargetAudienceInput, { nullable: true })
  @ValidateNested()
  targetAudience?: TargetAudienceInput;

  @Field({ nullable: true })
  @LongText()
  outreachMessage?: string;
}

@InputType({
  description:
    'Only the fields given change, nested ones too; lists given replace the stored list. ' +
    'null clears an optional field.',
})
export class UpdateCampaignInput extends CampaignSalesInput {
  @Field({ nullable: true })
  @CampaignName()
  name?: string;

  @Field(() => ProductUpdateInput, {
    nullable: true,
    description: 'Changes the main product (in the catalog, when it is from there)',
  })
  @ValidateNested()
  product?: ProductUpdateInput;

  @Field(() => TargetPlatform, { nullable: true })
  targetPlatform?: TargetPlatform;

  @Field(() => ChatFlowInput, { nullable: true })
  @ValidateNested()
  chatFlow?: ChatFlowInput;

  @Field(() => TargetAudienceInput, { nullable: true })
  @ValidateNested()
  targetAudience?: TargetAudienceInput;

  @Field({ nullable: true })
  @LongText()
  outreachMessage?: string;
}

@ObjectType()
export class CampaignPage extends Paginated(Campaign) {}
