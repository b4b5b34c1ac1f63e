import { badInput } from '../../errors';
import { GraphApiError, type GraphApiClient } from '../../platforms/graphApi';
import { Platform } from '../../platforms/platform';
import type { PlatformData } from './integration.model';

export interface ConnectRequest {
  platform: Platform;
  pageId?: string | null;
  accountId?: string | null;
  phoneNumberId?: string | null;
  wabaId?: string | null;
  accessToken: string;
}

export type ConnectIds = Pick<ConnectRequest, 'pageId' | 'accountId' | 'phoneNumberId' | 'wabaId'>;

type IdField = keyof ConnectIds;

const REQUIRED: Record<Platform, [IdField, string][]> = {
  [Platform.FACEBOOK]: [['pageId', 'Messenger needs the Page id.']],
  [Platform.INSTAGRAM]: [
    ['accountId', 'Instagram needs the Instagram account id.'],
    ['pageId', 'Instagram needs the id of the Facebook Page linked to the account.'],
  ],
  [Platform.WHATSAPP]: [
    ['phoneNumberId', 'WhatsApp needs the phone number id.'],
    ['wabaId', 'WhatsApp needs the WhatsApp Business Account id.'],
  ],
  [Platform.SIMULATOR]: [],
};

/** The ids the platform needs, and only those; refuses missing ones with field paths. */
export function requiredIds(input: ConnectRequest): ConnectIds {
  if (input.platform === Platform.SIMULATOR) {
    throw badInput('The simulator needs no connection: it is always available.', {
      fields: [{ path: 'platform', messages: ['SIMULATOR cannot be connected.'] }],
    });
  }
  const needed = REQUIRED[input.platform];
  const missing = needed.filter(([field]) => !input[field]);
  if (missing.length > 0) {
    throw badInput(missing.map(([, message]) => message).join(' '), {
      fields: missing.map(([path, message]) => ({ path, messages: [message] })),
    });
  }
  return Object.fromEntries(needed.map(([field]) => [field, input[field]]));
}

/**
 * A check Meta did not pass; the message is written for the business owner. `transient`:
 * Meta could not be asked or was briefly unable to answer (timeouts, outages, rate
 * limits), which says nothing about the token.
 */
export class ConnectionCheckFailed extends Error {
  constructor(
    message: string,
    readonly transient = false,
  ) {
    super(message);
  }
}

/** Meta's codes for "try again later": unknown, temporary, rate limits (Graph API docs). */
const TEMPORARY_CODES = new Set([1, 2, 4, 17, 32, 341, 613]);

export const isTransient = (error: GraphApiError): boolean =>
  error.kind !== 'meta' ||
  (error.status ?? 0) >= 500 ||
  (error.code !== undefined && TEMPORARY_CODES.has(error.code));

interface MetaPage {
  id?: string;
  name?: string;
  username?: string;
  category?: string;
  followers_count?: number;
  picture?: { data?: { url?: string } };
}

interface MetaIgAccount {
  id?: string;
  username?: string;
  name?: string;
  profile_picture_url?: string;
  followers_count?: number;
}

interface MetaPhoneNumber {
  id?: string;
  display_phone_number?: string;
  verified_name?: string;
  quality_rating?: string;
}

const PAGE_FIELDS = 'id,name,username,category,followers_count,picture{url}';
const IG_FIELDS = 'id,username,name,profile_picture_url,followers_count';
const PHONE_FIELDS = 'id,display_phone_number,verified_name,quality_rating';

/**
 * Asks Meta whether the token really opens the given page / account / number, and
 * returns what the dashboard shows about it. Throws ConnectionCheckFailed otherwise.
 */
export async function checkConnection(
  graphApi: GraphApiClient,
  platform: Platform,
  ids: ConnectIds,
  token: string,
): Promise<PlatformData> {
  try {
    if (platform === Platform.WHATSAPP) {
      const phone = await graphApi.get<MetaPhoneNumber>(
        String(ids.phoneNumberId),
        { fields: PHONE_FIELDS },
        token,
      );
      expectId(phone.id, ids.phoneNumberId, 'phone number');
      return {
        pageName: phone.verified_name,
        pageUsername: phone.display_phone_number,
        qualityRating: phone.quality_rating,
      };
    }
    const page = await graphApi.get<MetaPage>('me', { fields: PAGE_FIELDS }, token);
    if (page.id !== ids.pageId) {
      throw new ConnectionCheckFailed(
        page.id
          ? `This access token belongs to Page ${page.id}, not to Page ${ids.pageId}. Use the Page's own access token.`
          : 'Meta did not say which Page this access token belongs to. Use a Page access token.',
      );
    }
    const pageData: PlatformData = {
      pageName: page.name,
      pageUsername: page.username,
      category: page.category,
      followersCount: page.followers_count,
      profilePicture: page.picture?.data?.url,
    };
    if (platform !== Platform.INSTAGRAM) return pageData;
    const account = await graphApi.get<MetaIgAccount>(
      String(ids.accountId),
      { fields: IG_FIELDS },
      token,
    );
    expectId(account.id, ids.accountId, 'Instagram account');
    return {
      pageName: account.name ?? pageData.pageName,
      pageUsername: account.username,
      category: pageData.category,
      followersCount: account.followers_count,
      profilePicture: account.profile_picture_url,
    };
  } catch (error) {
    if (error instanceof GraphApiError) {
      throw new ConnectionCheckFailed(explain(error), isTransient(error));
    }
    throw error;
  }
}

function expectId(answered: string | undefined, expected: unknown, what: string): void {
  if (answered !== expected) {
    throw new ConnectionCheckFailed(
      `Meta answered for ${what} ${answered ?? '(none)'} instead of ${String(expected)}.`,
    );
  }
}

const sentence = (text: string): string => (/[.!?]$/.test(text) ? text : `${text}.`);

/** A reason a person understands, from what the Graph API client reported. */
export function explain(error: GraphApiError): string {
  switch (error.kind) {
    case 'timeout':
      return 'Meta did not answer in time. Try again in a few minutes.';
    case 'network':
      return 'Could not reach Meta to check the access token. Try again in a few minutes.';
    case 'invalid-response':
      return 'Meta answered with something unexpected. Try again in a few minutes.';
    case 'http':
      return `Meta answered HTTP ${error.status ?? '?'} without an explanation. Try again in a few minutes.`;
    case 'meta': {
      const label = [error.type, error.code !== undefined ? `code ${error.code}` : undefined]
        .filter(Boolean)
        .join(', ');
      const what =
        error.code === 190 || error.type === 'OAuthException'
          ? 'Meta refused the access token'
          : 'Meta refused the request';
      return `${what}${label ? ` (${label})` : ''}: ${sentence(error.metaMessage ?? `HTTP ${error.status ?? '?'}`)}`;
    }
  }
}
