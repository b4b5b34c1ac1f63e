import { GraphApiError, type GraphApiClient } from '../../platforms/graphApi';

/** An answer without what it must carry: shown to the owner like any unusable answer. */
const unusable = (message: string) => new GraphApiError(message, { kind: 'invalid-response' });

/*
 * Meta's side of "Instagram API with Instagram Login" (../shared/TECH-NOTES.md), for an
 * Instagram professional account without a Facebook Page: the dialog on instagram.com, the
 * code exchange on api.instagram.com (a form POST), the long-lived token, `me`, and the
 * subscription that makes Meta send the account's webhooks to this app.
 */

export interface InstagramApp {
  appId: string;
  appSecret: string;
  /** Where the dialog is served (https://www.instagram.com). */
  oauthUrl: string;
}

const SCOPES = ['instagram_business_basic', 'instagram_business_manage_messages'];

/** The account webhooks the pipeline reads (platforms/messenger.ts, object "instagram"). */
export const INSTAGRAM_LOGIN_FIELDS = [
  'messages',
  'messaging_postbacks',
  'messaging_referral',
  'message_reactions',
];

export function instagramDialogUrl(
  app: InstagramApp,
  options: { redirectUri: string; state: string },
): string {
  const params = new URLSearchParams({
    client_id: app.appId,
    redirect_uri: options.redirectUri,
    response_type: 'code',
    scope: SCOPES.join(','),
    state: options.state,
  });
  return `${app.oauthUrl}/oauth/authorize?${params.toString()}`;
}

interface CodeAnswer {
  access_token?: string;
  user_id?: string | number;
  data?: { access_token?: string; user_id?: string | number }[];
}

/** The dialog's code -> a short-lived token -> a long-lived one (60 days, refreshable). */
export async function instagramTokenFor(
  api: GraphApiClient,
  graph: GraphApiClient,
  app: InstagramApp,
  code: string,
  redirectUri: string,
): Promise<{ token: string; expiresAt?: Date }> {
  const answer = await api.postForm<CodeAnswer>('oauth/access_token', {
    client_id: app.appId,
    client_secret: app.appSecret,
    grant_type: 'authorization_code',
    redirect_uri: redirectUri,
    // Instagram appends "#_" to the code it redirects with.
    code: code.replace(/#_$/, ''),
  });
  // Answered flat, or (the newer shape) inside `data`.
  const short = answer.access_token ?? answer.data?.[0]?.access_token;
  if (!short) throw unusable('Instagram answered the code exchange without a token.');
  return longLived(graph, app, short);
}

async function longLived(
  graph: GraphApiClient,
  app: InstagramApp,
  short: string,
): Promise<{ token: string; expiresAt?: Date }> {
  const answer = await graph.exchange<{ access_token?: string; expires_in?: number }>(
    'access_token',
    { grant_type: 'ig_exchange_token', client_secret: app.appSecret, access_token: short },
    { versioned: false },
  );
  if (!answer.access_token)
    throw unusable('Instagram answered the token exchange without a token.');
  return { token: answer.access_token, expiresAt: expiry(answer.expires_in) };
}

/** A long-lived token renewed for another 60 days (it must be at least a day old). */
export async function refreshInstagramToken(
  graph: GraphApiClient,
  token: string,
): Promise<{ token: string; expiresAt?: Date }> {
  const answer = await graph.exchange<{ access_token?: string; expires_in?: number }>(
    'refresh_access_token',
    { grant_type: 'ig_refresh_token', access_token: token },
    { versioned: false },
  );
  if (!answer.access_token) throw unusable('Instagram answered the refresh without a token.');
  return { token: answer.access_token, expiresAt: expiry(answer.expires_in) };
}

const expiry = (seconds: number | undefined) =>
  typeof seconds === 'number' && seconds > 0 ? new Date(Date.now() + seconds * 1000) : undefined;

export interface InstagramAccount {
  /** The professional account's id: the webhooks' recipient. */
  id: string;
  /** The app-scoped id: what Instagram's Deauthorize and Data Deletion callbacks name. */
  appScopedId?: string;
  username?: string;
  name?: string;
  picture?: string;
  followers?: number;
}

interface MeAnswer {
  id?: string;
  user_id?: string | number;
  username?: string;
  name?: string;
  profile_picture_url?: string;
  followers_count?: number;
}

export async function instagramAccount(
  graph: GraphApiClient,
  token: string,
): Promise<InstagramAccount> {
  const me = await graph.get<MeAnswer>(
    'me',
    { fields: 'id,user_id,username,name,profile_picture_url,followers_count' },
    token,
  );
  if (me.user_id === undefined) throw unusable('Instagram did not say which account logged in.');
  return {
    id: String(me.user_id),
    appScopedId: me.id,
    username: me.username,
    name: me.name,
    picture: me.profile_picture_url,
    followers: me.followers_count,
  };
}

export async function subscribeInstagramAccount(
  graph: GraphApiClient,
  token: string,
): Promise<void> {
  const answer = await graph.post<{ success?: unknown }>(
    `me/subscribed_apps?subscribed_fields=${INSTAGRAM_LOGIN_FIELDS.join(',')}`,
    {},
    token,
  );
  if (answer.success !== true && answer.success !== 'true') {
    throw unusable('Instagram did not confirm the webhook subscription.');
  }
}
