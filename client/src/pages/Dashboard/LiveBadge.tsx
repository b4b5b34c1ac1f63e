import { cx } from '../../components/ui';
import { useSocketStatus } from '../../socketStatus';

const LABELS = { connected: 'Live', connecting: 'Connecting…', offline: 'Offline: reconnecting' };

/** Whether the numbers update by themselves right now. */
export function LiveBadge({ liveAt }: { liveAt: string | null }) {
  const status = useSocketStatus();
  return (
    <span
      role="status"
      className="inline-flex items-center gap-2 rounded-full bg-white/70 px-3 py-1 text-xs font-medium text-slate-700 ring-1 ring-slate-200"
      title={liveAt ? `Last update ${new Date(liveAt).toLocaleTimeString()}` : undefined}
    >
      <span className="relative flex h-2 w-2" aria-hidden="true">
        {status === 'connected' && (
          <span className="absolute inline-flex h-full w-full animate-ping rounded-full bg-emerald-400 opacity-75" />
        )}
        <span
          className={cx(
            'relative inline-flex h-2 w-2 rounded-full',
            status === 'connected' && 'bg-emerald-600',
            status === 'connecting' && 'bg-amber-500',
            status === 'offline' && 'bg-rose-600',
          )}
        />
      </span>
      {LABELS[status]}
    </span>
  );
}
