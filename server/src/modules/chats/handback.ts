import { runOnce } from '../../db/migrations';
import { ChatMode, ChatModel } from './chat.model';
import { HandbackTimerModel } from './handbackTimer.model';
import type { LiveUpdates } from './liveUpdates';
import { handBackIfDue } from './timeline';

export const handbackAt = (minutes: number, from = new Date()): Date =>
  new Date(from.getTime() + minutes * 60_000);

/** Hands chats back to the AI on time even when no customer writes, and tells the dashboards. */
export class HandbackService {
  private timersReady: Promise<void> | undefined;

  constructor(private readonly live: LiveUpdates) {}

  /** Run by the scheduler (jobs/scheduler.ts); resolves to how many chats went back. */
  async sweep(now = new Date()): Promise<number> {
    // Asked once per process, not every sweep.
    this.timersReady ??= runOnce('handbacktimers', backfillTimers).then(
      () => undefined,
      (error: unknown) => {
        this.timersReady = undefined;
        throw error;
      },
    );
    await this.timersReady;
    const due = await HandbackTimerModel.find({ at: { $lte: now } })
      .limit(200)
      .lean();
    let count = 0;
    for (const timer of due) {
      const chat = await ChatModel.findById(timer._id).lean();
      if (!chat || chat.mode !== ChatMode.HUMAN || !chat.handbackAt) {
        await HandbackTimerModel.deleteOne({ _id: timer._id });
        continue;
      }
      if (chat.handbackAt > now) {
        await HandbackTimerModel.updateOne({ _id: chat._id }, { $set: { at: chat.handbackAt } });
        continue;
      }
      const { chat: back, handedBack } = await handBackIfDue(chat, now);
      if (!handedBack) continue;
      count += 1;
      this.live.chatChanged(back);
    }
    return count;
  }
}

/** Chats taken by a person before the timers existed get theirs, once (db/migrations.ts). */
async function backfillTimers(): Promise<void> {
  const taken = await ChatModel.find({ mode: ChatMode.HUMAN }, { handbackAt: 1 }).lean();
  for (const chat of taken) {
    if (!chat.handbackAt) continue;
    await HandbackTimerModel.updateOne(
      { _id: chat._id },
      { $set: { at: chat.handbackAt } },
      { upsert: true },
    );
  }
}
