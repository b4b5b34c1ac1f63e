import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';

/**
 * One signed-in session: a login and the refresh tokens descending from it (its
 * `familyId`). Access tokens carry its id as `sid`, so ending the session ends them too,
 * not only the refresh tokens. Keyed by that id: the check is an `_id` lookup, fast on
 * FerretDB as on MongoDB.
 */
@modelOptions({ schemaOptions: { collection: 'sessions', timestamps: true } })
@index({ userId: 1 })
export class Session {
  /** The refresh family id. */
  @prop({ type: () => String, required: true })
  _id!: string;

  @prop({ type: () => Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @prop()
  revokedAt?: Date;

  /** When the last refresh token of the session expires: the session is over then anyway. */
  @prop({ required: true })
  expiresAt!: Date;
}

export const SessionModel = getModelForClass(Session);
