import { forgetCachesOf } from '../../db/embeddedReadCache';
import { dayCache } from '../analytics/dayCache';
import { chatsWritten } from '../chats/chatWrites';

/**
 * A write of the database manager that bypassed the models (its raw imports, restores and
 * trash moves): the in-process structures that follow those collections forget them.
 */
export function rawWriteTo(collection: string): void {
  if (collection === 'chats') chatsWritten({ kind: 'all' });
  if (collection === 'analytics') dayCache.forget('all');
  forgetCachesOf(collection);
}
