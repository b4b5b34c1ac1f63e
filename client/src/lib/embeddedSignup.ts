/*
 * Meta's WhatsApp Embedded Signup in the owner's browser (../shared/TECH-NOTES.md): the
 * JavaScript SDK's FB.login with the operator's configuration opens Meta's window; it
 * answers with a code (the login callback) and, in a `message` event from facebook.com,
 * the WhatsApp Business Account and number the owner picked. Both go to the server, which
 * checks them with Meta (completeWhatsAppSignup).
 */

const SDK_URL = 'https://connect.facebook.net/en_US/sdk.js';
/** After the code, how long the account's ids may take to arrive. */
const IDS_WAIT_MS = 15_000;

export interface SignupOffer {
  appId: string;
  configId: string;
  graphApiVersion: string;
}

export interface SignupResult {
  code: string;
  wabaId: string;
  phoneNumberId: string;
}

interface FacebookSdk {
  init(options: {
    appId: string;
    autoLogAppEvents: boolean;
    xfbml: boolean;
    version: string;
  }): void;
  login(
    callback: (response: { authResponse?: { code?: string } | null }) => void,
    options: Record<string, unknown>,
  ): void;
}

declare global {
  interface Window {
    FB?: FacebookSdk;
    fbAsyncInit?: () => void;
  }
}

let loading: Promise<FacebookSdk> | undefined;

function loadSdk(offer: SignupOffer): Promise<FacebookSdk> {
  loading ??= new Promise<FacebookSdk>((resolve, reject) => {
    window.fbAsyncInit = () => {
      window.FB!.init({
        appId: offer.appId,
        autoLogAppEvents: true,
        xfbml: false,
        version: offer.graphApiVersion,
      });
      resolve(window.FB!);
    };
    const script = document.createElement('script');
    script.src = SDK_URL;
    script.async = true;
    script.crossOrigin = 'anonymous';
    script.onerror = () => {
      loading = undefined;
      script.remove();
      reject(
        new Error("Meta's sign-in script could not be loaded. Check the connection and try again."),
      );
    };
    document.body.appendChild(script);
  });
  return loading;
}

const fromFacebook = (origin: string) => /^https:\/\/([\w-]+\.)*facebook\.com$/.test(origin);

interface SignupMessage {
  type?: string;
  event?: string;
  data?: {
    waba_id?: string;
    phone_number_id?: string;
    current_step?: string;
    error_message?: string;
  };
}

function parse(data: unknown): SignupMessage | undefined {
  try {
    const value = typeof data === 'string' ? (JSON.parse(data) as unknown) : data;
    return value && typeof value === 'object' ? (value as SignupMessage) : undefined;
  } catch {
    return undefined;
  }
}

/** Opens Meta's signup window; resolves once it returned the code and the account's ids. */
export async function runEmbeddedSignup(offer: SignupOffer): Promise<SignupResult> {
  const sdk = await loadSdk(offer);
  return new Promise<SignupResult>((resolve, reject) => {
    let code: string | undefined;
    let ids: { wabaId: string; phoneNumberId: string } | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const done = (outcome: () => void) => {
      window.removeEventListener('message', onMessage);
      clearTimeout(timer);
      outcome();
    };
    const settle = () => {
      if (code && ids) done(() => resolve({ code: code!, ...ids! }));
    };
    function onMessage(event: MessageEvent) {
      if (!fromFacebook(event.origin)) return;
      const message = parse(event.data);
      if (message?.type !== 'WA_EMBEDDED_SIGNUP') return;
      if (message.event === 'FINISH' && message.data?.waba_id && message.data.phone_number_id) {
        ids = { wabaId: message.data.waba_id, phoneNumberId: message.data.phone_number_id };
        settle();
      } else if (message.event === 'CANCEL') {
        const step = message.data?.current_step;
        done(() =>
          reject(
            new Error(
              `The WhatsApp signup was closed before it finished${step ? ` (at ${step})` : ''}.`,
            ),
          ),
        );
      } else if (message.event === 'ERROR') {
        done(() =>
          reject(new Error(message.data?.error_message ?? 'Meta reported an error in the signup.')),
        );
      }
    }
    window.addEventListener('message', onMessage);
    sdk.login(
      (response) => {
        code = response.authResponse?.code ?? undefined;
        if (!code) return done(() => reject(new Error('The WhatsApp signup was cancelled.')));
        settle();
        timer = setTimeout(
          () =>
            done(() =>
              reject(new Error('Meta did not say which number was chosen. Run the signup again.')),
            ),
          IDS_WAIT_MS,
        );
      },
      {
        config_id: offer.configId,
        response_type: 'code',
        override_default_response_type: true,
        extras: { setup: {}, sessionInfoVersion: '3' },
      },
    );
  });
}
