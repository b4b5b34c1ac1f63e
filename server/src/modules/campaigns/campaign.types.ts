import {
  ArrayMaxSize,
  IsUrl,
  Length,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
  buildMessage,
} from 'class-validator';
import { Field, Float, InputType, ObjectType } from 'type-graphql';
import { Paginated } from '../../graphql/pagination';
import { TargetPlatform } from '../../platforms/platform';
import { Campaign } from './campaign.model';
import type {
  ChatFlowData,
  DemographicsData,
  ObjectionData,
  ProductData,
  TargetAudienceData,
} from './campaign.service';

/*
 * Inputs never declare userId, status, stats or timestamps: GraphQL itself refuses them,
 * so mass assignment is impossible. type-graphql turns nested inputs into instances of
 * these classes, so @ValidateNested() is enough for class-validator to descend into them
 * (no class-transformer needed); field paths come out as e.g. `product.price`.
 */

/** Applies several property decorators as one rule. */
const rules =
  (...decorators: PropertyDecorator[]): PropertyDecorator =>
  (target, key) => {
    for (const decorate of decorators) decorate(target, key);
  };

/** Length of the text without surrounding whitespace, which the service trims off. */
const TrimmedLength = (min: number, max: number): PropertyDecorator =>
  ValidateBy({
    name: 'trimmedLength',
    constraints: [min, max],
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && value.trim().length >= min && value.trim().length <= max,
      defaultMessage: buildMessage(
        (each) => `${each}$property must be $constraint1 to $constraint2 characters long`,
      ),
    },
  });

const urlOptions = { protocols: ['http', 'https'], require_protocol: true };

const CampaignName = () => TrimmedLength(1, 120);
const ProductName = () => TrimmedLength(1, 200);
/**
 * A finite number with at most two decimals. class-validator's `maxDecimalPlaces` reads
 * the decimals from `toString()` and throws on exponent forms such as 1e-7.
 */
const Price = () =>
  rules(
    ValidateBy({
      name: 'price',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'number' && Number.isFinite(value) && Number(value.toFixed(2)) === value,
        defaultMessage: () => 'price must be a number with at most 2 decimal places',
      },
    }),
    Min(0),
  );
const Images = () =>
  rules(
    ArrayMaxSize(20),
    MaxLength(2000, { each: true }),
    IsUrl(urlOptions, { each: true, message: 'each image must be an http(s) URL' }),
  );
const Features = () => rules(ArrayMaxSize(30), Length(1, 200, { each: true }));
const LongText = () => MaxLength(2000);

@InputType({ description: 'A new campaign product' })
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
}

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

@InputType()
export class CampaignInput {
  @Field({ description: '1 to 120 characters' })
  @CampaignName()
  name!: string;

  @Field(() => ProductInput)
  @ValidateNested()
  product!: ProductInput;

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
export class UpdateCampaignInput {
  @Field({ nullable: true })
  @CampaignName()
  name?: string;

  @Field(() => ProductUpdateInput, { nullable: true })
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
