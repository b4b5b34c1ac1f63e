import { getModelForClass, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';
import { Platform } from '../../platforms/platform';

/*
 * The two short-lived steps of "Continue with Facebook" (metaConnect.service.ts). Both are
 * read only by `_id` and live ten minutes; expired ones are removed as new ones are made.
 */

/** A login dialog opened by an owner: its `state`, usable once. */
@modelOptions({ schemaOptions: { collection: 'metaconnectstates', timestamps: false } })
export class MetaConnectState {
  /** The random part of the `state` parameter. */
  @prop({ type: () => String, required: true })
  _id!: string;

  @prop({ type: () => Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @prop({ enum: Platform, type: String, required: true })
  platform!: Platform;

  @prop({ required: true })
  expiresAt!: Date;
}

/** One Page the person may message for, as Meta listed it after the login. */
export class MetaConnectPage {
  @prop({ required: true })
  id!: string;

  @prop({ required: true })
  name!: string;

  @prop()
  picture?: string;

  @prop()
  instagramId?: string;

  @prop()
  instagramUsername?: string;

  /** The Page access token, sealed (security/secretBox.ts). */
  @prop({ required: true })
  accessToken!: string;
}

/** What the login returned, waiting for the owner to pick the Page to connect. */
@modelOptions({ schemaOptions: { collection: 'metaconnectchoices', timestamps: false } })
export class MetaConnectChoice {
  @prop({ type: () => String, required: true })
  _id!: string;

  @prop({ type: () => Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @prop({ enum: Platform, type: String, required: true })
  platform!: Platform;

  @prop({ type: () => [MetaConnectPage], _id: false, default: [] })
  pages!: MetaConnectPage[];

  /** The app-scoped id of the person who logged in (for Meta's deauthorize and deletion). */
  @prop()
  metaUserId?: string;

  @prop({ required: true })
  expiresAt!: Date;
}

/**
 * A Data Deletion Request Meta sent for a person, by the confirmation code Meta shows
 * them; it keeps no id of theirs, only what was done.
 */
@modelOptions({ schemaOptions: { collection: 'metadeletions', timestamps: false } })
export class MetaDeletion {
  @prop({ type: () => String, required: true })
  _id!: string;

  @prop({ required: true })
  requestedAt!: Date;

  /** Channels whose access through this person's login was removed. */
  @prop({ required: true })
  channels!: number;
}

export const MetaDeletionModel = getModelForClass(MetaDeletion);
export const MetaConnectStateModel = getModelForClass(MetaConnectState);
export const MetaConnectChoiceModel = getModelForClass(MetaConnectChoice);
