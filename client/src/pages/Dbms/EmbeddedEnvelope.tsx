import { Badge, cx, type BadgeTone } from '../../components/ui';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import type { DbmsEnvelopeStatus } from '../../gql/graphql';
import { formatInt, formatPercent } from '../../lib/format';
import { formatBytes } from './files';

export const EmbeddedEnvelopeEnvelope = graphql(`
  fragment EmbeddedEnvelope_envelope on DbmsEmbeddedEnvelope {
    figures {
      name
      count
      limit
      share
    }
    bytesOnDisk
    status
    advice
  }
`);

const STATUS: Record<DbmsEnvelopeStatus, { label: string; tone: BadgeTone; bar: string }> = {
  WITHIN: { label: 'Within the envelope', tone: 'success', bar: 'bg-emerald-500' },
  NEARING: { label: 'Nearing the envelope', tone: 'warning', bar: 'bg-amber-500' },
  BEYOND: { label: 'Beyond the envelope', tone: 'danger', bar: 'bg-rose-500' },
};

const FIGURE_LABELS: Record<string, string> = {
  chats: 'Chats',
  messages: 'Messages',
  inboxEvents: 'Inbox events',
};

/**
 * The embedded database's size against what it is measured to serve, and what to do about
 * it; the server sends it only while it runs its embedded database.
 */
export function EmbeddedEnvelope(props: {
  envelope: FragmentType<typeof EmbeddedEnvelopeEnvelope>;
}) {
  const envelope = getFragmentData(EmbeddedEnvelopeEnvelope, props.envelope);
  const status = STATUS[envelope.status];
  return (
    <section aria-labelledby="embedded-envelope-title" className="grid gap-2">
      <div className="flex flex-wrap items-center gap-2">
        <h3
          id="embedded-envelope-title"
          className="text-xs font-semibold tracking-wide text-slate-600 uppercase"
        >
          Embedded database size
        </h3>
        <Badge tone={status.tone}>{status.label}</Badge>
        {envelope.bytesOnDisk !== null && envelope.bytesOnDisk !== undefined && (
          <span className="text-xs text-slate-600">
            {formatBytes(envelope.bytesOnDisk)} on disk
          </span>
        )}
      </div>
      <ul className="grid gap-2">
        {envelope.figures.map((figure) => {
          const label = FIGURE_LABELS[figure.name] ?? figure.name;
          return (
            <li key={figure.name} className="grid gap-1 text-xs">
              <div className="flex justify-between gap-2">
                <span className="text-slate-700">{label}</span>
                <span className="text-slate-900 tabular-nums">
                  {formatInt(figure.count)} of {formatInt(figure.limit)} (
                  {formatPercent(figure.share)})
                </span>
              </div>
              <div
                role="meter"
                aria-label={`${label} against the envelope`}
                aria-valuemin={0}
                aria-valuemax={figure.limit}
                aria-valuenow={figure.count}
                className="h-1.5 overflow-hidden rounded-full bg-slate-200"
              >
                <div
                  className={cx('h-full rounded-full', status.bar)}
                  style={{ width: `${Math.min(100, figure.share * 100)}%` }}
                />
              </div>
            </li>
          );
        })}
      </ul>
      <p className="text-slate-700">
        {envelope.advice.split('`').map((part, index) =>
          index % 2 === 1 ? (
            <code key={index} className="rounded bg-slate-100 px-1 text-xs">
              {part}
            </code>
          ) : (
            part
          ),
        )}
      </p>
    </section>
  );
}
