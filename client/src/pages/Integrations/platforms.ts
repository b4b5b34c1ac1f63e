import type { Platform } from '../../gql/graphql';

export type MetaPlatform = Exclude<Platform, 'SIMULATOR'>;

interface IdField {
  key: 'pageId' | 'accountId' | 'phoneNumberId' | 'wabaId';
  label: string;
  hint: string;
}

export interface PlatformInfo {
  platform: MetaPlatform;
  name: string;
  blurb: string;
  /** Connected with Meta's login (Continue with Facebook; WhatsApp: Embedded Signup) when the server offers it. */
  metaLogin: boolean;
  ids: IdField[];
  tokenHint: string;
}

// Which ids each platform needs mirrors server/src/modules/integrations/connectionCheck.ts.
export const PLATFORMS: PlatformInfo[] = [
  {
    platform: 'FACEBOOK',
    name: 'Messenger',
    blurb: 'Answer messages sent to your Facebook Page.',
    metaLogin: true,
    ids: [{ key: 'pageId', label: 'Facebook Page id', hint: 'Page settings → About → Page ID.' }],
    tokenHint: 'A Page access token with pages_messaging.',
  },
  {
    platform: 'INSTAGRAM',
    name: 'Instagram',
    blurb: 'Answer direct messages on your Instagram professional account.',
    metaLogin: true,
    ids: [
      {
        key: 'accountId',
        label: 'Instagram account id',
        hint: 'The professional account id from Meta Business Suite.',
      },
      {
        key: 'pageId',
        label: 'Linked Facebook Page id',
        hint: 'The Page the Instagram account is connected to.',
      },
    ],
    tokenHint: 'A Page access token with instagram_manage_messages.',
  },
  {
    platform: 'WHATSAPP',
    name: 'WhatsApp',
    blurb: 'Answer WhatsApp Business messages.',
    metaLogin: true,
    ids: [
      {
        key: 'phoneNumberId',
        label: 'Phone number id',
        hint: 'WhatsApp Manager → Phone numbers → the number’s id.',
      },
      {
        key: 'wabaId',
        label: 'WhatsApp Business Account id',
        hint: 'WhatsApp Manager → Account tools → the account id.',
      },
    ],
    tokenHint: 'A system user token with whatsapp_business_messaging.',
  },
];
