import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Button, Input, Modal, useToast } from '../../components/ui';
import { graphql } from '../../gql';
import { serverFieldMessages, type FieldMessages } from '../../lib/fieldErrors';
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

const META_ID = /^\d{1,25}$/;

interface ConnectModalProps {
  info: PlatformInfo | null;
  onClose: () => void;
}

/** Ids and token for one platform; the server checks them with Meta before connecting. */
export function ConnectModal({ info, onClose }: ConnectModalProps) {
  const toast = useToast();
  const [values, setValues] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<FieldMessages>({});
  const [connect, { loading }] = useMutation(ConnectIntegrationDocument);

  function close() {
    setValues({});
    setErrors({});
    onClose();
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
          <Button type="submit" form="connect-form" loading={loading}>
            {loading ? 'Checking with Meta…' : 'Connect'}
          </Button>
        </>
      }
    >
      {info && (
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
