import { useMutation } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { Button, Input, Switch, useToast } from '../../components/ui';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { BusinessHoursEditor, validateHours, type HoursValue } from './BusinessHoursEditor';
import type { MetaPlatform } from './platforms';

export const SettingsFormIntegration = graphql(`
  fragment SettingsForm_integration on Integration {
    platform
    settings {
      autoReply
      handbackMinutes
      businessHours {
        enabled
        timezone
        schedule {
          day
          open
          close
        }
      }
    }
  }
`);

// Answers with what the channel's card shows too (auto-reply), so it updates at once.
export const UpdateIntegrationSettingsDocument = graphql(`
  mutation UpdateIntegrationSettings($platform: Platform!, $input: IntegrationSettingsInput!) {
    updateIntegrationSettings(platform: $platform, input: $input) {
      id
      ...PlatformCard_integration
    }
  }
`);

const MAX_HANDBACK = 7 * 24 * 60;

function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

/** Auto-reply, hand-back delay and business hours of one channel. */
export function SettingsForm(props: { integration: FragmentType<typeof SettingsFormIntegration> }) {
  const integration = getFragmentData(SettingsFormIntegration, props.integration);
  const id = useId();
  const toast = useToast();
  const { settings } = integration;
  const [autoReply, setAutoReply] = useState(settings.autoReply);
  const [handback, setHandback] = useState(String(settings.handbackMinutes ?? ''));
  const [hours, setHours] = useState<HoursValue>({
    enabled: settings.businessHours.enabled,
    timezone: settings.businessHours.timezone || browserTimeZone(),
    schedule: settings.businessHours.schedule.map(({ day, open, close }) => ({ day, open, close })),
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [save, { loading }] = useMutation(UpdateIntegrationSettingsDocument);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: Record<string, string> = hours.enabled ? validateHours(hours) : {};
    const minutes = handback.trim() ? Number(handback) : null;
    if (minutes !== null && (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_HANDBACK))
      found.handback = `Whole minutes from 1 to ${MAX_HANDBACK} (a week).`;
    setErrors(found);
    if (Object.keys(found).length) {
      toast.error('Some settings need a second look.');
      return;
    }
    try {
      await save({
        variables: {
          platform: integration.platform as MetaPlatform,
          input: {
            autoReply,
            handbackMinutes: minutes,
            businessHours: {
              enabled: hours.enabled,
              timezone: hours.timezone.trim(),
              schedule: hours.schedule,
            },
          },
        },
      });
      toast.success('Settings saved.');
    } catch (error) {
      toast.error(error);
    }
  }

  return (
    <form noValidate onSubmit={(e) => void submit(e)} className="grid gap-5">
      <Switch
        label="Auto-reply"
        description="The AI answers new messages. Turn off to answer every chat yourself."
        checked={autoReply}
        onChange={setAutoReply}
      />
      <Input
        label="Hand back to the AI after (minutes)"
        type="number"
        inputMode="numeric"
        min={1}
        max={MAX_HANDBACK}
        value={handback}
        onChange={(e) => setHandback(e.target.value)}
        hint="When you take over a chat and stop writing, the AI takes it back after this long. Empty: the default."
        error={errors.handback}
        wrapperClassName="max-w-xs"
      />
      <p className="text-sm text-slate-700">
        Alerts (email, push, in the app) are yours, for every channel:{' '}
        <Link to="/settings#alerts" className="font-medium text-indigo-700 hover:underline">
          choose them in Settings
        </Link>
        .
      </p>
      <BusinessHoursEditor id={id} value={hours} errors={errors} onChange={setHours} />
      <div className="flex justify-end">
        <Button type="submit" loading={loading}>
          Save settings
        </Button>
      </div>
    </form>
  );
}
