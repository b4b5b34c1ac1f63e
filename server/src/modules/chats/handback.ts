import type { Logger } from '../../logger';
import type { PubSub } from '../../realtime/pubsub';
import { ChatMode, ChatModel, type Chat } from './chat.model';

export const handbackAt = (minutes: number, from = new Date()): Date =>
  new Date(from.getTime() + minutes * 60_000);

/**
 * Returns a human-handled chat to the AI once its hand-back time has passed. Conditional,
 * so the sweeper and an incoming message cannot both do it. Resolves to the chat as it is.
 */
export async function handBackIfDue(
  chat: Chat,
  now = new Date(),
): Promise<{ chat: Chat; handedBack: boolean }> {
  if (chat.mode !== ChatMode.HUMAN || !chat.handbackAt || chat.handbackAt > now) {
    return { chat, handedBack: false };
  }
  const updated = await ChatModel.findOneAndUpdate(
    { _id: chat._id, mode: ChatMode.HUMAN, handbackAt: { $lte: now } },
    { $set: { mode: ChatMode.AI }, $unset: { handbackAt: '' } },
    { returnDocument: 'after' },
  ).lean();
  return updated ? { chat: updated, handedBack: true } : { chat, handedBack: false };
}

/** Hands chats back on time even when no customer writes, and tells the dashboards. */
export class HandbackSweeper {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly pubsub: PubSub,
    private readonly logger: Logger,
    private readonly intervalMs: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.sweep().catch((error: unknown) =>
        this.logger.error({ err: error }, 'hand-back sweep failed'),
      );
    }, this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async sweep(now = new Date()): Promise<number> {
    const due = await ChatModel.find({ mode: ChatMode.HUMAN, handbackAt: { $lte: now } })
      .limit(200)
      .lean();
    let count = 0;
    for (const chat of due) {
      const { handedBack } = await handBackIfDue(chat, now);
      if (!handedBack) continue;
      count += 1;
      this.pubsub.publish('chatUpdated', String(chat.userId), {
        chatId: String(chat._id),
        userId: String(chat.userId),
      });
    }
    return count;
  }
}
