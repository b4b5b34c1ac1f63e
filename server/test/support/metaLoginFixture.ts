import { randomBytes } from 'node:crypto';
import {
  metaError,
  type FixtureReply,
  type GraphApiFixture,
  type InstagramLoginAccount,
  type RouteContext,
} from './graphApiFixture';

/*
 * Facebook Login for Business on the Graph API fixture, in Meta's documented shapes
 * (../shared/TECH-NOTES.md): the dialog (a consent page whose links return to
 * redirect_uri with a code and the state, or with Meta's cancel parameters), the code and
 * long-lived exchanges, `me/accounts`, and `POST /{page-id}/subscribed_apps`. WhatsApp's
 * Embedded Signup too: the popup's code (issueSignupCode: what Meta's SDK hands the
 * browser), its exchange without redirect_uri for a business token, the account's
 * numbers, `POST /{waba-id}/subscribed_apps` and `POST /{phone-number-id}/register`.
 */

export interface LoginPerson {
  /** The app-scoped user id Meta gives this person. */
  id: string;
  /** Ids of fixture pages (fixture.state.pages) this person manages. */
  pages: { id: string; tasks?: string[] }[];
}

/** A WhatsApp Business Account: its numbers are fixture.state.phoneNumbers entries. */
export interface SignupAccount {
  phoneNumberIds: string[];
  /** Numbers already on the Cloud API (the others need registering). */
  registered?: string[];
}

export interface MetaLoginFixture {
  /** Who logs in from now on. */
  person: LoginPerson;
  /** Fields each Page was subscribed with, by page id. */
  subscriptions: Record<string, string[]>;
  /** WhatsApp Business Accounts Embedded Signup can return, by id. */
  accounts: Record<string, SignupAccount>;
  /** Accounts the app was subscribed to. */
  subscribedAccounts: Set<string>;
  /** The PIN each number was registered with. */
  registrations: Record<string, string>;
  /** The code Meta's SDK gives the browser when the owner finishes the signup for `wabaId`. */
  issueSignupCode(wabaId: string): string;
}

interface IssuedCode {
  redirectUri: string;
  used: boolean;
  person: LoginPerson;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** The dialog's page: links back to `redirectUri` with the code, or with Meta's cancel. */
function consentPage(
  site: 'Facebook' | 'Instagram',
  redirectUri: string,
  state: string,
  code: string,
  fragment: string,
): FixtureReply {
  const back = (params: Record<string, string>) =>
    `${redirectUri}?${new URLSearchParams({ ...params, state })}`;
  const denied = {
    error: 'access_denied',
    error_code: '200',
    error_description: 'Permissions error',
    error_reason: 'user_denied',
  };
  // An icon of its own: the browser asks for one, and a refusal is a console error.
  const html = `<!doctype html><title>Log in with ${site}</title><link rel="icon" href="data:,">
<h1>Salesdesk is requesting access to your ${site === 'Facebook' ? 'Pages' : 'account'}</h1>
<a id="continue" href="${escapeHtml(back({ code }))}${fragment}">Continue</a>
<a id="cancel" href="${escapeHtml(back(denied))}${fragment}">Cancel</a>`;
  return { body: html, headers: { 'content-type': 'text/html; charset=utf-8' } };
}

export function installMetaLogin(
  fixture: GraphApiFixture,
  app: { appId: string; appSecret: string },
): MetaLoginFixture {
  const signupCodes = new Map<string, { wabaId: string; used: boolean }>();
  /** Business tokens, by the account they open. */
  const businessTokens = new Map<string, string>();
  const login: MetaLoginFixture = {
    person: { id: '10000000000000001', pages: [] },
    subscriptions: {},
    accounts: {},
    subscribedAccounts: new Set(),
    registrations: {},
    issueSignupCode(wabaId) {
      const code = `AQES${randomBytes(12).toString('hex')}`;
      signupCodes.set(code, { wabaId, used: false });
      return code;
    },
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
      return consentPage('Facebook', query.redirect_uri, query.state, code, '#_=_');
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
        fixture.state.validTokens.add(token);
        fixture.state.users[token] = { id: person.id, name: 'Fixture Person' };
        return { body: { access_token: token, token_type: 'bearer', expires_in: 5_183_944 } };
      }
      const signup = signupCodes.get(query.code ?? '');
      if (signup && query.redirect_uri === undefined) {
        if (signup.used) return oauthError('This authorization code has been used.');
        signup.used = true;
        const token = `EAABiz${randomBytes(12).toString('hex')}`;
        businessTokens.set(token, signup.wabaId);
        fixture.state.validTokens.add(token);
        // The business token opens the account's numbers (reads and the Send API).
        for (const id of login.accounts[signup.wabaId]?.phoneNumberIds ?? []) {
          const phone = fixture.state.phoneNumbers[id];
          if (phone) phone.token = token;
        }
        return { body: { access_token: token, token_type: 'bearer' } };
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

  fixture.route('GET', '/:version/:wabaId/phone_numbers', ({ params, token, state }) => {
    const wabaId = params.wabaId ?? '';
    if (businessTokens.get(token) !== wabaId)
      return metaError(403, '(#200) Permissions error', 'OAuthException', 200);
    const account = login.accounts[wabaId];
    const data = (account?.phoneNumberIds ?? []).flatMap((id) => {
      const phone = state.phoneNumbers[id];
      if (!phone) return [];
      return [
        {
          id,
          display_phone_number: phone.display_phone_number,
          verified_name: phone.verified_name,
          quality_rating: phone.quality_rating ?? 'GREEN',
          platform_type: account?.registered?.includes(id) ? 'CLOUD_API' : 'NOT_APPLICABLE',
        },
      ];
    });
    return { body: { data } };
  });

  fixture.route('POST', '/:version/:id/register', ({ request, params, token }) => {
    const id = params.id ?? '';
    const wabaId = businessTokens.get(token);
    const account = wabaId ? login.accounts[wabaId] : undefined;
    if (!account?.phoneNumberIds.includes(id))
      return metaError(403, '(#200) Permissions error', 'OAuthException', 200);
    const body = (request.body ?? {}) as { messaging_product?: string; pin?: string };
    if (body.messaging_product !== 'whatsapp' || !/^\d{6}$/.test(body.pin ?? ''))
      return oauthError('(#100) Param pin must be a 6-digit number');
    login.registrations[id] = body.pin!;
    (account.registered ??= []).push(id);
    return { body: { success: true } };
  });

  fixture.route(
    'POST',
    '/:version/:id/subscribed_apps',
    ({ request, params: { id = '' }, token, state }: RouteContext) => {
      if (login.accounts[id]) {
        if (businessTokens.get(token) !== id)
          return metaError(403, '(#200) Permissions error', 'OAuthException', 200);
        login.subscribedAccounts.add(id);
        return { body: { success: true } };
      }
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

export interface InstagramLoginFixture {
  /** Who logs in with Instagram from now on. */
  account: InstagramLoginAccount;
  /** Fields each account was subscribed with, by its professional account id. */
  subscriptions: Record<string, string[]>;
  /** Long-lived tokens renewed (refresh_access_token). */
  refreshed: string[];
}

/**
 * Instagram's own login on the same fixture, as documented: `GET /oauth/authorize` (the
 * consent page; Instagram appends "#_"), `POST /oauth/access_token` (a form, on
 * api.instagram.com), `GET /access_token` and `GET /refresh_access_token` (unversioned, on
 * graph.instagram.com) and `POST /{version}/me/subscribed_apps`; `me` and `me/messages`
 * answer from fixture.state.instagramLogins.
 */
export function installInstagramLogin(
  fixture: GraphApiFixture,
  app: { appId: string; appSecret: string },
): InstagramLoginFixture {
  const login: InstagramLoginFixture = {
    account: { id: '27000000000000001', user_id: '17841400000009001', username: 'loft.atelier' },
    subscriptions: {},
    refreshed: [],
  };
  const codes = new Map<
    string,
    { redirectUri: string; used: boolean; account: InstagramLoginAccount }
  >();
  const shortTokens = new Map<string, InstagramLoginAccount>();
  const refused = (message: string) => ({
    status: 400,
    body: { error_type: 'OAuthException', code: 400, error_message: message },
  });
  const issueLongLived = (account: InstagramLoginAccount) => {
    const token = `IGAALong${randomBytes(12).toString('hex')}`;
    fixture.state.instagramLogins[token] = account;
    return { body: { access_token: token, token_type: 'bearer', expires_in: 5_183_944 } };
  };

  fixture.route(
    'GET',
    '/oauth/authorize',
    ({ request: { query } }) => {
      if (query.client_id !== app.appId) return refused('Invalid platform app');
      if (!query.redirect_uri || !query.state || query.response_type !== 'code' || !query.scope)
        return refused('Missing redirect_uri, state, scope or response_type=code');
      const code = `AQIG${randomBytes(12).toString('hex')}`;
      codes.set(code, { redirectUri: query.redirect_uri, used: false, account: login.account });
      return consentPage('Instagram', query.redirect_uri, query.state, code, '#_');
    },
    { open: true },
  );

  fixture.route(
    'POST',
    '/oauth/access_token',
    ({ request }) => {
      const form = Object.fromEntries(new URLSearchParams(String(request.body ?? '')));
      if (form.client_id !== app.appId || form.client_secret !== app.appSecret)
        return refused('Error validating client secret.');
      if (form.grant_type !== 'authorization_code') return refused('Unsupported grant_type');
      const issued = codes.get(form.code ?? '');
      if (!issued) return refused('Invalid authorization code');
      if (issued.used) return refused('This authorization code has been used');
      if (issued.redirectUri !== form.redirect_uri)
        return refused('Error validating verification code');
      issued.used = true;
      const token = `IGAAShort${randomBytes(12).toString('hex')}`;
      shortTokens.set(token, issued.account);
      return {
        body: {
          data: [
            {
              access_token: token,
              user_id: issued.account.user_id,
              permissions: 'instagram_business_basic,instagram_business_manage_messages',
            },
          ],
        },
      };
    },
    { open: true },
  );

  fixture.route(
    'GET',
    '/access_token',
    ({ request: { query } }) => {
      if (query.grant_type !== 'ig_exchange_token' || query.client_secret !== app.appSecret)
        return refused('Error validating client secret.');
      const account = shortTokens.get(query.access_token ?? '');
      if (!account) return metaError(400, 'Invalid OAuth access token.', 'OAuthException', 190);
      shortTokens.delete(query.access_token!);
      return issueLongLived(account);
    },
    { open: true },
  );

  fixture.route(
    'GET',
    '/refresh_access_token',
    ({ request: { query } }) => {
      const account = fixture.state.instagramLogins[query.access_token ?? ''];
      if (query.grant_type !== 'ig_refresh_token' || !account)
        return metaError(400, 'Invalid OAuth access token.', 'OAuthException', 190);
      login.refreshed.push(query.access_token!);
      return issueLongLived(account);
    },
    { open: true },
  );

  fixture.route('POST', '/:version/me/subscribed_apps', ({ request, token, state }) => {
    const account = state.instagramLogins[token];
    if (!account) return metaError(400, 'Invalid OAuth access token.', 'OAuthException', 190);
    const fields = String(request.query.subscribed_fields ?? '');
    if (!fields)
      return metaError(400, '(#100) subscribed_fields is required', 'OAuthException', 100);
    login.subscriptions[account.user_id] = fields.split(',');
    return { body: { success: true } };
  });

  return login;
}
