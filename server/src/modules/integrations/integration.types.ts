import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  Validate,
  ValidateNested,
} from 'class-validator';
import { Field, InputType, Int } from 'type-graphql';
import { Platform } from '../../platforms/platform';
import { CloseAfterOpen, HH_MM, IsTimeZone } from './settingsValidation';

/** A Meta id (Page, account, number, app, configuration): digits only. */
export const META_ID = /^\d{1,25}$/;
const metaId = (what: string) => ({ message: `${what} must be a numeric Meta id (1-25 digits).` });
const hhmm = { message: 'Use a 24-hour time HH:mm, e.g. 09:00.' };

/**
 * Which ids each platform needs is checked by the service (it depends on `platform`);
 * here only their shape. No userId, status or platformData: the server owns those.
 */
@InputType()
export class ConnectIntegrationInput {
  @Field(() => Platform)
  @IsIn(Object.values(Platform))
  platform!: Platform;

  @Field(() => String, { nullable: true, description: 'Facebook Page id (Messenger, Instagram)' })
  @IsOptional()
  @Matches(META_ID, metaId('The Page id'))
  pageId?: string | null;

  @Field(() => String, { nullable: true, description: 'Instagram professional account id' })
  @IsOptional()
  @Matches(META_ID, metaId('The Instagram account id'))
  accountId?: string | null;

  @Field(() => String, { nullable: true, description: 'WhatsApp phone number id' })
  @IsOptional()
  @Matches(META_ID, metaId('The phone number id'))
  phoneNumberId?: string | null;

  @Field(() => String, { nullable: true, description: 'WhatsApp Business Account id' })
  @IsOptional()
  @Matches(META_ID, metaId('The WhatsApp Business Account id'))
  wabaId?: string | null;

  @Field({ description: 'Page access token (Messenger, Instagram) or WhatsApp system user token' })
  @IsString()
  @Length(20, 1000, { message: 'The access token must be 20 to 1000 characters.' })
  accessToken!: string;
}

@InputType()
export class DayScheduleInput {
  @Field(() => Int, { description: '0 = Sunday ... 6 = Saturday' })
  @IsInt()
  @Min(0, { message: 'day must be 0 (Sunday) to 6 (Saturday).' })
  @Max(6, { message: 'day must be 0 (Sunday) to 6 (Saturday).' })
  day!: number;

  @Field({ description: 'HH:mm, 24-hour, in the business timezone' })
  @Matches(HH_MM, hhmm)
  open!: string;

  @Field({ description: 'HH:mm, 24-hour, after open' })
  @Matches(HH_MM, hhmm)
  @Validate(CloseAfterOpen)
  close!: string;
}

@InputType()
export class BusinessHoursInput {
  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean | null;

  @Field(() => String, { nullable: true, description: 'IANA time zone, e.g. Europe/Paris' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Validate(IsTimeZone)
  timezone?: string | null;

  @Field(() => [DayScheduleInput], {
    nullable: true,
    description: 'Replaces the whole schedule; at most 14 entries',
  })
  @IsOptional()
  @ArrayMaxSize(14, { message: 'A schedule has at most 14 entries.' })
  @ValidateNested()
  schedule?: DayScheduleInput[] | null;
}

@InputType()
export class NotificationSettingsInput {
  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  email?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  push?: boolean | null;
}

/** Partial: only the fields given change. */
@InputType()
export class IntegrationSettingsInput {
  @Field(() => Boolean, { nullable: true })
  @IsOptional()
  @IsBoolean()
  autoReply?: boolean | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Minutes without a business message before a human-handled chat returns to AI',
  })
  @IsOptional()
  @Min(1)
  @Max(7 * 24 * 60)
  handbackMinutes?: number | null;

  @Field(() => BusinessHoursInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  businessHours?: BusinessHoursInput | null;

  @Field(() => NotificationSettingsInput, {
    nullable: true,
    deprecationReason: 'Alerts are per user and event: updateAlertPreferences',
  })
  @IsOptional()
  @ValidateNested()
  notifications?: NotificationSettingsInput | null;
}
