import { randomBytes } from 'node:crypto';
import { metaError, type GraphApiFixture, type RouteContext } from './graphApiFixture';

/*
 * Facebook Login for Business on the Graph API fixture, in Meta's documented shapes
 * (../shared/TECH-NOTES.md): the dialog (a consent page whose links return to
 * redirect_uri with a code and the state, or with Meta's cancel parameters), the code and
 * long-lived exchanges, `me/accounts`, and `POST /{page-id}/subscribed_apps`.
 */

export interface LoginPerson {
  /** The app-scoped user id Meta gives this person. */
  id: string;
  /** Ids of fixture pages (fixture.state.pages) this person manages. */
  pages: { id: string; tasks?: string[] }[];
}

export interface MetaLoginFixture {
  /** Who logs in from now on. */
  person: LoginPerson;
  /** Fields each Page was subscribed with, by page id. */
  subscriptions: Record<string, string[]>;
  /** Long-lived user tokens handed out. */
  userTokens: Set<string>;
}

interface IssuedCode {
  redirectUri: string;
  used: boolean;
  person: LoginPerson;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export function installMetaLogin(
  fixture: GraphApiFixture,
  app: { appId: string; appSecret: string },
): MetaLoginFixture {
  const login: MetaLoginFixture = {
    person: { id: '10000000000000001', pages: [] },
    subscriptions: {},
    userTokens: new Set(),
  };
  const codes = new Map<string, IssuedCode>();
  const shortTokens = new Map<string, LoginPerson>();
  const people = new Map<string, LoginPerson>();
  const oauthError = (message: string) => metaError(400, message, 'OAuthException', 100);

  fixture.route(
    'GET',
    '/:version/dialog/oauth',
    ({ request: { query } }) => {
      if (query.client_id !== app.appId) return oauthError('Invalid App ID');
      if (!query.redirect_uri || !query.state || query.response_type !== 'code')
        return oauthError('Missing redirect_uri, state or response_type=code');
      if (!query.config_id && !query.scope) return oauthError('Missing config_id or scope');
      const code = `AQ${randomBytes(12).toString('hex')}`;
      codes.set(code, { redirectUri: query.redirect_uri, used: false, person: login.person });
      const back = (params: Record<string, string>) =>
        `${query.redirect_uri}?${new URLSearchParams({ ...params, state: query.state! })}`;
      // An icon of its own: the browser asks for one, and a refusal is a console error.
      const html = `<!doctype html><title>Log in with Facebook</title><link rel="icon" href="data:,">
<h1>Salesdesk is requesting access to your Pages</h1>
<a id="continue" href="${escapeHtml(back({ code }))}">Continue</a>
<a id="cancel" href="${escapeHtml(back({ error: 'access_denied', error_code: '200', error_description: 'Permissions error', error_reason: 'user_denied' }))}#_=_">Cancel</a>`;
      return { body: html, headers: { 'content-type': 'text/html; charset=utf-8' } };
    },
    { open: true },
  );

  fixture.route(
    'GET',
    '/:version/oauth/access_token',
    ({ request: { query } }) => {
      if (query.client_id !== app.appId || query.client_secret !== app.appSecret)
        return oauthError('Error validating client secret.');
      if (query.grant_type === 'fb_exchange_token') {
        const person = shortTokens.get(query.fb_exchange_token ?? '');
        if (!person) return metaError(400, 'Invalid OAuth access token.', 'OAuthException', 190);
        const token = `EAALong${randomBytes(12).toString('hex')}`;
        people.set(token, person);
        login.userTokens.add(token);
        fixture.state.validTokens.add(token);
        fixture.state.users[token] = { id: person.id, name: 'Fixture Person' };
        return { body: { access_token: token, token_type: 'bearer', expires_in: 5_183_944 } };
      }
      const issued = codes.get(query.code ?? '');
      if (!issued) return oauthError('Invalid verification code format.');
      if (issued.used) return oauthError('This authorization code has been used.');
      if (issued.redirectUri !== query.redirect_uri)
        return oauthError(
          'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request',
        );
      issued.used = true;
      const token = `EAAShort${randomBytes(12).toString('hex')}`;
      shortTokens.set(token, issued.person);
      return { body: { access_token: token, token_type: 'bearer', expires_in: 5_183 } };
    },
    { open: true },
  );

  fixture.route('GET', '/:version/me/accounts', ({ token, state }: RouteContext) => {
    const person = people.get(token);
    if (!person) return metaError(400, 'A user access token is required.', 'OAuthException', 190);
    const data = person.pages.flatMap(({ id, tasks }) => {
      const page = state.pages[id];
      if (!page) return [];
      const ig = Object.entries(state.igAccounts).find(([, account]) => account.pageId === id);
      return [
        {
          id,
          name: page.name,
          access_token: page.token,
          category: page.category ?? 'Shopping & retail',
          tasks: tasks ?? [
            'ANALYZE',
            'ADVERTISE',
            'MESSAGING',
            'MODERATE',
            'CREATE_CONTENT',
            'MANAGE',
          ],
          ...(page.picture ? { picture: { data: { url: page.picture } } } : {}),
          ...(ig ? { instagram_business_account: { id: ig[0], username: ig[1].username } } : {}),
        },
      ];
    });
    return { body: { data, paging: { cursors: { before: 'QVFIU', after: 'QVFIU' } } } };
  });

  fixture.route(
    'POST',
    '/:version/:id/subscribed_apps',
    ({ request, params: { id = '' }, token, state }: RouteContext) => {
      if (state.pages[id]?.token !== token)
        return metaError(
          403,
          '(#210) A page access token is required to request this resource.',
          'OAuthException',
          210,
        );
      const body = (request.body ?? {}) as { subscribed_fields?: unknown };
      const fields = String(body.subscribed_fields ?? request.query.subscribed_fields ?? '');
      if (!fields) return oauthError('(#100) The parameter subscribed_fields is required');
      login.subscriptions[id] = fields.split(',');
      return { body: { success: true } };
    },
  );

  return login;
}

/** The consent page's link for `id` (continue, cancel), as a browser would follow it. */
export function consentLink(html: string, id: 'continue' | 'cancel'): string {
  const href = new RegExp(`id="${id}" href="([^"]+)"`).exec(html)?.[1];
  if (!href) throw new Error(`the consent page has no ${id} link`);
  return href
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');
}
