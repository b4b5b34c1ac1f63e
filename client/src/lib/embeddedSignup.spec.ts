import { runEmbeddedSignup } from './embeddedSignup';

/*
 * Meta's SDK is played by a stand-in installed when the page asks for the script: FB.init,
 * and an FB.login whose window answers with a code, while Meta's signup window posts its
 * WA_EMBEDDED_SIGNUP message to the page.
 */

const offer = { appId: '990011223355', configId: '445566778899', graphApiVersion: 'v26.0' };
let login: jest.Mock;
let init: jest.Mock;

/** Answers the script the module injects, as the real SDK would once loaded. */
function sdkLoads() {
  const script = document.querySelector<HTMLScriptElement>('script[src*="connect.facebook.net"]');
  expect(script?.src).toBe('https://connect.facebook.net/en_US/sdk.js');
  // Calls through to each test's mocks: the module keeps the SDK it loaded once.
  window.FB = {
    init: (...args: unknown[]) => init(...args),
    login: (...args: unknown[]) => login(...args),
  } as unknown as typeof window.FB;
  window.fbAsyncInit!();
}

const post = (data: unknown, origin = 'https://www.facebook.com') =>
  window.dispatchEvent(new MessageEvent('message', { data, origin }));

beforeEach(() => {
  init = jest.fn();
  login = jest.fn();
});

test('resolves with the code and the ids Meta posted, whichever comes first', async () => {
  login.mockImplementation((callback: (response: unknown) => void) => {
    // A message from elsewhere is ignored; Meta's own carries the account.
    post(
      JSON.stringify({
        type: 'WA_EMBEDDED_SIGNUP',
        event: 'FINISH',
        data: { waba_id: '1', phone_number_id: '2' },
      }),
      'https://evil.example',
    );
    post(
      JSON.stringify({
        type: 'WA_EMBEDDED_SIGNUP',
        event: 'FINISH',
        data: { waba_id: '102', phone_number_id: '106' },
      }),
    );
    callback({ authResponse: { code: 'AQES-code' } });
  });
  const result = runEmbeddedSignup(offer);
  await Promise.resolve();
  sdkLoads();
  await expect(result).resolves.toEqual({ code: 'AQES-code', wabaId: '102', phoneNumberId: '106' });
  expect(init).toHaveBeenCalledWith(
    expect.objectContaining({ appId: offer.appId, version: 'v26.0' }),
  );
  expect(login).toHaveBeenCalledWith(
    expect.any(Function),
    expect.objectContaining({ config_id: offer.configId, response_type: 'code' }),
  );
});

test('a closed window says where the owner stopped', async () => {
  login.mockImplementation(() => {
    post({
      type: 'WA_EMBEDDED_SIGNUP',
      event: 'CANCEL',
      data: { current_step: 'PHONE_NUMBER_SETUP' },
    });
  });
  // The SDK is loaded once per page: this run reuses it.
  await expect(runEmbeddedSignup(offer)).rejects.toThrow(
    'The WhatsApp signup was closed before it finished (at PHONE_NUMBER_SETUP).',
  );
});

test('a login without a code is a cancelled signup', async () => {
  login.mockImplementation((callback: (response: unknown) => void) =>
    callback({ authResponse: null }),
  );
  await expect(runEmbeddedSignup(offer)).rejects.toThrow('The WhatsApp signup was cancelled.');
});
