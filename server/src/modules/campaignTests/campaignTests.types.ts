import {
  ArrayMaxSize,
  ArrayMinSize,
  IsOptional,
  Length,
  Min,
  ValidateNested,
} from 'class-validator';
import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { TrimmedLength } from '../../graphql/inputRules';
import type { TestExpectations } from './campaignTest.model';
import type { CampaignTestData } from './campaignTests.service';

@InputType()
export class TestExpectationsInput implements Partial<TestExpectations> {
  @Field({ nullable: true })
  converted?: boolean;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @Min(0)
  orderValue?: number;

  @Field({ nullable: true })
  qualified?: boolean;

  @Field({ nullable: true })
  @IsOptional()
  @Length(1, 500)
  objection?: string;

  @Field({ nullable: true })
  handsOff?: boolean;

  @Field(() => [String], { nullable: true, description: 'At most 10' })
  @ArrayMaxSize(10)
  @Length(1, 200, { each: true })
  mentions?: string[];

  @Field(() => [String], { nullable: true, description: 'At most 10' })
  @ArrayMaxSize(10)
  @Length(1, 200, { each: true })
  notMentions?: string[];
}

@InputType({ description: 'A test conversation: the customer lines and what must happen' })
export class CampaignTestInput implements CampaignTestData {
  @Field({ description: '1 to 120 characters' })
  @TrimmedLength(1, 120)
  name!: string;

  @Field(() => [String], { description: '1 to 10 customer messages, each up to 1,000 characters' })
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @TrimmedLength(1, 1000, { each: true })
  lines!: string[];

  @Field(() => TestExpectationsInput, { nullable: true })
  @ValidateNested()
  expect?: TestExpectationsInput;
}

@ObjectType({ description: '"7 of 8 tests pass"' })
export class CampaignTestSummary {
  @Field(() => Int)
  total!: number;

  @Field(() => Int)
  passed!: number;

  @Field({ nullable: true, description: 'When the last test ran' })
  ranAt?: Date;

  @Field({ description: 'A run is playing the tests now; the verdicts follow when it ends' })
  running!: boolean;
}
