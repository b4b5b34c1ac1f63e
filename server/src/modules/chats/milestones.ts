import { ChatModel, type Chat, type ChatMilestones } from './chat.model';

export type Milestone = keyof ChatMilestones;

/**
 * Sets the milestones this chat has not reached yet and returns the ones this call set:
 * the caller counts exactly those, so each is counted once per conversation however many
 * times (or from how many places) it is reached. One update by `_id` returning the
 * document as it was before: atomic on MongoDB, and on FerretDB over the server's single
 * connection. Milestones the given chat already shows cost no write.
 */
export async function reachMilestones(chat: Chat, milestones: Milestone[]): Promise<Milestone[]> {
  const pending = [...new Set(milestones)].filter((name) => !chat.milestones?.[name]);
  if (pending.length === 0) return [];
  const before = await ChatModel.findOneAndUpdate(
    { _id: chat._id },
    { $set: Object.fromEntries(pending.map((name) => [`milestones.${name}`, true])) },
    { returnDocument: 'before' },
  ).lean();
  if (!before) return [];
  return pending.filter((name) => !before.milestones?.[name]);
}
