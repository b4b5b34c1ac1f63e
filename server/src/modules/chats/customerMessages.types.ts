import {
  IsDate,
  IsOptional,
  Length,
  MaxLength,
  ValidateNested,
  ArrayMaxSize,
  IsIn,
} from 'class-validator';
import { Types } from 'mongoose';
import { Field, InputType, ObjectType } from 'type-graphql';
import { ObjectIdScalar } from '../../graphql/objectId.scalar';
import { Platform } from '../../platforms/platform';
import { Chat } from './chat.model';
import { DeliveryStatus, Message } from './message.model';

const attachmentTypes = [
  'image',
  'video',
  'audio',
  'file',
  'location',
  'sticker',
  'other',
] as const;

@InputType()
export class AttachmentInput {
  @Field(() => String, { description: 'image, video, audio, file, location, sticker or other' })
  @IsIn(attachmentTypes)
  type!: (typeof attachmentTypes)[number];

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(2000)
  url?: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(300)
  title?: string;
}

@InputType()
export class ReferralInput {
  @Field({ nullable: true }) @IsOptional() @MaxLength(200) source?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(200) type?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(200) adId?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(500) ref?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(500) headline?: string;
  @Field({ nullable: true }) @IsOptional() @MaxLength(2000) sourceUrl?: string;
}

/** One customer message, platform-neutral: what every webhook is turned into. */
@InputType()
export class IngestMessageInput {
  @Field(() => Platform)
  platform!: Platform;

  @Field({ description: 'Page id, Instagram account id or WhatsApp phone number id' })
  @Length(1, 100)
  recipientId!: string;

  @Field({ description: 'PSID, IGSID or WhatsApp id' })
  @Length(1, 100)
  customerId!: string;

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(200)
  customerName?: string;

  @Field()
  @Length(1, 5000)
  text!: string;

  @Field(() => [AttachmentInput], { defaultValue: [] })
  @ArrayMaxSize(10)
  @ValidateNested()
  attachments!: AttachmentInput[];

  @Field({ nullable: true })
  @IsOptional()
  @MaxLength(1000)
  quickReplyPayload?: string;

  @Field({ description: 'The platform message id (mid / wamid): a repeat is ignored' })
  @Length(1, 200)
  platformMessageId!: string;

  @Field({ description: 'When the customer sent it' })
  @IsDate()
  timestamp!: Date;

  @Field(() => ReferralInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  referral?: ReferralInput;
}

@InputType()
export class SimulateCustomerMessageInput {
  @Field(() => ObjectIdScalar)
  campaignId!: Types.ObjectId;

  @Field({ description: 'The same name continues a test chat; a new one starts another' })
  @Length(1, 100)
  customerName!: string;

  @Field()
  @Length(1, 5000)
  text!: string;
}

@ObjectType({ description: 'What happened to one customer message' })
export class MessageOutcome {
  @Field(() => Chat, { description: 'The chat after the message and the reply' })
  chat!: Chat;

  @Field(() => Message)
  customerMessage!: Message;

  @Field(() => Message, { nullable: true })
  reply?: Message;

  @Field(() => DeliveryStatus, { nullable: true })
  deliveryStatus?: DeliveryStatus;

  @Field({ nullable: true, description: 'Why there is no reply (human mode, auto-reply off...)' })
  silentReason?: string;
}
