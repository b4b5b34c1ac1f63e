import type { InboundMessage } from '../../platforms/inbound';
import type { Platform } from '../../platforms/platform';
import { connectedAccounts } from './accounts';
import { UnclaimedAccountModel } from './unclaimedAccount.model';

/**
 * Splits a webhook's messages into those for connected accounts (to the inbox) and the
 * rest, which are counted on their account's one UnclaimedAccount record instead of
 * being stored each: an unconnected Page cannot grow the database message by message.
 */
export async function claimMessages(messages: InboundMessage[]): Promise<InboundMessage[]> {
  if (messages.length === 0) return messages;
  const connected = new Map<Platform, Set<string>>();
  for (const platform of new Set(messages.map((message) => message.platform))) {
    const ids = messages.filter((m) => m.platform === platform).map((m) => m.recipientId);
    connected.set(platform, await connectedAccounts(platform, ids));
  }
  const claimed: InboundMessage[] = [];
  const unclaimed = new Map<string, InboundMessage[]>();
  for (const message of messages) {
    if (connected.get(message.platform)?.has(message.recipientId)) {
      claimed.push(message);
    } else {
      const key = `${message.platform}:${message.recipientId}`;
      unclaimed.set(key, [...(unclaimed.get(key) ?? []), message]);
    }
  }
  for (const [key, received] of unclaimed) await noteUnclaimed(key, received);
  return claimed;
}

async function noteUnclaimed(key: string, received: InboundMessage[]): Promise<void> {
  const last = received[received.length - 1]!;
  const now = new Date();
  await UnclaimedAccountModel.updateOne(
    { _id: key },
    {
      $inc: { events: received.length },
      $set: {
        lastSeenAt: now,
        lastMessage: { ...last, timestamp: last.timestamp.toISOString() },
      },
      $setOnInsert: { platform: last.platform, accountId: last.recipientId, firstSeenAt: now },
    },
    { upsert: true },
  );
}
