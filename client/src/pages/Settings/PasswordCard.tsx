import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { setTokens } from '../../auth/tokens';
import { Button, Card, Input, useToast } from '../../components/ui';
import { graphql } from '../../gql';
import { serverFieldMessages, type FieldMessages } from '../../lib/fieldErrors';

export const ChangePasswordDocument = graphql(`
  mutation ChangePassword($input: ChangePasswordInput!) {
    changePassword(input: $input) {
      accessToken
      refreshToken
    }
  }
`);

const MIN_BYTES = 8;
const MAX_BYTES = 72;
const EMPTY = { currentPassword: '', newPassword: '', confirm: '' };

function validate(form: typeof EMPTY): FieldMessages {
  const errors: FieldMessages = {};
  if (!form.currentPassword) errors.currentPassword = 'Enter your current password.';
  const bytes = new TextEncoder().encode(form.newPassword).length;
  if (bytes < MIN_BYTES || bytes > MAX_BYTES) {
    errors.newPassword = `Passwords must be ${MIN_BYTES} to ${MAX_BYTES} bytes long.`;
  } else if (form.newPassword === form.currentPassword) {
    errors.newPassword = 'Choose a password different from the current one.';
  }
  if (form.confirm !== form.newPassword) errors.confirm = 'The two new passwords differ.';
  return errors;
}

/** Changing the password ends every other session; this one continues with new tokens. */
export function PasswordCard() {
  const toast = useToast();
  const [change, { loading }] = useMutation(ChangePasswordDocument);
  const [form, setForm] = useState(EMPTY);
  const [errors, setErrors] = useState<FieldMessages>({});
  const field = (name: keyof typeof EMPTY) => ({
    value: form[name],
    error: errors[name],
    onChange: (event: { target: { value: string } }) =>
      setForm((current) => ({ ...current, [name]: event.target.value })),
  });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = validate(form);
    setErrors(found);
    if (Object.keys(found).length) return;
    try {
      const { data } = await change({
        variables: {
          input: { currentPassword: form.currentPassword, newPassword: form.newPassword },
        },
      });
      if (data) setTokens(data.changePassword);
      setForm(EMPTY);
      toast.success('Password changed. Other devices have to log in again.');
    } catch (err) {
      setErrors(serverFieldMessages(err));
      toast.error(err);
    }
  }

  return (
    <Card title="Password" description="Changing it signs out every other device.">
      <form noValidate className="grid gap-4" onSubmit={(e) => void submit(e)}>
        <Input
          label="Current password"
          type="password"
          autoComplete="current-password"
          required
          {...field('currentPassword')}
        />
        <Input
          label="New password"
          type="password"
          autoComplete="new-password"
          hint={`${MIN_BYTES} to ${MAX_BYTES} characters.`}
          required
          {...field('newPassword')}
        />
        <Input
          label="Repeat the new password"
          type="password"
          autoComplete="new-password"
          required
          {...field('confirm')}
        />
        <div className="flex justify-end">
          <Button type="submit" loading={loading}>
            Change password
          </Button>
        </div>
      </form>
    </Card>
  );
}
