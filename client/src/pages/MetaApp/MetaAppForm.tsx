import { useMutation } from '@apollo/client/react';
import { useEffect, useState, type FormEvent } from 'react';
import { Button, Card, Input, useToast } from '../../components/ui';
import type { MetaAppInput, MetaAppPage_ViewFragment } from '../../gql/graphql';
import { serverFieldMessages, type FieldMessages } from '../../lib/fieldErrors';
import { UpdateMetaAppDocument } from './metaAppDocuments';

type Editable =
  | 'appId'
  | 'appSecret'
  | 'loginConfigId'
  | 'whatsappConfigId'
  | 'instagramAppId'
  | 'instagramAppSecret'
  | 'publicUrl';

/** Write-only: shown as stored, never read back. */
const SECRETS: ReadonlySet<Editable> = new Set(['appSecret', 'instagramAppSecret']);

const FIELDS: { name: Editable; label: string; hint: string; placeholder?: string }[] = [
  { name: 'appId', label: 'App ID', hint: 'App settings > Basic in developers.facebook.com.' },
  {
    name: 'appSecret',
    label: 'App secret',
    hint: 'App settings > Basic. It signs every webhook; it is stored encrypted and never shown again.',
  },
  {
    name: 'loginConfigId',
    label: 'Facebook Login for Business configuration ID',
    hint: 'Facebook Login for Business > Configurations. Without one, the login asks for the permissions Messenger and Instagram need.',
  },
  {
    name: 'whatsappConfigId',
    label: 'WhatsApp Embedded Signup configuration ID',
    hint: 'WhatsApp > Embedded Signup: the configuration owners connect their numbers with.',
  },
  {
    name: 'instagramAppId',
    label: 'Instagram app ID',
    hint: 'Instagram > API setup with Instagram login: for Instagram accounts without a Facebook Page.',
  },
  {
    name: 'instagramAppSecret',
    label: 'Instagram app secret',
    hint: 'Shown beside the Instagram app ID. It signs those accounts’ webhooks; stored encrypted.',
  },
  {
    name: 'publicUrl',
    label: 'Public URL',
    hint: 'The https address this server is reached at from the internet; every URL Meta calls is built from it.',
    placeholder: 'https://desk.example.com',
  },
];

type Form = Record<Editable, string>;

const formOf = (view: MetaAppPage_ViewFragment): Form => ({
  appId: view.appId.value ?? '',
  appSecret: '',
  loginConfigId: view.loginConfigId.value ?? '',
  whatsappConfigId: view.whatsappConfigId.value ?? '',
  instagramAppId: view.instagramAppId.value ?? '',
  instagramAppSecret: '',
  publicUrl: view.publicUrl.value ?? '',
});

/** The values an admin enters; those the environment sets are shown and locked. */
export function MetaAppForm({ view }: { view: MetaAppPage_ViewFragment }) {
  const toast = useToast();
  const [save, { loading }] = useMutation(UpdateMetaAppDocument);
  const [form, setForm] = useState<Form>(() => formOf(view));
  const [errors, setErrors] = useState<FieldMessages>({});
  useEffect(() => setForm(formOf(view)), [view]);

  const saved = formOf(view);
  const fromEnvironment = (name: Editable) => view[name].source === 'ENVIRONMENT';

  async function submit(event: FormEvent) {
    event.preventDefault();
    const input: MetaAppInput = {};
    for (const { name } of FIELDS) {
      if (fromEnvironment(name)) continue;
      // Secrets are write-only: an empty box keeps the stored one.
      if (SECRETS.has(name) ? form[name] !== '' : form[name] !== saved[name]) {
        input[name] = form[name];
      }
    }
    if (Object.keys(input).length === 0) {
      toast.success('Nothing changed.');
      return;
    }
    try {
      await save({ variables: { input } });
      setErrors({});
      toast.success('Meta app saved.');
    } catch (error) {
      setErrors(serverFieldMessages(error));
      toast.error(error);
    }
  }

  return (
    <Card
      title="Your Meta app"
      description="Register one app at developers.facebook.com; every owner on this server connects through it."
    >
      <form noValidate className="grid gap-4" onSubmit={(e) => void submit(e)}>
        {FIELDS.map(({ name, label, hint, placeholder }) => {
          const value = view[name];
          const locked = fromEnvironment(name);
          return (
            <Input
              key={name}
              label={label}
              name={name}
              type={SECRETS.has(name) ? 'password' : 'text'}
              autoComplete="off"
              disabled={locked}
              value={locked && SECRETS.has(name) ? '' : form[name]}
              placeholder={
                SECRETS.has(name) && value.set
                  ? 'Stored: type a new one to replace it'
                  : placeholder
              }
              hint={
                locked ? `Set by ${value.variable} in the server's environment, which wins.` : hint
              }
              error={errors[name]}
              onChange={(event) =>
                setForm((current) => ({ ...current, [name]: event.target.value }))
              }
            />
          );
        })}
        <div className="flex justify-end">
          <Button type="submit" loading={loading}>
            Save
          </Button>
        </div>
      </form>
    </Card>
  );
}
