import { notFound } from '../../errors';
import { ChatMode, ChatModel, type Chat } from './chat.model';
import { HandbackTimerModel } from './handbackTimer.model';

/**
 * One update of a chat by `_id`, returning it as it is now, with its hand-back timer kept
 * in step. The writers of conversations (timeline.ts, threadChanges.ts) go through here.
 */
export async function change(
  chat: Pick<Chat, '_id'> & Partial<Chat>,
  update: Record<string, unknown>,
): Promise<Chat> {
  const updated = await ChatModel.findOneAndUpdate({ _id: chat._id }, update, {
    returnDocument: 'after',
  }).lean();
  if (!updated) throw notFound('Chat');
  await keepHandbackTimer(chat, updated);
  return updated;
}

/** The chat's hand-back timer follows its mode and `handbackAt` (handbackTimer.model.ts). */
async function keepHandbackTimer(before: Partial<Chat>, after: Chat): Promise<void> {
  const due = after.mode === ChatMode.HUMAN ? after.handbackAt : undefined;
  if (due) {
    if (before.mode === ChatMode.HUMAN && before.handbackAt?.getTime() === due.getTime()) return;
    await HandbackTimerModel.updateOne({ _id: after._id }, { $set: { at: due } }, { upsert: true });
  } else if (before.mode !== ChatMode.AI || before.handbackAt) {
    await HandbackTimerModel.deleteOne({ _id: after._id });
  }
}
