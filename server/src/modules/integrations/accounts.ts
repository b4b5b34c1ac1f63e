import { Platform } from '../../platforms/platform';
import { IntegrationModel, IntegrationStatus, type Integration } from './integration.model';

/** Where each platform's account id (the webhook's recipient) is kept on an integration. */
const accountField: Partial<Record<Platform, string>> = {
  [Platform.FACEBOOK]: 'credentials.pageId',
  [Platform.INSTAGRAM]: 'credentials.accountId',
  [Platform.WHATSAPP]: 'credentials.phoneNumberId',
};

/** The connected integration that owns a platform account id, credentials included. */
export function integrationForAccount(
  platform: Platform,
  accountId: string,
): Promise<Integration | null> {
  const field = accountField[platform];
  if (!field) return Promise.resolve(null);
  return IntegrationModel.findOne({
    platform,
    status: IntegrationStatus.CONNECTED,
    [field]: accountId,
  })
    .select('+credentials')
    .lean();
}

/** Which of these account ids of one platform a connected integration owns. */
export async function connectedAccounts(
  platform: Platform,
  accountIds: string[],
): Promise<Set<string>> {
  const field = accountField[platform];
  if (!field || accountIds.length === 0) return new Set();
  const owners = await IntegrationModel.find({
    platform,
    status: IntegrationStatus.CONNECTED,
    [field]: { $in: [...new Set(accountIds)] },
  })
    .select({ [field]: 1 })
    .lean();
  const key = field.split('.')[1] as 'pageId' | 'accountId' | 'phoneNumberId';
  return new Set(owners.flatMap((owner) => owner.credentials?.[key] ?? []));
}
