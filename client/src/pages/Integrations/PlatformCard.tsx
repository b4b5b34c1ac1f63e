import { useMutation } from '@apollo/client/react';
import { useState } from 'react';
import {
  Badge,
  Button,
  Card,
  ConfirmDialog,
  cx,
  useToast,
  type BadgeTone,
} from '../../components/ui';
import { formatDateTime, formatInt } from '../../lib/format';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import type { IntegrationStatus } from '../../gql/graphql';
import type { PlatformInfo } from './platforms';
import { SettingsForm } from './SettingsForm';

export const PlatformCardIntegration = graphql(`
  fragment PlatformCard_integration on Integration {
    id
    status
    webhookVerified
    lastError
    connectedAt
    lastSync
    platformData {
      pageName
      pageUsername
      followersCount
      qualityRating
    }
    settings {
      autoReply
    }
    errorLog {
      error
      resolved
      timestamp
    }
    ...SettingsForm_integration
  }
`);

export const DisconnectIntegrationDocument = graphql(`
  mutation DisconnectIntegration($platform: Platform!) {
    disconnectIntegration(platform: $platform) {
      id
      ...PlatformCard_integration
    }
  }
`);

const STATUS: Record<IntegrationStatus, { label: string; tone: BadgeTone }> = {
  CONNECTED: { label: 'Connected', tone: 'success' },
  PENDING: { label: 'Pending', tone: 'warning' },
  ERROR: { label: 'Error', tone: 'danger' },
  DISCONNECTED: { label: 'Disconnected', tone: 'neutral' },
};

/** Meta's WhatsApp number quality rating: RED means messages are being limited. */
const QUALITY_TONES: Record<string, BadgeTone> = {
  GREEN: 'success',
  YELLOW: 'warning',
  RED: 'danger',
};

interface Props {
  info: PlatformInfo;
  integration: FragmentType<typeof PlatformCardIntegration> | undefined;
  onConnect: () => void;
}

export function PlatformCard({ info, onConnect, ...props }: Props) {
  const integration = getFragmentData(PlatformCardIntegration, props.integration);
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const [showSettings, setShowSettings] = useState(false);
  const [showLog, setShowLog] = useState(false);
  const [disconnect, { loading }] = useMutation(DisconnectIntegrationDocument);
  const status = integration ? STATUS[integration.status] : STATUS.DISCONNECTED;
  const connected = integration?.status === 'CONNECTED';
  const data = integration?.platformData;

  async function confirmDisconnect() {
    try {
      await disconnect({ variables: { platform: info.platform } });
      toast.success(`${info.name} is disconnected. Its settings are kept.`);
    } catch (error) {
      toast.error(error);
    }
    setConfirming(false);
  }

  const log = integration?.errorLog ?? [];
  return (
    <Card
      title={
        <span className="flex flex-wrap items-center gap-2">
          {info.name}
          <Badge tone={status.tone}>{status.label}</Badge>
          {integration?.webhookVerified && <Badge tone="info">Webhook verified</Badge>}
        </span>
      }
      description={info.blurb}
      actions={
        connected ? (
          <>
            <Button variant="secondary" size="sm" onClick={onConnect}>
              Update token
            </Button>
            <Button variant="danger" size="sm" onClick={() => setConfirming(true)}>
              Disconnect
            </Button>
          </>
        ) : (
          <Button size="sm" onClick={onConnect}>
            {integration ? 'Reconnect' : 'Connect'}
          </Button>
        )
      }
    >
      {integration ? (
        <div className="grid gap-4">
          <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm min-[420px]:grid-cols-2">
            {data?.pageName && (
              <div>
                <dt className="text-slate-600">Account</dt>
                <dd className="font-medium text-slate-900">
                  {data.pageName}
                  {data.pageUsername && (
                    <span className="text-slate-600">
                      {/* WhatsApp's is the display number, the others' a handle. */}{' '}
                      {info.platform === 'WHATSAPP' ? data.pageUsername : `@${data.pageUsername}`}
                    </span>
                  )}
                </dd>
              </div>
            )}
            {data?.qualityRating && (
              <div>
                <dt className="text-slate-600">Quality rating</dt>
                <dd>
                  <Badge tone={QUALITY_TONES[data.qualityRating] ?? 'neutral'}>
                    {data.qualityRating.charAt(0) + data.qualityRating.slice(1).toLowerCase()}
                  </Badge>
                </dd>
              </div>
            )}
            {typeof data?.followersCount === 'number' && (
              <div>
                <dt className="text-slate-600">Followers</dt>
                <dd className="font-medium text-slate-900">{formatInt(data.followersCount)}</dd>
              </div>
            )}
            <div>
              <dt className="text-slate-600">Connected</dt>
              <dd className="font-medium text-slate-900">
                {formatDateTime(integration.connectedAt)}
              </dd>
            </div>
            <div>
              <dt className="text-slate-600">Last check</dt>
              <dd className="font-medium text-slate-900">{formatDateTime(integration.lastSync)}</dd>
            </div>
            <div>
              <dt className="text-slate-600">Auto-reply</dt>
              <dd className="font-medium text-slate-900">
                {integration.settings.autoReply ? 'On' : 'Off'}
              </dd>
            </div>
          </dl>
          {integration.lastError && (
            <p
              role="alert"
              className="rounded-xl border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800"
            >
              {integration.lastError}
            </p>
          )}
          <div className="flex flex-wrap gap-2">
            <Button
              variant="secondary"
              size="sm"
              aria-expanded={showSettings}
              onClick={() => setShowSettings((v) => !v)}
            >
              {showSettings ? 'Hide settings' : 'Settings'}
            </Button>
            <Button
              variant="ghost"
              size="sm"
              aria-expanded={showLog}
              onClick={() => setShowLog((v) => !v)}
            >
              Error log ({log.length})
            </Button>
          </div>
          {showLog && (
            <div className="rounded-xl bg-white/60 p-3 ring-1 ring-slate-200">
              {log.length === 0 ? (
                <p className="text-sm text-slate-600">No errors so far.</p>
              ) : (
                <ul className="grid gap-2">
                  {[...log].reverse().map((entry) => (
                    <li key={`${entry.timestamp}-${entry.error}`} className="text-sm">
                      <span className="flex flex-wrap items-center gap-2">
                        <time className="text-xs text-slate-600" dateTime={entry.timestamp}>
                          {formatDateTime(entry.timestamp)}
                        </time>
                        <Badge tone={entry.resolved ? 'success' : 'danger'}>
                          {entry.resolved ? 'Resolved' : 'Open'}
                        </Badge>
                      </span>
                      <span
                        className={cx(
                          'mt-0.5 block',
                          entry.resolved ? 'text-slate-600' : 'text-slate-900',
                        )}
                      >
                        {entry.error}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
          {showSettings && (
            <div className="border-t border-slate-200 pt-4">
              <SettingsForm integration={integration} />
            </div>
          )}
        </div>
      ) : (
        <p className="text-sm text-slate-600">
          Not connected yet. You need the ids and an access token from your Meta app.
        </p>
      )}
      <ConfirmDialog
        open={confirming}
        title={`Disconnect ${info.name}?`}
        message="The AI stops answering on this channel and the access token is forgotten. Chats and settings are kept; you can reconnect any time."
        confirmLabel="Disconnect"
        danger
        loading={loading}
        onConfirm={() => void confirmDisconnect()}
        onCancel={() => setConfirming(false)}
      />
    </Card>
  );
}
