import { GraphQLJSONObject } from 'graphql-scalars';
import type { Types } from 'mongoose';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ObjectIdScalar } from '../../graphql/objectId.scalar';
import { Paginated } from '../../graphql/pagination';
import { AuditAction } from './auditLog.model';
import { TrashKind } from './trash.model';

registerEnumType(TrashKind, { name: 'DbmsTrashKind' });
registerEnumType(AuditAction, { name: 'DbmsAuditAction' });

@ObjectType()
export class DbmsCollectionCount {
  @Field()
  collection!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: 'What a deletion or clear-all moved to the trash' })
export class DbmsTrashResult {
  @Field(() => ObjectIdScalar, {
    nullable: true,
    description: 'Pass to dbmsRestoreDocument; null when nothing was deleted',
  })
  trashId!: Types.ObjectId | null;

  @Field(() => Int)
  deleted!: number;

  @Field(() => [DbmsCollectionCount])
  counts!: DbmsCollectionCount[];

  @Field(() => Date, { nullable: true, description: 'Restorable until then' })
  expiresAt!: Date | null;
}

@ObjectType()
export class DbmsRestoreCount {
  @Field()
  collection!: string;

  @Field(() => Int)
  restored!: number;

  @Field(() => Int, { description: 'Already there again (same _id or unique key): kept as is' })
  skipped!: number;
}

@ObjectType()
export class DbmsRestoreResult {
  @Field(() => ObjectIdScalar)
  trashId!: Types.ObjectId;

  @Field(() => Int)
  restored!: number;

  @Field(() => Int)
  skipped!: number;

  @Field(() => [DbmsRestoreCount])
  counts!: DbmsRestoreCount[];
}

@ObjectType({ description: 'One restorable deletion' })
export class DbmsTrashEntry {
  @Field(() => ObjectIdScalar, { description: 'The trashId' })
  id!: Types.ObjectId;

  @Field(() => TrashKind)
  kind!: TrashKind;

  @Field(() => ObjectIdScalar, { nullable: true, description: 'Whose documents these are' })
  userId!: Types.ObjectId | null;

  @Field(() => ObjectIdScalar, { description: 'Who deleted them' })
  actorId!: Types.ObjectId;

  @Field(() => String, { nullable: true, description: 'DELETE: the chosen document' })
  rootCollection!: string | null;

  @Field(() => ObjectIdScalar, { nullable: true })
  rootId!: Types.ObjectId | null;

  @Field()
  preview!: string;

  @Field(() => [DbmsCollectionCount])
  counts!: DbmsCollectionCount[];

  @Field(() => Int)
  total!: number;

  @Field()
  deletedAt!: Date;

  @Field()
  expiresAt!: Date;
}

@ObjectType()
export class DbmsTrashPage extends Paginated(DbmsTrashEntry) {}

@ObjectType({ description: 'One database-manager action' })
export class DbmsAuditEntry {
  @Field(() => ObjectIdScalar)
  id!: Types.ObjectId;

  @Field(() => ObjectIdScalar, { description: 'Who did it' })
  actorId!: Types.ObjectId;

  @Field(() => ObjectIdScalar, { nullable: true, description: 'Whose data; null: all users' })
  userId!: Types.ObjectId | null;

  @Field(() => AuditAction)
  action!: AuditAction;

  @Field(() => [String])
  collections!: string[];

  @Field(() => Int, { description: 'Documents involved' })
  count!: number;

  @Field(() => GraphQLJSONObject, { description: 'Action-specific facts, e.g. trashId' })
  details!: Record<string, unknown>;

  @Field()
  createdAt!: Date;
}

@ObjectType()
export class DbmsAuditPage extends Paginated(DbmsAuditEntry) {}
