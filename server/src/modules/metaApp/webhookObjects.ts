import { Platform } from '../../platforms/platform';
import { PAGE_FIELDS } from '../metaConnect/metaLogin';

/*
 * The app-level webhook subscriptions Meta needs before it sends anything: one per
 * object, with the fields the pipeline reads (platforms/messenger.ts, platforms/whatsapp.ts).
 * Meta delivers a Page's field only when it is subscribed here and on the Page.
 */

export interface WebhookObject {
  object: 'page' | 'instagram' | 'whatsapp_business_account';
  platform: Platform;
  fields: readonly string[];
}

export const WEBHOOK_OBJECTS: readonly WebhookObject[] = [
  { object: 'page', platform: Platform.FACEBOOK, fields: PAGE_FIELDS },
  {
    object: 'instagram',
    platform: Platform.INSTAGRAM,
    fields: [
      'messages',
      'messaging_postbacks',
      'messaging_referral',
      'message_reactions',
      'messaging_handover',
      'standby',
    ],
  },
  { object: 'whatsapp_business_account', platform: Platform.WHATSAPP, fields: ['messages'] },
];

/** Where Meta posts one platform's webhooks, under the public address. */
export const webhookPath = (platform: Platform) => `/webhooks/${platform}`;
