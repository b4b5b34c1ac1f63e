import type { Types } from 'mongoose';

/**
 * What was written to `chats`, as the model's hooks (chat.model.ts) and the database
 * manager's raw writes report it, for in-process structures that follow the collection
 * (inboxIndex.ts). `chat` carries the document as written; `ids` only names changed chats;
 * `all` means anything may have changed.
 */
export type ChatWrite =
  { kind: 'chat'; chat: ChatFields } | { kind: 'ids'; ids: Types.ObjectId[] } | { kind: 'all' };

/** The chat fields the inbox lists by, filters on and sorts by. */
export interface ChatFields {
  _id: Types.ObjectId;
  userId: Types.ObjectId;
  lastMessageAt?: Date;
  status: string;
  platform: string;
  campaignId?: Types.ObjectId;
  mode: string;
  needsAttention?: boolean;
  isTest?: boolean;
  customerName?: string;
}

export const INBOX_FIELDS = [
  'userId',
  'lastMessageAt',
  'status',
  'platform',
  'campaignId',
  'mode',
  'needsAttention',
  'isTest',
  'customerName',
] as const;

const listeners = new Set<(write: ChatWrite) => void>();

export function onChatWrite(listener: (write: ChatWrite) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function chatsWritten(write: ChatWrite): void {
  for (const listener of listeners) listener(write);
}

/** Whether an update may change a field the inbox uses (dotted paths count by their root). */
export function touchesInboxFields(update: unknown): boolean {
  if (!update || typeof update !== 'object') return true;
  const paths = Object.entries(update as Record<string, unknown>).flatMap(([key, value]) =>
    key.startsWith('$') && value && typeof value === 'object' ? Object.keys(value) : [key],
  );
  return paths.some((path) => (INBOX_FIELDS as readonly string[]).includes(path.split('.')[0]!));
}
