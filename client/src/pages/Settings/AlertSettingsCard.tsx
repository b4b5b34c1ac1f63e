import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import {
  currentSubscription,
  pushSupported,
  subscribeBrowser,
} from '../../components/alerts/browserPush';
import { Button, Card, Input, Note, Select, Skeleton, Switch, useToast } from '../../components/ui';
import type { AlertPreferencesInput } from '../../gql/graphql';
import { ALERT_EVENTS } from './alertEvents';
import { getFragmentData } from '../../gql';
import {
  AlertChoicesFragment,
  AlertPreferencesDocument,
  SendTestAlertDocument,
  SubscribePushDocument,
  UnsubscribePushDocument,
  UpdateAlertPreferencesDocument,
} from './alertSettingsDocuments';

const CHANNELS = [
  { key: 'inApp', label: 'In the app' },
  { key: 'email', label: 'Email' },
  { key: 'push', label: 'Push' },
] as const;

const HOURS = Array.from({ length: 24 }, (_, hour) => ({
  value: String(hour),
  label: `${String(hour).padStart(2, '0')}:00`,
}));

/** Which alerts reach the owner where: per event and channel, quiet hours, the daily email. */
export function AlertSettingsCard() {
  const toast = useToast();
  const { data, refetch } = useQuery(AlertPreferencesDocument);
  const [update, { loading: saving }] = useMutation(UpdateAlertPreferencesDocument);
  const [sendTest, { loading: testing }] = useMutation(SendTestAlertDocument);
  const prefs = data?.alertPreferences;
  const choices = getFragmentData(AlertChoicesFragment, prefs);
  const [quiet, setQuiet] = useState({ enabled: false, start: '22:00', end: '07:00' });
  useEffect(() => {
    // The input takes the three fields, not the object's __typename.
    if (choices) {
      const { enabled, start, end } = choices.quietHours;
      setQuiet({ enabled, start, end });
    }
  }, [choices]);
  const loaded = Boolean(prefs);
  useEffect(() => {
    // Links say /settings#alerts: once the card has its height, bring it into view.
    if (loaded && window.location.hash === '#alerts') {
      document.getElementById('alerts')?.scrollIntoView({ block: 'start' });
    }
  }, [loaded]);

  async function save(input: AlertPreferencesInput, done?: string) {
    try {
      await update({ variables: { input } });
      if (done) toast.success(done);
    } catch (error) {
      toast.error(error);
    }
  }

  const events = (choices?.events ?? []).filter(
    (item): item is typeof item & { event: keyof typeof ALERT_EVENTS } =>
      item.event in ALERT_EVENTS,
  );
  return (
    <Card
      id="alerts"
      title="Alerts"
      description="Never miss a customer: what reaches you in the app, by email and by push."
    >
      {!prefs || !choices ? (
        <Skeleton lines={6} />
      ) : (
        <div className="grid gap-6">
          {prefs.emailAvailable ? (
            <p className="text-sm text-slate-700">
              Emails go to <strong className="break-all">{prefs.email}</strong>, at most one per
              chat every 10 minutes.
            </p>
          ) : (
            <Note>
              This server cannot send email yet: its administrator sets SMTP_URL. Alerts still reach
              you in the app and by push.
            </Note>
          )}
          <div className="overflow-x-auto">
            <table className="w-full min-w-[28rem] text-sm">
              <thead>
                <tr className="text-left text-xs text-slate-600">
                  <th className="py-2 pr-3 font-medium">When</th>
                  {CHANNELS.map((channel) => (
                    <th key={channel.key} className="px-2 py-2 text-center font-medium">
                      {channel.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200/70">
                {events.map((item) => (
                  <tr key={item.event}>
                    <td className="py-2 pr-3">
                      <span className="block font-medium text-slate-900">
                        {ALERT_EVENTS[item.event].label}
                      </span>
                      <span className="block text-xs text-slate-600">
                        {ALERT_EVENTS[item.event].hint}
                      </span>
                    </td>
                    {CHANNELS.map((channel) => (
                      <td key={channel.key} className="px-2 py-2 text-center">
                        <input
                          type="checkbox"
                          className="h-5 w-5 accent-indigo-600"
                          aria-label={`${channel.label}: ${ALERT_EVENTS[item.event].label}`}
                          checked={item[channel.key]}
                          disabled={saving || (channel.key === 'email' && !prefs.emailAvailable)}
                          onChange={(e) =>
                            void save({
                              events: [
                                {
                                  event: item.event,
                                  inApp: item.inApp,
                                  email: item.email,
                                  push: item.push,
                                  [channel.key]: e.target.checked,
                                },
                              ],
                            })
                          }
                        />
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <PushControls
            publicKey={prefs.pushPublicKey}
            browsers={prefs.pushBrowsers}
            onChange={() => void refetch()}
          />
          <div className="grid gap-3">
            <Switch
              label="Quiet hours"
              description="Email and push wait until they end (your business time zone); the app still shows everything."
              checked={quiet.enabled}
              onChange={(enabled) => void save({ quietHours: { ...quiet, enabled } })}
            />
            {quiet.enabled && (
              <form
                className="flex flex-wrap items-end gap-3"
                onSubmit={(e) => {
                  e.preventDefault();
                  void save({ quietHours: quiet }, 'Quiet hours saved.');
                }}
              >
                <Input
                  label="From"
                  type="time"
                  value={quiet.start}
                  onChange={(e) => setQuiet({ ...quiet, start: e.target.value })}
                />
                <Input
                  label="Until"
                  type="time"
                  value={quiet.end}
                  onChange={(e) => setQuiet({ ...quiet, end: e.target.value })}
                />
                <Button type="submit" variant="secondary" loading={saving}>
                  Save quiet hours
                </Button>
              </form>
            )}
          </div>
          <div className="grid gap-3">
            <Switch
              label="Daily summary by email"
              description="Yesterday's chats, sales and revenue, and the chats waiting for you."
              checked={choices.dailySummary.enabled}
              disabled={!prefs.emailAvailable}
              onChange={(enabled) =>
                void save({ dailySummary: { hour: choices.dailySummary.hour, enabled } })
              }
            />
            {choices.dailySummary.enabled && prefs.emailAvailable && (
              <Select
                label="Send it at"
                wrapperClassName="max-w-[10rem]"
                value={String(choices.dailySummary.hour)}
                options={HOURS}
                onChange={(e) =>
                  void save(
                    { dailySummary: { enabled: true, hour: Number(e.target.value) } },
                    'Daily summary time saved.',
                  )
                }
              />
            )}
          </div>
          <div>
            <Button
              variant="secondary"
              loading={testing}
              onClick={() =>
                void sendTest()
                  .then(() => toast.success('Test alert sent to every channel.'))
                  .catch((error: unknown) => toast.error(error))
              }
            >
              Send a test alert
            </Button>
          </div>
        </div>
      )}
    </Card>
  );
}

/** Push for this browser: on (permission asked, subscribed) or off. */
function PushControls(props: { publicKey: string; browsers: number; onChange: () => void }) {
  const toast = useToast();
  const [endpoint, setEndpoint] = useState<string | null | undefined>(undefined);
  const [subscribe, { loading: subscribing }] = useMutation(SubscribePushDocument);
  const [unsubscribe, { loading: unsubscribing }] = useMutation(UnsubscribePushDocument);
  useEffect(() => {
    void currentSubscription().then((found) => setEndpoint(found?.endpoint ?? null));
  }, []);

  if (!pushSupported()) {
    return <p className="text-sm text-slate-600">This browser cannot receive push alerts.</p>;
  }
  async function turnOn() {
    try {
      const subscription = await subscribeBrowser(props.publicKey);
      await subscribe({ variables: { input: subscription } });
      setEndpoint(subscription.endpoint);
      props.onChange();
      toast.success('Push alerts are on for this browser.');
    } catch (error) {
      toast.error(error);
    }
  }
  async function turnOff() {
    try {
      const found = await currentSubscription();
      if (found) {
        await unsubscribe({ variables: { endpoint: found.endpoint } }).catch(() => undefined);
        await found.unsubscribe();
      }
      setEndpoint(null);
      props.onChange();
      toast.success('Push alerts are off for this browser.');
    } catch (error) {
      toast.error(error);
    }
  }
  return (
    <div className="flex flex-wrap items-center justify-between gap-3">
      <p className="text-sm text-slate-700">
        {endpoint
          ? 'Push is on for this browser.'
          : 'Push alerts reach this device even when Salesdesk is closed.'}{' '}
        {props.browsers > 0 && (
          <span className="text-slate-600">
            ({props.browsers} browser{props.browsers === 1 ? '' : 's'} in all)
          </span>
        )}
      </p>
      {endpoint ? (
        <Button
          variant="secondary"
          size="sm"
          loading={unsubscribing}
          onClick={() => void turnOff()}
        >
          Turn off on this browser
        </Button>
      ) : (
        <Button
          size="sm"
          loading={subscribing}
          disabled={endpoint === undefined}
          onClick={() => void turnOn()}
        >
          Turn on push for this browser
        </Button>
      )}
    </div>
  );
}
