import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { EnvelopeStatus } from '../../db/envelope';

registerEnumType(EnvelopeStatus, {
  name: 'DbmsEnvelopeStatus',
  description: 'The embedded data against its envelope',
  valuesConfig: {
    WITHIN: { description: 'Under 80% of every figure' },
    NEARING: { description: '80% or more of a figure: plan the move to MongoDB' },
    BEYOND: { description: 'Past a figure: move to MongoDB' },
  },
});

@ObjectType({ description: "The driver's connection pool" })
export class DbmsPool {
  @Field(() => Int)
  maxPoolSize!: number;

  @Field(() => Int, { description: 'Open now: idle, in use or connecting' })
  open!: number;

  @Field(() => Int)
  idle!: number;

  @Field(() => Int)
  inUse!: number;

  @Field(() => Int, { description: 'Operations waiting for a connection' })
  waiting!: number;

  @Field(() => Float, { description: 'Since the server connected' })
  totalCheckouts!: number;

  @Field(() => Float)
  checkoutFailures!: number;

  @Field(() => Float)
  connectionsCreated!: number;

  @Field(() => Float)
  connectionsClosed!: number;
}

@ObjectType({ description: 'A database command slower than SLOW_QUERY_MS (never its contents)' })
export class DbmsSlowOperation {
  @Field()
  collection!: string;

  @Field({ description: 'find, insert, update, aggregate, ...' })
  command!: string;

  @Field(() => Float)
  durationMs!: number;

  @Field()
  failed!: boolean;

  @Field()
  at!: Date;
}

@ObjectType({ description: 'One figure of the embedded data against its envelope' })
export class DbmsEnvelopeFigure {
  @Field({ description: 'chats, messages or inboxEvents' })
  name!: string;

  @Field(() => Float)
  count!: number;

  @Field(() => Float, { description: 'What the embedded database is measured to serve' })
  limit!: number;

  @Field(() => Float, { description: 'count / limit: 1 is the edge of the envelope' })
  share!: number;
}

@ObjectType({
  description:
    "The embedded database's size against the envelope it is measured to serve " +
    '(the growth benchmark)',
})
export class DbmsEmbeddedEnvelope {
  @Field(() => [DbmsEnvelopeFigure])
  figures!: DbmsEnvelopeFigure[];

  @Field(() => Float, { nullable: true, description: 'Bytes on disk (dbStats totalSize)' })
  bytesOnDisk!: number | null;

  @Field(() => EnvelopeStatus)
  status!: EnvelopeStatus;

  @Field()
  advice!: string;
}

@ObjectType({ description: 'Admins only' })
export class DbmsHealthDetails {
  @Field({ description: 'Database name' })
  database!: string;

  @Field({ description: 'host:port the server talks to' })
  host!: string;

  @Field(() => String, { nullable: true, description: 'FerretDB or MongoDB; null when down' })
  engine!: string | null;

  @Field(() => String, { nullable: true, description: "The engine's own version" })
  version!: string | null;

  @Field(() => Int, { nullable: true })
  collections!: number | null;

  @Field(() => DbmsPool)
  pool!: DbmsPool;

  @Field(() => Int)
  slowQueryMs!: number;

  @Field(() => [DbmsSlowOperation], { description: 'The latest 50 at most, newest first' })
  slowOperations!: DbmsSlowOperation[];

  @Field(() => DbmsEmbeddedEnvelope, {
    nullable: true,
    description: 'When the server runs its embedded database; null on MongoDB or when down',
  })
  embedded!: DbmsEmbeddedEnvelope | null;
}

@ObjectType()
export class DbmsHealth {
  @Field({ description: 'connected, connecting, disconnecting or disconnected' })
  state!: string;

  @Field(() => Float, { nullable: true, description: 'Ping round trip; null when it failed' })
  pingMs!: number | null;

  @Field(() => DbmsHealthDetails, { nullable: true, description: 'Admins only; null for others' })
  details!: DbmsHealthDetails | null;
}
