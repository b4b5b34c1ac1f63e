import { metaError, type GraphApiFixture } from './graphApiFixture';

/*
 * App-level webhook subscriptions on the Graph API fixture, as Meta documents them
 * (../shared/TECH-NOTES.md): `POST /{app-id}/subscriptions` with the app token
 * (`{app-id}|{app-secret}`); before answering, Meta calls the callback URL with the
 * handshake and subscribes only when the challenge comes back.
 */

export interface AppSubscription {
  callbackUrl: string;
  fields: string[];
  verifyToken: string;
}

export interface MetaAppFixture {
  /** By object (page, instagram, whatsapp_business_account). */
  subscriptions: Record<string, AppSubscription>;
}

export function installAppSubscriptions(
  fixture: GraphApiFixture,
  app: { appId: string; appSecret: string },
  /** Where a public callback URL is reached from here: what the tunnel or proxy does. */
  reach: (callbackUrl: string) => string,
): MetaAppFixture {
  const meta: MetaAppFixture = { subscriptions: {} };
  fixture.route(
    'POST',
    '/:version/:appId/subscriptions',
    async ({ request, params, token }) => {
      if (params.appId !== app.appId || token !== `${app.appId}|${app.appSecret}`) {
        return metaError(
          400,
          'Invalid OAuth access token - Cannot parse access token',
          'OAuthException',
          190,
        );
      }
      const body = { ...request.query, ...((request.body ?? {}) as Record<string, string>) };
      const { object, callback_url: callbackUrl, fields, verify_token: verifyToken } = body;
      if (!object || !callbackUrl || !fields) {
        return metaError(
          400,
          '(#100) object, callback_url and fields are required',
          'OAuthException',
          100,
        );
      }
      const challenge = String(Math.floor(Math.random() * 1e9));
      const handshake = new URL(reach(callbackUrl));
      handshake.search = new URLSearchParams({
        'hub.mode': 'subscribe',
        'hub.challenge': challenge,
        'hub.verify_token': verifyToken ?? '',
      }).toString();
      let answer: { status: number; text: string };
      try {
        const response = await fetch(handshake);
        answer = { status: response.status, text: await response.text() };
      } catch {
        answer = { status: 0, text: '' };
      }
      if (answer.status !== 200 || answer.text !== challenge) {
        return metaError(
          400,
          `(#2200) Callback verification failed with the following errors: HTTP Status Code = ${answer.status}; HTTP Message = ${answer.status === 200 ? 'challenge not echoed' : 'Forbidden'}`,
          'OAuthException',
          2200,
        );
      }
      meta.subscriptions[object] = {
        callbackUrl,
        fields: String(fields).split(','),
        verifyToken: verifyToken ?? '',
      };
      return { body: { success: 'true' } };
    },
    { open: true },
  );
  return meta;
}
