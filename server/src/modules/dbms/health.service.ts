import mongoose from 'mongoose';
import type { Scope } from '../../auth/ownership';
import { commandMonitor } from '../../db/commandMonitor';
import { engineOf } from '../../db/connect';
import { readEnvelope } from '../../db/envelope';
import { ChatModel } from '../chats/chat.model';
import { MessageModel } from '../chats/message.model';
import { InboundEventModel } from '../webhookQueue/inboundEvent.model';
import type { DbmsEmbeddedEnvelope, DbmsHealth, DbmsHealthDetails } from './health.types';

const CONNECTED = 1;
const PING_TIMEOUT_MS = 2000;

/**
 * The database as the server sees it. Everyone gets the connection state and a ping
 * (enough to tell "the database is down" from "my data is gone"); the rest (host,
 * engine, pool, slow operations) describes the deployment, so only admins get it.
 */
export class DbmsHealthService {
  /** `embedded`: the server runs its own FerretDB (no MONGODB_URI), whose envelope is shown. */
  constructor(private readonly options: { embedded: boolean } = { embedded: false }) {}

  async health(scope: Scope): Promise<DbmsHealth> {
    const connection = mongoose.connection;
    const connected = connection.readyState === CONNECTED;
    const state = mongoose.STATES[connection.readyState] ?? 'unknown';
    const pingMs = connected ? await ping().catch(() => null) : null;
    if (!scope.isAdmin) return { state, pingMs, details: null };
    return { state, pingMs, details: await details(connected, this.options.embedded) };
  }
}

async function details(connected: boolean, embedded: boolean): Promise<DbmsHealthDetails> {
  const connection = mongoose.connection;
  const db = connection.db;
  const server = connected && db ? await serverFacts(db).catch(() => undefined) : undefined;
  const envelope =
    embedded && connected && db ? await embeddedEnvelope(db).catch(() => null) : null;
  return {
    database: connection.name,
    host: connection.port ? `${connection.host}:${connection.port}` : String(connection.host),
    engine: server?.engine ?? null,
    version: server?.version ?? null,
    collections: server?.collections ?? null,
    pool: commandMonitor.pool(),
    slowQueryMs: commandMonitor.slowQueryMs,
    slowOperations: commandMonitor.slowOperations(),
    embedded: envelope,
  };
}

/**
 * Counts from collStats, never countDocuments: FerretDB knows a collection's count without
 * decoding its documents, and a health check must not read the whole history.
 */
async function embeddedEnvelope(db: mongoose.mongo.Db): Promise<DbmsEmbeddedEnvelope> {
  const count = async (collection: string) =>
    Number((await db.command({ collStats: collection })).count ?? 0);
  const counts = {
    chats: await count(ChatModel.collection.collectionName),
    messages: await count(MessageModel.collection.collectionName),
    inboxEvents: await count(InboundEventModel.collection.collectionName),
  };
  const stats = await db.command({ dbStats: 1, scale: 1 });
  const bytes = Number(stats.totalSize);
  return { ...readEnvelope(counts), bytesOnDisk: Number.isFinite(bytes) ? bytes : null };
}

async function serverFacts(db: mongoose.mongo.Db) {
  const info = await db.admin().command({ buildInfo: 1 });
  const collections = await db.listCollections({}, { nameOnly: true }).toArray();
  const ferret = engineOf(info) === 'ferretdb';
  return {
    engine: ferret ? 'FerretDB' : 'MongoDB',
    version: String((ferret ? info.ferretdbVersion : info.version) ?? ''),
    collections: collections.length,
  };
}

async function ping(): Promise<number> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('ping timed out')), PING_TIMEOUT_MS);
  });
  try {
    await Promise.race([mongoose.connection.db!.command({ ping: 1 }), timeout]);
  } finally {
    clearTimeout(timer);
  }
  return Math.round((performance.now() - started) * 100) / 100;
}
