import { IsOptional, Length, Max, MaxLength, Min } from 'class-validator';
import { Types } from 'mongoose';
import { ArgsType, Field, InputType, Int, ObjectType } from 'type-graphql';
import { ObjectIdScalar } from '../../graphql/objectId.scalar';
import { Paginated } from '../../graphql/pagination';
import { Platform } from '../../platforms/platform';
import { Chat, ChatMode, ChatStatus } from './chat.model';
import { Message } from './message.model';

@InputType({ description: 'Every field narrows the list; none lists all chats' })
export class ChatFilter {
  @Field(() => ChatStatus, { nullable: true })
  status?: ChatStatus;

  @Field(() => Platform, { nullable: true })
  platform?: Platform;

  @Field(() => ObjectIdScalar, { nullable: true })
  campaignId?: Types.ObjectId;

  @Field(() => ChatMode, { nullable: true })
  mode?: ChatMode;

  @Field({ nullable: true })
  needsAttention?: boolean;

  @Field({ nullable: true, description: 'Part of the customer name, any case' })
  @IsOptional()
  @MaxLength(100)
  search?: string;

  @Field({ nullable: true, description: 'Include simulator test chats (default: yes)' })
  includeTests?: boolean;

  @Field(() => ObjectIdScalar, { nullable: true, description: 'Admins: one owner only' })
  userId?: Types.ObjectId;
}

@ObjectType()
export class ChatPage extends Paginated(Chat) {}

@ArgsType()
export class MessagesArgs {
  @Field(() => ObjectIdScalar)
  chatId!: Types.ObjectId;

  @Field({ nullable: true, description: 'Messages older than this (the previous page’s first)' })
  before?: Date;

  @Field(() => Int, { defaultValue: 50 })
  @Min(1)
  @Max(200)
  limit: number = 50;
}

@ObjectType({ description: 'Messages oldest first; page back with `before: items[0].createdAt`' })
export class MessagePage {
  @Field(() => [Message])
  items!: Message[];

  @Field({ description: 'Older messages exist' })
  hasMore!: boolean;
}

@ArgsType()
export class SendMessageArgs {
  @Field(() => ObjectIdScalar)
  chatId!: Types.ObjectId;

  @Field()
  @Length(1, 2000)
  text!: string;
}
