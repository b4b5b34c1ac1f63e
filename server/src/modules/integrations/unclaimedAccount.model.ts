import { getModelForClass, modelOptions, prop, Severity } from '@typegoose/typegoose';
import { Platform } from '../../platforms/platform';

/**
 * A Meta account that sends us signed webhooks but that no Salesdesk account connected
 * (a Page whose owner has not finished connecting, or an app subscribed too widely).
 * One document per account id, however many events arrive: a count, when it was first
 * and last heard from, and its last message, so an admin can tell what it is.
 */
@modelOptions({
  schemaOptions: { collection: 'unclaimedaccounts', timestamps: false },
  options: { allowMixed: Severity.ALLOW },
})
export class UnclaimedAccount {
  /** `<platform>:<account id>` */
  @prop({ type: () => String, required: true })
  _id!: string;

  @prop({ enum: Platform, type: String, required: true })
  platform!: Platform;

  @prop({ required: true })
  accountId!: string;

  @prop({ required: true, default: 0 })
  events!: number;

  @prop({ required: true })
  firstSeenAt!: Date;

  @prop({ required: true })
  lastSeenAt!: Date;

  /** The platform-neutral message last received for it. */
  @prop({ type: () => Object })
  lastMessage?: Record<string, unknown>;
}

export const UnclaimedAccountModel = getModelForClass(UnclaimedAccount);
