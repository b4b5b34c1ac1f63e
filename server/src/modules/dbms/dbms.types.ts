import { MaxLength } from 'class-validator';
import type { Types } from 'mongoose';
import { ArgsType, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ObjectIdScalar } from '../../graphql/objectId.scalar';
import { PageArgs, Paginated } from '../../graphql/pagination';

export enum DbmsSort {
  NEWEST = 'NEWEST',
  OLDEST = 'OLDEST',
}
registerEnumType(DbmsSort, {
  name: 'DbmsSort',
  description: 'Document order by _id (creation time): NEWEST first by default',
});

@ArgsType()
export class DbmsDocumentsArgs extends PageArgs {
  @Field({ description: 'A collection name from dbmsStats; others answer BAD_USER_INPUT' })
  collection!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "Case-insensitive literal text in the collection's searchable fields, or an exact _id",
  })
  @MaxLength(200)
  search?: string | null;

  @Field(() => DbmsSort, { defaultValue: DbmsSort.NEWEST })
  sort: DbmsSort = DbmsSort.NEWEST;

  @Field(() => ObjectIdScalar, {
    nullable: true,
    description: "Admins only: this user's documents",
  })
  userId?: Types.ObjectId | null;
}

@ObjectType({ description: 'One stored document, redacted' })
export class DbmsDocument {
  @Field(() => ID, { description: 'The _id as a hex string' })
  id!: string;

  @Field()
  collection!: string;

  @Field(() => ObjectIdScalar, { nullable: true, description: 'Whose document it is' })
  ownerId!: Types.ObjectId | null;

  @Field({
    description:
      'Canonical Extended JSON (ObjectIds, dates and number types kept); secrets "[redacted]"',
  })
  json!: string;

  @Field({ description: 'One line from its first searchable field that has text' })
  preview!: string;

  @Field({ description: 'Its createdAt, else the time in its ObjectId' })
  createdAt!: Date;
}

@ObjectType()
export class DbmsDocumentPage extends Paginated(DbmsDocument) {}

@ObjectType()
export class DbmsIndex {
  @Field()
  name!: string;

  @Field({ description: 'The key specification as JSON, e.g. {"userId":1,"date":-1}' })
  keys!: string;

  @Field()
  unique!: boolean;
}

@ObjectType()
export class DbmsCollectionStats {
  @Field()
  name!: string;

  @Field({ description: 'What owners call it: "Chats", "Campaign tests"' })
  label!: string;

  @Field({ description: "The server's own bookkeeping (admins only), not business data" })
  system!: boolean;

  @Field(() => Int, { description: 'Documents the caller may see' })
  count!: number;

  @Field(() => [String], { description: 'Fields `search` looks in' })
  searchable!: string[];

  @Field(() => Float, { nullable: true, description: 'Admins only: bytes on disk' })
  storageSize!: number | null;

  @Field(() => Float, { nullable: true, description: 'Admins only: bytes' })
  avgObjSize!: number | null;

  @Field(() => Float, { nullable: true, description: 'Admins only: bytes' })
  totalIndexSize!: number | null;

  @Field(() => [DbmsIndex], { nullable: true, description: 'Admins only' })
  indexes!: DbmsIndex[] | null;
}

@ObjectType({ description: 'dbStats of the whole database' })
export class DbmsDatabaseStats {
  @Field()
  name!: string;

  @Field(() => Int)
  collections!: number;

  @Field(() => Float)
  objects!: number;

  @Field(() => Float, { description: 'Bytes' })
  dataSize!: number;

  @Field(() => Float, { description: 'Bytes' })
  storageSize!: number;

  @Field(() => Int)
  indexes!: number;

  @Field(() => Float, { description: 'Bytes' })
  indexSize!: number;
}

@ObjectType()
export class DbmsStats {
  @Field(() => [DbmsCollectionStats])
  collections!: DbmsCollectionStats[];

  @Field(() => DbmsDatabaseStats, { nullable: true, description: 'Admins only' })
  database!: DbmsDatabaseStats | null;
}
