import type { Types } from 'mongoose';
import { businessProfiles, type BusinessProfile } from './profileCache';
import { UserModel } from './user.model';

/** The business's profile and trained knowledge version, read for every AI reply. */
export function businessProfileOf(userId: Types.ObjectId): Promise<BusinessProfile | null> {
  return businessProfiles.get(String(userId), async () => {
    const user = await UserModel.findById(userId)
      .select({ businessInfo: 1, 'globalAI.knowledgeVersion': 1, 'globalAI.lastTrainedAt': 1 })
      .lean();
    return user
      ? {
          businessInfo: user.businessInfo,
          knowledgeVersion: user.globalAI?.knowledgeVersion,
          lastTrainedAt: user.globalAI?.lastTrainedAt,
        }
      : null;
  });
}
