import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';
import { Types } from 'mongoose';

/**
 * One refresh token of a login "family". Only the SHA-256 of the token is stored. Each
 * use issues the next token of the same family; presenting a used token again means it
 * was copied, and the whole family is revoked.
 *
 * "Used" is decided by the unique index on `parentHash`: a token can have one child, so
 * of two concurrent uses exactly one insert succeeds. A conditional update cannot decide
 * it on FerretDB 1.24, whose SQLite backend applies updates as unlocked read-modify-write.
 */
@modelOptions({ schemaOptions: { collection: 'refreshtokens', timestamps: true } })
@index({ tokenHash: 1 }, { unique: true })
@index({ parentHash: 1 }, { unique: true })
@index({ userId: 1, familyId: 1 })
export class RefreshToken {
  readonly _id!: Types.ObjectId;

  @prop({ type: () => Types.ObjectId, required: true })
  userId!: Types.ObjectId;

  @prop({ required: true })
  familyId!: string;

  @prop({ required: true })
  tokenHash!: string;

  /** The hash of the token this one replaced; `family:<familyId>` for a login's first. */
  @prop({ required: true })
  parentHash!: string;

  /** FerretDB has no TTL indexes: expired rows are pruned when the user next logs in. */
  @prop({ required: true })
  expiresAt!: Date;

  @prop()
  usedAt?: Date;

  @prop()
  revokedAt?: Date;
}

export const RefreshTokenModel = getModelForClass(RefreshToken);
