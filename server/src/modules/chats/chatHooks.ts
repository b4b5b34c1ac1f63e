import type { Query, Types } from 'mongoose';
import { chatsWritten, touchesInboxFields, type ChatFields } from './chatWrites';

type AnyQuery = Query<unknown, unknown>;

/** The ids a query's filter names by `_id`, or undefined when it names none. */
function idsOf(filter: Record<string, unknown>): Types.ObjectId[] | undefined {
  const id = filter._id as Types.ObjectId | { $in?: Types.ObjectId[] } | undefined;
  if (!id) return undefined;
  if (typeof id === 'object' && '$in' in id && Array.isArray(id.$in)) return id.$in;
  return [id as Types.ObjectId];
}

/**
 * Mongoose hooks of the chat model: every write through it reaches chatWrites.ts
 * (`insertMany` is not hooked: nothing inserts chats that way but the database manager,
 * whose raw writes report themselves).
 */
export const chatHooks = {
  saved(doc: ChatFields) {
    chatsWritten({ kind: 'chat', chat: doc });
  },
  foundAndUpdated(this: AnyQuery, doc: ChatFields | null) {
    if (!touchesInboxFields(this.getUpdate())) return;
    const options = this.getOptions() as { returnDocument?: string; new?: boolean };
    if (doc && (options.returnDocument === 'after' || options.new)) {
      chatsWritten({ kind: 'chat', chat: doc });
      return;
    }
    const ids = doc ? [doc._id] : idsOf(this.getFilter());
    chatsWritten(ids ? { kind: 'ids', ids } : { kind: 'all' });
  },
  changedByQuery(this: AnyQuery) {
    const op = (this as unknown as { op?: string }).op ?? '';
    if (op.startsWith('update') && !touchesInboxFields(this.getUpdate())) return;
    const ids = idsOf(this.getFilter());
    chatsWritten(ids ? { kind: 'ids', ids } : { kind: 'all' });
  },
};
