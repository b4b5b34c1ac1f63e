import type { Types } from 'mongoose';
import { CampaignModel } from './campaign.model';
import { playbooks, type Playbook } from './campaignCache';

/**
 * The campaign a chat plays, read for every AI reply (cached on the embedded database).
 * Only ever its own owner's: a chat can never play another owner's campaign.
 */
export async function playbookOf(chat: {
  campaignId?: Types.ObjectId | null;
  userId: Types.ObjectId;
}): Promise<Playbook | null> {
  if (!chat.campaignId) return null;
  const campaignId = chat.campaignId;
  const campaign = await playbooks.get(String(campaignId), () =>
    CampaignModel.findById(campaignId).select({ stats: 0 }).lean<Playbook>(),
  );
  return campaign && campaign.userId.equals(chat.userId) ? campaign : null;
}
