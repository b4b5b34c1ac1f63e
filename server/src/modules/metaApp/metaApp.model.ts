import { getModelForClass, modelOptions, prop } from '@typegoose/typegoose';

/*
 * The operator's Meta app, entered on the admin's "Meta app" page: one document, read by
 * `_id` at start and every half minute after (metaAppSettings.ts). Secrets are sealed
 * with SECRETS_KEY (security/secretBox.ts); environment variables, when set, win.
 */

export const META_APP_ID = 'meta-app';

/** The outcome of the last "Subscribe webhooks" for one webhook object. */
export class MetaWebhookSubscriptionRecord {
  /** Meta's object: page, instagram, whatsapp_business_account. */
  @prop({ required: true })
  object!: string;

  @prop({ type: () => [String], default: [] })
  fields!: string[];

  @prop({ required: true })
  callbackUrl!: string;

  @prop({ required: true })
  at!: Date;

  /** What Meta answered when it refused; absent when subscribed. */
  @prop()
  error?: string;
}

@modelOptions({ schemaOptions: { collection: 'metaapps', timestamps: true } })
export class MetaAppRecord {
  @prop({ type: () => String, required: true })
  _id!: string;

  @prop()
  appId?: string;

  /** Sealed. */
  @prop()
  appSecret?: string;

  @prop()
  loginConfigId?: string;

  @prop()
  whatsappConfigId?: string;

  @prop()
  instagramAppId?: string;

  /** Sealed. */
  @prop()
  instagramAppSecret?: string;

  @prop()
  publicUrl?: string;

  /** Sealed; generated on the first start, so Meta's handshake works without configuration. */
  @prop()
  verifyToken?: string;

  @prop({ type: () => [MetaWebhookSubscriptionRecord], default: [], _id: false })
  subscriptions!: MetaWebhookSubscriptionRecord[];

  updatedAt?: Date;
}

export const MetaAppModel = getModelForClass(MetaAppRecord);
