import type { Types } from 'mongoose';
import { ownerFilter, type Scope } from '../../auth/ownership';
import { CampaignModel } from '../campaigns/campaign.model';

/** Names of the owner's campaigns among these ids (deleted ones are simply missing). */
export async function campaignNames(
  scope: Scope,
  ids: (Types.ObjectId | null)[],
): Promise<Map<string, string>> {
  const wanted = ids.filter((id): id is Types.ObjectId => id !== null);
  if (wanted.length === 0) return new Map();
  const campaigns = await CampaignModel.find({ _id: { $in: wanted }, ...ownerFilter(scope) })
    .select({ name: 1 })
    .lean();
  return new Map(campaigns.map((campaign) => [String(campaign._id), campaign.name]));
}
