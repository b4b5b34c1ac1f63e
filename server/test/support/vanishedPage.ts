import { enqueueMessages } from '../../src/modules/webhookQueue/webhookQueue';
import { Platform } from '../../src/platforms/platform';
import { mid } from './metaPayloads';

/**
 * A customer message already in the inbox for a page whose integration was gone by the
 * time the worker reached it: the inbox event fails for good. (A webhook for a page nobody
 * connected is not queued at all.)
 */
export function queueForVanishedPage(pageId: string, customerId: string, text: string, id = mid()) {
  return enqueueMessages([
    {
      platform: Platform.FACEBOOK,
      recipientId: pageId,
      customerId,
      text,
      attachments: [],
      platformMessageId: id,
      timestamp: new Date(),
    },
  ]);
}
