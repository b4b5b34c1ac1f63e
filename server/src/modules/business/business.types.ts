import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsOptional,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  Validate,
  ValidateNested,
} from 'class-validator';
import { IsTimeZone } from '../integrations/settingsValidation';
import { WebAddress } from './website';
import { ArgsType, Field, Float, InputType, Int, ObjectType } from 'type-graphql';

const CURRENCIES = Intl.supportedValuesOf('currency');

@InputType()
export class DocumentInput {
  @Field()
  @Length(1, 200)
  name!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Where it lives (https:// added when missing); or give its text',
  })
  @IsOptional()
  @WebAddress()
  @MaxLength(2000)
  url?: string | null;

  @Field({ nullable: true, description: "The document's text, for training (up to 200 KB)" })
  @IsOptional()
  @MaxLength(200 * 1024)
  text?: string;
}

/** Every field optional: updateBusinessInfo changes only what is given. */
@InputType()
export class BusinessInfoInput {
  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 120)
  businessName?: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(120)
  ownerName?: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(80)
  industry?: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(10_000)
  description?: string;

  @Field({ nullable: true, description: 'leatherloft.shop or https://leatherloft.shop' })
  @IsOptional()
  @WebAddress()
  @MaxLength(2000)
  website?: string;

  @Field({ nullable: true })
  @IsOptional()
  @Matches(/^\+?[0-9 ()./-]{5,30}$/, { message: 'must be a phone number' })
  phone?: string;

  @Field({ nullable: true, description: 'ISO 4217 code, such as EUR or USD' })
  @IsOptional()
  @IsIn(CURRENCIES, { message: 'currency must be an ISO 4217 code such as USD, EUR or GBP' })
  currency?: string;

  @Field({ nullable: true, description: 'IANA time zone, such as Europe/Paris' })
  @IsOptional()
  @Validate(IsTimeZone)
  timezone?: string;

  @Field({ nullable: true, description: "The AI's first reply says it is an assistant" })
  @IsOptional()
  @IsBoolean()
  aiDisclosure?: boolean;

  @Field(() => [DocumentInput], { nullable: true, description: 'Replaces the list when given' })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested()
  documents?: DocumentInput[];
}

@ObjectType()
export class FoundPassage {
  @Field()
  source!: string;

  @Field()
  text!: string;

  @Field(() => Float, { description: 'BM25 relevance: higher is closer to the question' })
  score!: number;
}

@ArgsType()
export class KnowledgeSearchArgs {
  @Field({ description: 'A question as a customer would ask it' })
  @Length(1, 500)
  query!: string;

  @Field(() => Int, { defaultValue: 3 })
  @Min(1)
  @Max(10)
  limit: number = 3;
}
