import { formatInt, formatPercent } from '../lib/format';

export interface FunnelStepData {
  stage: 'CONVERSATIONS' | 'ENGAGED' | 'QUALIFIED' | 'CONVERTED';
  count: number;
  rateFromPrevious: number;
  rateFromStart: number;
}

const STAGES = {
  CONVERSATIONS: { label: 'Conversations', bar: 'bg-indigo-500' },
  ENGAGED: { label: 'Engaged', bar: 'bg-violet-500' },
  QUALIFIED: { label: 'Qualified', bar: 'bg-fuchsia-500' },
  CONVERTED: { label: 'Converted', bar: 'bg-emerald-500' },
};

/** Stage bars sized against the first stage; plain HTML, so it needs no chart library. */
export function Funnel({ steps }: { steps: FunnelStepData[] }) {
  return (
    <ol className="grid gap-3" aria-label="Conversion funnel">
      {steps.map((step, i) => {
        const stage = STAGES[step.stage];
        const width = Math.max(step.rateFromStart * 100, step.count > 0 ? 2 : 0);
        return (
          <li key={step.stage}>
            <div className="flex items-baseline justify-between gap-2 text-sm">
              <span className="font-medium text-slate-800">{stage.label}</span>
              <span className="text-slate-700 tabular-nums">
                <strong className="text-slate-900">{formatInt(step.count)}</strong>
                {i > 0 && (
                  <span className="ml-2 text-xs text-slate-600">
                    {formatPercent(step.rateFromPrevious)} of previous
                  </span>
                )}
              </span>
            </div>
            <div className="mt-1 h-2.5 rounded-full bg-slate-200/80">
              <div
                className={`h-2.5 rounded-full ${stage.bar}`}
                style={{ width: `${i === 0 && step.count > 0 ? 100 : width}%` }}
              />
            </div>
          </li>
        );
      })}
    </ol>
  );
}
