import { registerEnumType } from 'type-graphql';

/** Stored lower case (as Meta names them); GraphQL shows the keys. */
export enum Platform {
  FACEBOOK = 'facebook',
  INSTAGRAM = 'instagram',
  WHATSAPP = 'whatsapp',
  SIMULATOR = 'simulator',
}

export enum TargetPlatform {
  FACEBOOK = 'facebook',
  INSTAGRAM = 'instagram',
  WHATSAPP = 'whatsapp',
  ALL = 'all',
}

registerEnumType(Platform, { name: 'Platform', description: 'Where a conversation happens' });
registerEnumType(TargetPlatform, { name: 'TargetPlatform', description: 'Where a campaign runs' });
