import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';

/**
 * One refresh token of a login "family". Only the SHA-256 of the token is stored. Each
 * use marks it used and issues the next token of the same family; presenting a used
 * token again means it was stolen, and the whole family is revoked.
 */
@modelOptions({ schemaOptions: { collection: 'refreshtokens', timestamps: true } })
@index({ tokenHash: 1 }, { unique: true })
@index({ userId: 1, familyId: 1 })
export class RefreshToken {
  readonly _id!: Types.ObjectId;

  @prop({ type: () => Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @prop({ required: true })
  familyId!: string;

  @prop({ required: true })
  tokenHash!: string;

  /** FerretDB has no TTL indexes: expired rows are pruned when the user next logs in. */
  @prop({ required: true })
  expiresAt!: Date;

  @prop()
  usedAt?: Date;

  @prop()
  revokedAt?: Date;
}

export const RefreshTokenModel = getModelForClass(RefreshToken);
