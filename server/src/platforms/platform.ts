import { registerEnumType } from 'type-graphql';

/** Stored lower case (as Meta names them); GraphQL shows the keys. */
export enum Platform {
  FACEBOOK = 'facebook',
  INSTAGRAM = 'instagram',
  WHATSAPP = 'whatsapp',
  SIMULATOR = 'simulator',
}

/** What owners call each channel: "Messenger", not "facebook". */
export const PLATFORM_NAMES: Record<Platform, string> = {
  [Platform.FACEBOOK]: 'Messenger',
  [Platform.INSTAGRAM]: 'Instagram',
  [Platform.WHATSAPP]: 'WhatsApp',
  [Platform.SIMULATOR]: 'the simulator',
};

export enum TargetPlatform {
  FACEBOOK = 'facebook',
  INSTAGRAM = 'instagram',
  WHATSAPP = 'whatsapp',
  ALL = 'all',
}

registerEnumType(Platform, { name: 'Platform', description: 'Where a conversation happens' });
registerEnumType(TargetPlatform, { name: 'TargetPlatform', description: 'Where a campaign runs' });
