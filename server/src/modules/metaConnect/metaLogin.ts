import type { GraphApiClient } from '../../platforms/graphApi';
import { Platform } from '../../platforms/platform';

/*
 * Meta's side of "Continue with Facebook" (Facebook Login for Business), as documented:
 * the dialog, the code and long-lived token exchanges, the Pages the person manages, and
 * the Page subscription that makes Meta send that Page's webhooks to this app.
 */

export interface MetaApp {
  appId: string;
  appSecret: string;
  /** Facebook Login for Business configuration: its permissions replace `scope`. */
  loginConfigId?: string;
  /** Where the dialog is served (https://www.facebook.com). */
  oauthUrl: string;
}

/** What Messenger and Instagram need when no login configuration names them. */
const SCOPES: Record<'facebook' | 'instagram', string[]> = {
  facebook: ['pages_show_list', 'pages_messaging', 'pages_manage_metadata'],
  instagram: [
    'pages_show_list',
    'pages_messaging',
    'pages_manage_metadata',
    'instagram_basic',
    'instagram_manage_messages',
  ],
};

/**
 * The Page webhooks the pipeline reads (platforms/messenger.ts); Meta delivers only fields
 * subscribed both here and on the app.
 */
export const PAGE_FIELDS = [
  'messages',
  'messaging_postbacks',
  'message_echoes',
  'messaging_handovers',
  'standby',
  'message_reactions',
  'message_edits',
  'messaging_referrals',
];

export function dialogUrl(
  app: MetaApp,
  version: string,
  options: { platform: Platform; redirectUri: string; state: string },
): string {
  const params = new URLSearchParams({
    client_id: app.appId,
    redirect_uri: options.redirectUri,
    state: options.state,
    response_type: 'code',
  });
  if (app.loginConfigId) params.set('config_id', app.loginConfigId);
  else
    params.set(
      'scope',
      SCOPES[options.platform === Platform.INSTAGRAM ? 'instagram' : 'facebook'].join(','),
    );
  return `${app.oauthUrl}/${version}/dialog/oauth?${params.toString()}`;
}

interface TokenAnswer {
  access_token?: string;
  expires_in?: number;
}

/** The dialog's code -> a user token -> a long-lived one (about 60 days). */
export async function userTokenFor(
  graphApi: GraphApiClient,
  app: MetaApp,
  code: string,
  redirectUri: string,
): Promise<string> {
  const short = await graphApi.exchange<TokenAnswer>('oauth/access_token', {
    client_id: app.appId,
    redirect_uri: redirectUri,
    client_secret: app.appSecret,
    code,
  });
  if (!short.access_token) throw new Error('Meta answered the code exchange without a token.');
  const long = await graphApi.exchange<TokenAnswer>('oauth/access_token', {
    grant_type: 'fb_exchange_token',
    client_id: app.appId,
    client_secret: app.appSecret,
    fb_exchange_token: short.access_token,
  });
  if (!long.access_token) throw new Error('Meta answered the token exchange without a token.');
  return long.access_token;
}

export interface ManagedPage {
  id: string;
  name: string;
  /** Never expires when it comes from a long-lived user token. */
  accessToken: string;
  picture?: string;
  instagram?: { id: string; username?: string };
}

interface AccountsAnswer {
  data?: {
    id?: string;
    name?: string;
    access_token?: string;
    tasks?: string[];
    picture?: { data?: { url?: string } };
    instagram_business_account?: { id?: string; username?: string };
  }[];
}

/** At most this many Pages are offered (Meta pages the list; one page of it suffices). */
const PAGE_LIMIT = 100;

/** The Pages this person may send messages for, each with its Page token. */
export async function managedPages(
  graphApi: GraphApiClient,
  userToken: string,
): Promise<ManagedPage[]> {
  const answer = await graphApi.get<AccountsAnswer>(
    'me/accounts',
    {
      fields: 'id,name,access_token,tasks,picture{url},instagram_business_account{id,username}',
      limit: String(PAGE_LIMIT),
    },
    userToken,
  );
  const pages: ManagedPage[] = [];
  for (const page of answer.data ?? []) {
    if (!page.id || !page.name || !page.access_token) continue;
    // Without MESSAGING (or full control) the person cannot send as the Page.
    if (page.tasks && !page.tasks.some((task) => task === 'MESSAGING' || task === 'MANAGE'))
      continue;
    const ig = page.instagram_business_account;
    pages.push({
      id: page.id,
      name: page.name,
      accessToken: page.access_token,
      picture: page.picture?.data?.url,
      instagram: ig?.id ? { id: ig.id, username: ig.username } : undefined,
    });
  }
  return pages;
}

/** Has Meta send this Page's messaging webhooks to the app. */
export async function subscribePage(
  graphApi: GraphApiClient,
  pageId: string,
  pageToken: string,
): Promise<void> {
  const answer = await graphApi.post<{ success?: boolean | string }>(
    `${pageId}/subscribed_apps`,
    { subscribed_fields: PAGE_FIELDS.join(',') },
    pageToken,
  );
  if (answer.success !== true && answer.success !== 'true') {
    throw new Error('Meta did not confirm the Page subscription.');
  }
}
