import type { GraphApiClient } from '../../platforms/graphApi';

/*
 * Meta's side of WhatsApp Embedded Signup (../shared/TECH-NOTES.md): the popup's code
 * becomes a business integration token (no redirect_uri); the app is subscribed to the
 * WhatsApp Business Account; the number is registered for the Cloud API when it is not yet.
 */

export interface SignupApp {
  appId: string;
  appSecret: string;
}

export async function businessTokenFor(
  graphApi: GraphApiClient,
  app: SignupApp,
  code: string,
): Promise<string> {
  const answer = await graphApi.exchange<{ access_token?: string }>('oauth/access_token', {
    client_id: app.appId,
    client_secret: app.appSecret,
    code,
  });
  if (!answer.access_token) throw new Error('Meta answered the code exchange without a token.');
  return answer.access_token;
}

export interface SignupNumber {
  id: string;
  displayPhoneNumber?: string;
  verifiedName?: string;
  qualityRating?: string;
  /** CLOUD_API once registered; NOT_APPLICABLE (or absent) before. */
  platformType?: string;
}

interface NumbersAnswer {
  data?: {
    id?: string;
    display_phone_number?: string;
    verified_name?: string;
    quality_rating?: string;
    platform_type?: string;
  }[];
}

/** The numbers of the WhatsApp Business Account the token opens. */
export async function accountNumbers(
  graphApi: GraphApiClient,
  wabaId: string,
  token: string,
): Promise<SignupNumber[]> {
  const answer = await graphApi.get<NumbersAnswer>(
    `${wabaId}/phone_numbers`,
    { fields: 'id,display_phone_number,verified_name,quality_rating,platform_type' },
    token,
  );
  return (answer.data ?? []).flatMap((number) =>
    number.id
      ? [
          {
            id: number.id,
            displayPhoneNumber: number.display_phone_number,
            verifiedName: number.verified_name,
            qualityRating: number.quality_rating,
            platformType: number.platform_type,
          },
        ]
      : [],
  );
}

/** Makes Meta send this account's webhooks (messages, statuses) to the app. */
export async function subscribeAccount(
  graphApi: GraphApiClient,
  wabaId: string,
  token: string,
): Promise<void> {
  const answer = await graphApi.post<{ success?: unknown }>(`${wabaId}/subscribed_apps`, {}, token);
  if (answer.success !== true && answer.success !== 'true') {
    throw new Error('Meta did not confirm the WhatsApp Business Account subscription.');
  }
}

/** Registers the number for the Cloud API; `pin` becomes its two-step verification PIN. */
export async function registerNumber(
  graphApi: GraphApiClient,
  phoneNumberId: string,
  pin: string,
  token: string,
): Promise<void> {
  await graphApi.post(`${phoneNumberId}/register`, { messaging_product: 'whatsapp', pin }, token);
}
