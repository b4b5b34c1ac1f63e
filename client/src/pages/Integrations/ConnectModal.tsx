import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Button, Input, Modal, Note, Skeleton, useToast } from '../../components/ui';
import { graphql } from '../../gql';
import { serverFieldMessages, type FieldMessages } from '../../lib/fieldErrors';
import { runEmbeddedSignup } from '../../lib/embeddedSignup';
import { leavePageFor } from '../../lib/leavePage';
import type { PlatformInfo } from './platforms';

// Answers with what the channel's card shows, plus the outcome of the check with Meta.
export const ConnectIntegrationDocument = graphql(`
  mutation ConnectIntegration($input: ConnectIntegrationInput!) {
    connectIntegration(input: $input) {
      id
      status
      lastError
      ...PlatformCard_integration
    }
  }
`);

export const MetaLoginStatusDocument = graphql(`
  query MetaLoginStatus {
    metaLoginStatus {
      available
      problem
      whatsapp {
        available
        problem
        appId
        configId
        graphApiVersion
      }
      instagramLogin {
        available
        problem
      }
    }
  }
`);

export const StartMetaConnectDocument = graphql(`
  mutation StartMetaConnect($platform: Platform!) {
    startMetaConnect(platform: $platform) {
      url
    }
  }
`);

export const StartInstagramLoginDocument = graphql(`
  mutation StartInstagramLogin {
    startInstagramLogin {
      url
    }
  }
`);

export const CompleteWhatsAppSignupDocument = graphql(`
  mutation CompleteWhatsAppSignup($input: WhatsAppSignupInput!) {
    completeWhatsAppSignup(input: $input) {
      id
      status
      ...PlatformCard_integration
    }
  }
`);

const META_ID = /^\d{1,25}$/;

interface ConnectModalProps {
  info: PlatformInfo | null;
  onClose: () => void;
}

/**
 * Meta's login (Continue with Facebook) where the server offers it; otherwise, or under
 * "Advanced", ids and a token typed by hand, which the server checks with Meta.
 */
export function ConnectModal({ info, onClose }: ConnectModalProps) {
  const toast = useToast();
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<FieldMessages>({});
  const [manual, setManual] = useState(false);
  const [connect, { loading }] = useMutation(ConnectIntegrationDocument);
  const [startLogin, { loading: opening }] = useMutation(StartMetaConnectDocument);
  const [startInstagram, { loading: openingInstagram }] = useMutation(StartInstagramLoginDocument);
  const [completeSignup, { loading: signingUp }] = useMutation(CompleteWhatsAppSignupDocument);
  const { data: login } = useQuery(MetaLoginStatusDocument, { skip: !info?.metaLogin });
  const whatsapp = info?.platform === 'WHATSAPP';
  // WhatsApp uses Meta's Embedded Signup, which needs its own configuration.
  const status = login && (whatsapp ? login.metaLoginStatus.whatsapp : login.metaLoginStatus);
  // Instagram also has Instagram's own login, for an account without a Facebook Page.
  const instagramLogin = Boolean(
    info?.platform === 'INSTAGRAM' && login?.metaLoginStatus.instagramLogin.available,
  );
  const facebookLogin = Boolean(info?.metaLogin && status?.available);
  const offered = facebookLogin || instagramLogin;
  // Until the server says whether it offers the login, neither way is shown.
  const deciding = Boolean(info?.metaLogin) && !login;
  const showForm = !deciding && (!offered || manual);

  function close() {
    setValues({});
    setErrors({});
    setManual(false);
    onClose();
  }

  async function continueWithFacebook() {
    if (!info) return;
    if (whatsapp) return signUpWhatsApp();
    try {
      const { data } = await startLogin({ variables: { platform: info.platform } });
      if (data) leavePageFor(data.startMetaConnect.url);
    } catch (error) {
      toast.error(error);
    }
  }

  async function logInWithInstagram() {
    try {
      const { data } = await startInstagram();
      if (data) leavePageFor(data.startInstagramLogin.url);
    } catch (error) {
      toast.error(error);
    }
  }

  async function signUpWhatsApp() {
    const offer = login?.metaLoginStatus.whatsapp;
    if (!info || !offer?.appId || !offer.configId) return;
    try {
      const result = await runEmbeddedSignup({
        appId: offer.appId,
        configId: offer.configId,
        graphApiVersion: offer.graphApiVersion,
      });
      await completeSignup({ variables: { input: result }, refetchQueries: ['IntegrationsList'] });
      toast.success(`${info.name} is connected.`);
      close();
    } catch (error) {
      toast.error(error);
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!info) return;
    const found: FieldMessages = {};
    for (const field of info.ids) {
      const value = values[field.key]?.trim() ?? '';
      if (!value) found[field.key] = `Enter the ${field.label}.`;
      else if (!META_ID.test(value)) found[field.key] = 'Meta ids are digits only.';
    }
    const token = values.accessToken?.trim() ?? '';
    if (token.length < 20 || token.length > 1000)
      found.accessToken = 'Paste the whole token (20 to 1000 characters).';
    setErrors(found);
    if (Object.keys(found).length) return;

    try {
      const { data } = await connect({
        // A first connection is a new item of the list (by name: the page owns that query).
        refetchQueries: ['IntegrationsList'],
        variables: {
          input: {
            platform: info.platform,
            accessToken: token,
            ...Object.fromEntries(info.ids.map((f) => [f.key, values[f.key]?.trim()])),
          },
        },
      });
      const result = data?.connectIntegration;
      if (result?.status === 'CONNECTED') {
        toast.success(`${info.name} is connected.`);
        close();
      } else {
        // The check with Meta failed: the reason is in lastError, shown in the form.
        setErrors({ form: result?.lastError ?? 'Meta did not accept these details.' });
      }
    } catch (error) {
      setErrors(serverFieldMessages(error));
      toast.error(error);
    }
  }

  return (
    <Modal
      open={info !== null}
      onClose={close}
      title={info ? `Connect ${info.name}` : ''}
      description={info?.blurb}
      footer={
        <>
          <Button variant="secondary" onClick={close} disabled={loading}>
            Cancel
          </Button>
          {showForm && (
            <Button type="submit" form="connect-form" loading={loading}>
              {loading ? 'Checking with Meta…' : 'Connect'}
            </Button>
          )}
        </>
      }
    >
      {deciding && <Skeleton lines={2} />}
      {info?.metaLogin && (
        <div className="mb-4 grid gap-3">
          {offered ? (
            <>
              {facebookLogin && (
                <>
                  <p className="text-sm text-slate-700">
                    {whatsapp
                      ? "Log in with Facebook, then pick or create your WhatsApp Business account and number in Meta's window."
                      : 'Log in with the Facebook account that manages your Page, then pick the Page.'}
                    {info.platform === 'INSTAGRAM' &&
                      ' Your Instagram professional account must be linked to that Page.'}
                  </p>
                  <Button
                    onClick={() => void continueWithFacebook()}
                    loading={opening || signingUp}
                  >
                    Continue with Facebook
                  </Button>
                </>
              )}
              {instagramLogin && (
                <>
                  <p className="text-sm text-slate-700">
                    No Facebook Page? Log in with the Instagram professional account itself.
                  </p>
                  <Button
                    variant={facebookLogin ? 'secondary' : 'primary'}
                    onClick={() => void logInWithInstagram()}
                    loading={openingInstagram}
                  >
                    Log in with Instagram
                  </Button>
                </>
              )}
              {!manual && (
                <button
                  type="button"
                  className="justify-self-start text-sm font-medium text-indigo-700 hover:underline"
                  onClick={() => setManual(true)}
                >
                  Advanced: connect with a token of your own
                </button>
              )}
            </>
          ) : (
            login && (
              <Note>
                Continue with Facebook is not available on this server yet. {status?.problem} Until
                then, connect with {whatsapp ? 'a WhatsApp' : 'a Page'} token below.
              </Note>
            )
          )}
        </div>
      )}
      {info && showForm && (
        <form id="connect-form" noValidate onSubmit={(e) => void submit(e)} className="grid gap-4">
          {info.ids.map((field) => (
            <Input
              key={field.key}
              label={field.label}
              required
              inputMode="numeric"
              autoComplete="off"
              value={values[field.key] ?? ''}
              onChange={(e) => setValues({ ...values, [field.key]: e.target.value })}
              hint={field.hint}
              error={errors[field.key]}
            />
          ))}
          <Input
            label="Access token"
            required
            type="password"
            autoComplete="off"
            value={values.accessToken ?? ''}
            onChange={(e) => setValues({ ...values, accessToken: e.target.value })}
            hint={`${info.tokenHint} It is stored encrypted and never shown again.`}
            error={errors.accessToken}
          />
          {errors.form && (
            <p
              role="alert"
              className="rounded-xl border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800"
            >
              {errors.form}
            </p>
          )}
        </form>
      )}
    </Modal>
  );
}
