import {
  ArrayMaxSize,
  IsBoolean,
  IsInt,
  IsOptional,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { AlertEvent } from './alert.model';
import { AlertChannels, DailySummary, QuietHours } from './alertPrefs.model';

@ObjectType({ description: 'Where your alerts reach you' })
export class AlertPreferences {
  @Field(() => [AlertChannels], { description: 'One entry per kind of alert' })
  events!: AlertChannels[];

  @Field(() => QuietHours)
  quietHours!: QuietHours;

  @Field(() => DailySummary)
  dailySummary!: DailySummary;

  @Field({ description: 'The address alerts are emailed to: your account email' })
  email!: string;

  @Field({ description: 'Whether this server can send email (SMTP_URL is set)' })
  emailAvailable!: boolean;

  @Field({ description: "The server's VAPID public key, for PushManager.subscribe" })
  pushPublicKey!: string;

  @Field(() => Int, { description: 'Browsers with push turned on for you' })
  pushBrowsers!: number;
}

@InputType()
export class AlertChannelsInput {
  @Field(() => AlertEvent)
  event!: AlertEvent;

  @Field()
  @IsBoolean()
  inApp!: boolean;

  @Field()
  @IsBoolean()
  email!: boolean;

  @Field()
  @IsBoolean()
  push!: boolean;
}

@InputType()
export class QuietHoursInput {
  @Field()
  @IsBoolean()
  enabled!: boolean;

  @Field({ description: '"HH:MM", 24-hour, business time zone' })
  @MaxLength(5)
  start!: string;

  @Field({ description: '"HH:MM", 24-hour, business time zone' })
  @MaxLength(5)
  end!: string;
}

@InputType()
export class DailySummaryInput {
  @Field()
  @IsBoolean()
  enabled!: boolean;

  @Field(() => Int)
  @IsInt()
  @Min(0)
  @Max(23)
  hour!: number;
}

/** Partial: what is given replaces what was set. */
@InputType()
export class AlertPreferencesInput {
  @Field(() => [AlertChannelsInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(20)
  @ValidateNested()
  events?: AlertChannelsInput[] | null;

  @Field(() => QuietHoursInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  quietHours?: QuietHoursInput | null;

  @Field(() => DailySummaryInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  dailySummary?: DailySummaryInput | null;
}

@InputType({ description: "A browser's PushSubscription (its toJSON())" })
export class PushSubscriptionInput {
  @Field()
  @MaxLength(2048)
  endpoint!: string;

  @Field({ description: "keys.p256dh: the browser's P-256 public key, base64url" })
  @MaxLength(200)
  p256dh!: string;

  @Field({ description: 'keys.auth: 16 bytes, base64url' })
  @MaxLength(100)
  auth!: string;

  @Field({ nullable: true, description: 'Which browser, to list it' })
  @IsOptional()
  @MaxLength(300)
  userAgent?: string;
}
