import { ChatMode, ChatModel } from './chat.model';
import type { LiveUpdates } from './liveUpdates';
import { handBackIfDue } from './timeline';

export const handbackAt = (minutes: number, from = new Date()): Date =>
  new Date(from.getTime() + minutes * 60_000);

/** Hands chats back to the AI on time even when no customer writes, and tells the dashboards. */
export class HandbackService {
  constructor(private readonly live: LiveUpdates) {}

  /** Run by the scheduler (jobs/scheduler.ts); resolves to how many chats went back. */
  async sweep(now = new Date()): Promise<number> {
    const due = await ChatModel.find({ mode: ChatMode.HUMAN, handbackAt: { $lte: now } })
      .limit(200)
      .lean();
    let count = 0;
    for (const chat of due) {
      const { chat: back, handedBack } = await handBackIfDue(chat, now);
      if (!handedBack) continue;
      count += 1;
      this.live.chatChanged(back);
    }
    return count;
  }
}
