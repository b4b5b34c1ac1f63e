import type { Types } from 'mongoose';
import { databaseEngine } from '../../db/engine';
import { fetchByIds } from '../../db/fetchByIds';
import { escapeRegExp } from '../../db/search';
import { ChatModel, type Chat } from './chat.model';
import type { ChatFilter } from './chat.types';
import { onChatWrite, type ChatFields, type ChatWrite } from './chatWrites';

interface Entry {
  _id: Types.ObjectId;
  at: number;
  status: string;
  platform: string;
  campaignId?: string;
  mode: string;
  needsAttention: boolean;
  isTest: boolean;
  customerName: string;
}

const projection = {
  userId: 1,
  lastMessageAt: 1,
  status: 1,
  platform: 1,
  campaignId: 1,
  mode: 1,
  needsAttention: 1,
  isTest: 1,
  customerName: 1,
} as const;

const entryOf = (chat: ChatFields): Entry => ({
  _id: chat._id,
  at: chat.lastMessageAt ? new Date(chat.lastMessageAt).getTime() : 0,
  status: chat.status,
  platform: chat.platform,
  campaignId: chat.campaignId ? String(chat.campaignId) : undefined,
  mode: chat.mode,
  needsAttention: chat.needsAttention ?? false,
  isTest: chat.isTest ?? false,
  customerName: chat.customerName ?? '',
});

/**
 * The inbox's list on the embedded database: each owner's chats (the fields the inbox
 * filters and sorts by) in memory, read once per owner with one pass over `chats`, then
 * kept by every write to the collection (chatWrites.ts). A page is filtered, counted and
 * sorted here, and only its chats are read, by `_id`. FerretDB's SQLite backend answers
 * `{ userId }` sorted by time by reading every chat, which grows with the shop's history.
 * Safe because one process owns the embedded database (db/dataDirLock.ts); on MongoDB
 * the indexed query serves the inbox and this stays off.
 */
export class InboxIndex {
  private readonly owners = new Map<string, Map<string, Entry>>();
  private readonly loading = new Map<string, Promise<Map<string, Entry>>>();
  /** Chats written without their new fields at hand: read again before the next page. */
  private readonly stale = new Set<string>();
  private generation = 0;

  constructor() {
    onChatWrite((write) => this.written(write));
  }

  get active(): boolean {
    return databaseEngine() === 'ferretdb';
  }

  async page(
    userId: Types.ObjectId,
    filter: ChatFilter,
    skip: number,
    limit: number,
  ): Promise<{ items: Chat[]; total: number }> {
    const entries = await this.entriesOf(userId);
    const matches = [...entries.values()].filter(matcher(filter));
    matches.sort((a, b) => b.at - a.at || String(b._id).localeCompare(String(a._id)));
    const ids = matches.slice(skip, skip + limit).map((entry) => entry._id);
    const chats = await fetchByIds<Chat>(ChatModel.collection, ids);
    const byId = new Map(chats.map((chat) => [String(chat._id), chat]));
    return {
      items: ids.flatMap((id) => byId.get(String(id)) ?? []),
      total: matches.length,
    };
  }

  private async entriesOf(userId: Types.ObjectId): Promise<Map<string, Entry>> {
    await this.refreshStale();
    const key = String(userId);
    const loaded = this.owners.get(key);
    if (loaded) return loaded;
    let load = this.loading.get(key);
    if (!load) {
      load = this.load(userId).finally(() => this.loading.delete(key));
      this.loading.set(key, load);
    }
    return load;
  }

  private async load(userId: Types.ObjectId): Promise<Map<string, Entry>> {
    const generation = this.generation;
    const chats = await ChatModel.find({ userId }, projection).lean();
    const entries = new Map(chats.map((chat) => [String(chat._id), entryOf(chat)]));
    // Everything changed while reading (the database manager's writes): read again.
    if (generation !== this.generation) return this.load(userId);
    this.owners.set(String(userId), entries);
    return entries;
  }

  private async refreshStale(): Promise<void> {
    if (this.stale.size === 0) return;
    const ids = [...this.stale];
    this.stale.clear();
    for (const id of ids) {
      const chat = await ChatModel.findById(id, projection).lean();
      if (chat) this.put(chat);
      else for (const entries of this.owners.values()) entries.delete(id);
    }
  }

  private written(write: ChatWrite): void {
    if (!this.active) return;
    if (write.kind === 'chat') this.put(write.chat);
    else if (write.kind === 'ids') for (const id of write.ids) this.stale.add(String(id));
    else {
      this.generation += 1;
      this.owners.clear();
      this.stale.clear();
    }
  }

  private put(chat: ChatFields): void {
    const id = String(chat._id);
    // A load under way for this owner reads the chat as written, or the stale pass does.
    if (this.loading.has(String(chat.userId))) this.stale.add(id);
    this.owners.get(String(chat.userId))?.set(id, entryOf(chat));
  }
}

const given = <T>(value: T | null | undefined): value is T => value !== undefined && value !== null;

function matcher(filter: ChatFilter): (entry: Entry) => boolean {
  const search = filter.search?.trim()
    ? new RegExp(escapeRegExp(filter.search.trim().slice(0, 100)), 'i')
    : undefined;
  const campaignId = filter.campaignId ? String(filter.campaignId) : undefined;
  return (entry) =>
    (!given(filter.status) || entry.status === filter.status) &&
    (!given(filter.platform) || entry.platform === filter.platform) &&
    (campaignId === undefined || entry.campaignId === campaignId) &&
    (!given(filter.mode) || entry.mode === filter.mode) &&
    (!given(filter.needsAttention) || entry.needsAttention === filter.needsAttention) &&
    (filter.includeTests !== false || !entry.isTest) &&
    (search === undefined || search.test(entry.customerName));
}
