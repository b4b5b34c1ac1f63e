import { cx } from '../../components/ui';

export const STEPS = [
  { id: 'business', title: 'Your business' },
  { id: 'documents', title: 'Documents' },
  { id: 'knowledge', title: 'Knowledge base' },
] as const;

export type StepId = (typeof STEPS)[number]['id'];

/** Where the owner is in the three steps; all bars fill once the AI is trained. */
export function StepProgress({ step, done }: { step: StepId; done: boolean }) {
  const index = STEPS.findIndex((s) => s.id === step);
  return (
    <ol className="mt-6 grid grid-cols-3 gap-2" aria-label="Onboarding steps">
      {STEPS.map((s, i) => (
        <li key={s.id} aria-current={s.id === step ? 'step' : undefined}>
          <div
            className={cx(
              'h-1.5 rounded-full',
              i <= index || done ? 'bg-indigo-600' : 'bg-slate-300',
            )}
          />
          <p
            className={cx(
              'mt-2 text-xs font-semibold sm:text-sm',
              s.id === step ? 'text-indigo-700' : 'text-slate-600',
            )}
          >
            <span className="sr-only">Step {i + 1}: </span>
            {s.title}
          </p>
        </li>
      ))}
    </ol>
  );
}
