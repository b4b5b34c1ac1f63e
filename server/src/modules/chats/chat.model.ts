import { getModelForClass, index, modelOptions, post, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ObjectIdScalar } from '../../graphql/objectId.scalar';
import { Platform } from '../../platforms/platform';
import { chatHooks } from './chatHooks';
import { MessageType, Sender } from './message.model';

export enum ChatStatus {
  ACTIVE = 'active',
  QUALIFIED = 'qualified',
  CONVERTED = 'converted',
  CLOSED = 'closed',
  ARCHIVED = 'archived',
}
registerEnumType(ChatStatus, { name: 'ChatStatus' });

export enum ChatMode {
  AI = 'ai',
  HUMAN = 'human',
}
registerEnumType(ChatMode, { name: 'ChatMode', description: 'Who answers the customer' });

/** The inbox keeps this many messages on the chat itself; the rest live in `messages`. */
export const RECENT_MESSAGES = 20;

@ObjectType()
export class CustomerProfile {
  @Field({ nullable: true })
  @prop()
  profilePic?: string;

  @Field({ nullable: true })
  @prop()
  email?: string;

  @Field({ nullable: true })
  @prop()
  phone?: string;
}

@ObjectType()
export class QualificationAnswer {
  @Field()
  @prop({ required: true })
  question!: string;

  @Field()
  @prop({ required: true })
  answer!: string;
}

/** What the customer chose so far: the order the AI would place, priced by the server. */
@ObjectType()
export class OrderSelection {
  @Field(() => ObjectIdScalar, { nullable: true, description: 'A catalog product of the campaign' })
  @prop({ type: () => Types.ObjectId })
  productId?: Types.ObjectId;

  @Field({ nullable: true })
  @prop()
  variant?: string;

  @Field(() => Int, { nullable: true })
  @prop({ min: 1 })
  quantity?: number;

  @Field({ nullable: true, description: 'A coupon code the customer gave' })
  @prop()
  coupon?: string;
}

@ObjectType()
export class AIContext {
  @Field({ nullable: true })
  @prop()
  conversationSummary?: string;

  @Field({ nullable: true })
  @prop()
  customerIntent?: string;

  /** An array, not a map: questions may contain '.' which FerretDB refuses in keys. */
  @Field(() => [QualificationAnswer])
  @prop({ type: () => [QualificationAnswer], _id: false, default: [] })
  qualificationAnswers!: QualificationAnswer[];

  @Field(() => [String])
  @prop({ type: () => [String], default: [] })
  objections!: string[];

  @Field({ nullable: true })
  @prop()
  nextAction?: string;

  @Field(() => OrderSelection, { nullable: true })
  @prop({ type: () => OrderSelection, _id: false })
  selection?: OrderSelection;
}

/** One line of a recorded sale, priced by the server. */
@ObjectType()
export class SaleItem {
  @Field(() => ObjectIdScalar, { nullable: true })
  @prop({ type: () => Types.ObjectId })
  productId?: Types.ObjectId;

  @Field()
  @prop({ required: true })
  name!: string;

  @Field({ nullable: true })
  @prop()
  variant?: string;

  @Field(() => Int)
  @prop({ required: true, min: 1 })
  quantity!: number;

  @Field(() => Float)
  @prop({ required: true, min: 0 })
  unitPrice!: number;

  @Field(() => Float, { description: 'Taken off this line by an offer' })
  @prop({ default: 0, min: 0 })
  discount!: number;
}

@ObjectType()
export class Conversion {
  @Field()
  @prop({ default: false })
  converted!: boolean;

  @Field({ nullable: true })
  @prop()
  convertedAt?: Date;

  @Field(() => Float, { nullable: true })
  @prop({ min: 0 })
  orderValue?: number;

  @Field({ nullable: true, description: 'ISO 4217, when the sale named one (a catalog order)' })
  @prop()
  currency?: string;

  @Field({ nullable: true })
  @prop()
  orderDetails?: string;

  @Field(() => [SaleItem])
  @prop({ type: () => [SaleItem], _id: false, default: [] })
  items!: SaleItem[];

  @Field(() => Float, { nullable: true, description: 'Every discount of the order together' })
  @prop({ min: 0 })
  discount?: number;

  @Field(() => Float, { nullable: true })
  @prop({ min: 0 })
  shipping?: number;

  @Field({ nullable: true })
  @prop()
  coupon?: string;
}

@ObjectType()
export class RecentMessage {
  @Field(() => ObjectIdScalar)
  @prop({ type: () => Types.ObjectId, required: true })
  messageId!: Types.ObjectId;

  @Field(() => Sender)
  @prop({ enum: Sender, type: String, required: true })
  sender!: Sender;

  @Field()
  @prop({ required: true })
  content!: string;

  @Field(() => MessageType)
  @prop({ enum: MessageType, type: String, default: MessageType.TEXT })
  messageType!: MessageType;

  @Field()
  @prop({ required: true })
  createdAt!: Date;
}

@ObjectType()
export class LeadScoreReason {
  @Field({ description: 'What moved the score: asked price, buying intent, objection raised...' })
  @prop({ required: true })
  signal!: string;

  @Field(() => Int)
  @prop({ required: true })
  delta!: number;

  @Field()
  @prop({ required: true })
  at!: Date;
}

@ObjectType({ description: 'The ad a conversation started from (Click-to-Messenger/WhatsApp)' })
export class ChatReferral {
  @Field({ nullable: true }) @prop() source?: string;
  @Field({ nullable: true }) @prop() type?: string;
  @Field({ nullable: true }) @prop() adId?: string;
  @Field({ nullable: true }) @prop() ref?: string;
  @Field({ nullable: true }) @prop() headline?: string;
  @Field({ nullable: true }) @prop() sourceUrl?: string;
  @Field({ nullable: true, description: "WhatsApp's click id of a Click-to-WhatsApp ad" })
  @prop()
  clickId?: string;
}

/** Bounded like `recent`: the newest reasons explain the score; older ones add nothing. */
export const LEAD_SCORE_REASONS = 20;

/**
 * What this conversation has reached, for analytics: each flag is set once, atomically,
 * and the counter it stands for moves only when it flips (modules/chats/milestones.ts).
 */
export class ChatMilestones {
  @prop() engaged?: boolean;
  @prop() responded?: boolean;
  @prop() aiHandled?: boolean;
  @prop() handedOff?: boolean;
  @prop() takenOver?: boolean;
  @prop() qualified?: boolean;
  @prop() converted?: boolean;
  @prop() completed?: boolean;
}

@ObjectType()
@modelOptions({ schemaOptions: { collection: 'chats', timestamps: true } })
@index({ userId: 1, platform: 1, customerId: 1 }, { unique: true })
@index({ campaignId: 1, status: 1 })
@index({ userId: 1, lastMessageAt: -1 })
@index({ mode: 1, handbackAt: 1 })
@index({ userId: 1, leadScore: -1, lastMessageAt: -1 })
@post<Chat>('save', chatHooks.saved)
@post<Chat>('findOneAndUpdate', chatHooks.foundAndUpdated)
@post<Chat>(
  ['updateOne', 'updateMany', 'deleteOne', 'deleteMany', 'findOneAndDelete', 'replaceOne'],
  chatHooks.changedByQuery,
)
export class Chat {
  @Field(() => ObjectIdScalar, { name: 'id' })
  readonly _id!: Types.ObjectId;

  @Field(() => ObjectIdScalar)
  @prop({ type: () => Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @Field(() => ObjectIdScalar, { nullable: true })
  @prop({ type: () => Types.ObjectId })
  campaignId?: Types.ObjectId;

  @Field(() => Platform)
  @prop({ enum: Platform, type: String, required: true })
  platform!: Platform;

  @Field({ description: "The customer's id on the platform (PSID, IGSID or phone)" })
  @prop({ required: true })
  customerId!: string;

  @Field({ nullable: true })
  @prop()
  customerName?: string;

  /** WhatsApp: the customer's number, when the chat is keyed by their user id. */
  @Field({ nullable: true })
  @prop()
  customerPhone?: string;

  @Field(() => CustomerProfile)
  @prop({ type: () => CustomerProfile, _id: false, default: () => ({}) })
  customerProfile!: CustomerProfile;

  @Field(() => ChatStatus)
  @prop({ enum: ChatStatus, type: String, default: ChatStatus.ACTIVE })
  status!: ChatStatus;

  @Field(() => Int)
  @prop({ default: 0, min: 0, max: 100 })
  leadScore!: number;

  @Field(() => AIContext)
  @prop({ type: () => AIContext, _id: false, default: () => ({}) })
  aiContext!: AIContext;

  @Field(() => Conversion)
  @prop({ type: () => Conversion, _id: false, default: () => ({}) })
  conversion!: Conversion;

  @Field(() => ChatMode)
  @prop({ enum: ChatMode, type: String, default: ChatMode.AI })
  mode!: ChatMode;

  @Field({ nullable: true, description: 'In human mode: when the AI takes the chat back' })
  @prop()
  handbackAt?: Date;

  @Field({ nullable: true })
  @prop()
  lastMessageAt?: Date;

  @Field(() => [RecentMessage], { description: `The last ${RECENT_MESSAGES} messages` })
  @prop({ type: () => [RecentMessage], _id: false, default: [] })
  recent!: RecentMessage[];

  @Field(() => Int)
  @prop({ default: 0, min: 0 })
  messageCount!: number;

  /** Its messages are filed in pages (messagePage.model.ts): true for chats made since. */
  @prop()
  pagedMessages?: boolean;

  @Field(() => [LeadScoreReason], { description: 'Why the lead score is what it is, newest last' })
  @prop({ type: () => [LeadScoreReason], _id: false, default: [] })
  leadScoreReasons!: LeadScoreReason[];

  @Field({
    nullable: true,
    description: "The customer's last message: the reply window runs from it",
  })
  @prop()
  lastCustomerMessageAt?: Date;

  @Field(() => ChatReferral, { nullable: true })
  @prop({ type: () => ChatReferral, _id: false })
  referral?: ChatReferral;

  @Field({ description: 'The AI asked for a person, or a reply could not be sent' })
  @prop({ default: false })
  needsAttention!: boolean;

  @Field({ nullable: true, description: 'Why the chat needs attention' })
  @prop()
  attentionReason?: string;

  @Field({ description: 'A simulator chat: the owner testing a campaign' })
  @prop({ default: false })
  isTest!: boolean;

  /** When the customer's first message was sent: the day analytics counts the chat under. */
  @prop()
  startedAt?: Date;

  @prop({ type: () => ChatMilestones, _id: false, default: () => ({}) })
  milestones!: ChatMilestones;

  /** The customer's current silence already cost lead points; a new message clears it. */
  @prop({ default: false })
  silenceNoted!: boolean;

  /** The business-local day (YYYY-MM-DD) the out-of-hours message was last sent. */
  @prop()
  awayMessageDay?: string;

  @Field()
  readonly createdAt!: Date;

  @Field()
  readonly updatedAt!: Date;
}

export const ChatModel = getModelForClass(Chat);
