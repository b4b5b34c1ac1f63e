import { Platform } from '../../platforms/platform';
import { IntegrationModel, IntegrationStatus, type Integration } from './integration.model';
import { integrationsByAccount } from './integrationCache';

/** Where each platform's account id (the webhook's recipient) is kept on an integration. */
const accountField: Partial<Record<Platform, string>> = {
  [Platform.FACEBOOK]: 'credentials.pageId',
  [Platform.INSTAGRAM]: 'credentials.accountId',
  [Platform.WHATSAPP]: 'credentials.phoneNumberId',
};

/**
 * The connected integration that owns a platform account id, credentials included. Asked
 * twice per webhook (at its ack and by the worker): cached on the embedded database.
 */
export function integrationForAccount(
  platform: Platform,
  accountId: string,
): Promise<Integration | null> {
  const field = accountField[platform];
  if (!field) return Promise.resolve(null);
  return integrationsByAccount.get(`${platform}:${accountId}`, () =>
    IntegrationModel.findOne({
      platform,
      status: IntegrationStatus.CONNECTED,
      [field]: accountId,
    })
      .select('+credentials')
      .lean(),
  );
}

/** Which of these account ids of one platform a connected integration owns. */
export async function connectedAccounts(
  platform: Platform,
  accountIds: string[],
): Promise<Set<string>> {
  const owned = new Set<string>();
  // A batch names one or a few accounts (Meta batches per app, not per page).
  for (const accountId of new Set(accountIds)) {
    if (await integrationForAccount(platform, accountId)) owned.add(accountId);
  }
  return owned;
}
