import { useRef, type ReactNode, type RefObject } from 'react';
import { Button, Input, TextArea } from '../../components/ui';
import type { CampaignFormState } from './campaignFormState';

type ChatFlow = CampaignFormState['chatFlow'];

interface PlaybookListsProps {
  chatFlow: ChatFlow;
  errorOf: (path: string) => string | undefined;
  /** `paths`: the error paths the change makes stale. */
  onChange: (paths: string[], chatFlow: ChatFlow) => void;
}

const MAX_ITEMS = 20;
const QUESTIONS = 'chatFlow.qualificationQuestions';
const OBJECTIONS = 'chatFlow.objectionHandling';

/** Paths of every row of a list: moving or removing rows makes all their errors stale. */
const rowPaths = (list: string, count: number, fields: string[] = ['']) =>
  Array.from({ length: count }, (_, index) =>
    fields.map((field) => `${list}.${index}${field ? `.${field}` : ''}`),
  ).flat();

function move<T>(items: T[], from: number, to: number): T[] {
  const next = [...items];
  next.splice(to, 0, ...next.splice(from, 1));
  return next;
}

/** The ordered qualification questions and the objection/answer pairs. */
export function PlaybookLists({ chatFlow, errorOf, onChange }: PlaybookListsProps) {
  const listRef = useRef<HTMLOListElement>(null);
  const objectionsRef = useRef<HTMLUListElement>(null);
  const questions = chatFlow.qualificationQuestions;
  const objections = chatFlow.objectionHandling;
  const questionPaths = [QUESTIONS, ...rowPaths(QUESTIONS, questions.length + 1)];
  const objectionPaths = [
    OBJECTIONS,
    ...rowPaths(OBJECTIONS, objections.length + 1, ['objection', 'response']),
  ];

  const setQuestions = (next: string[]) =>
    onChange(questionPaths, { ...chatFlow, qualificationQuestions: next });
  const setObjections = (next: ChatFlow['objectionHandling']) =>
    onChange(objectionPaths, { ...chatFlow, objectionHandling: next });

  /** Keeps the keyboard where the user is after a row moves or a new one appears. */
  const focusLater = (root: RefObject<HTMLElement | null>, ...selectors: string[]) =>
    requestAnimationFrame(() => {
      for (const selector of selectors) {
        const target = root.current?.querySelector<HTMLElement>(selector);
        if (target) return target.focus();
      }
    });
  /** The same arrow on the moved row, or the other one when it reached an end. */
  const focusMoved = (row: number, arrow: 'up' | 'down') =>
    focusLater(
      listRef,
      `[data-row="${row}"] button[data-move="${arrow}"]:not([disabled])`,
      `[data-row="${row}"] button[data-move]:not([disabled])`,
    );

  return (
    <>
      <fieldset className="grid gap-3">
        <legend className="text-sm font-medium text-slate-800">Qualification questions</legend>
        <p className="-mt-1 text-xs text-slate-600">
          The AI asks them in this order, one at a time, and records the answers.
        </p>
        <ListError message={errorOf(QUESTIONS)} />
        {questions.length > 0 && (
          <ol ref={listRef} className="grid gap-2">
            {questions.map((question, index) => (
              <li key={index} className="flex items-start gap-2" data-row={index}>
                <span
                  aria-hidden="true"
                  className="mt-2 flex h-6 w-6 shrink-0 items-center justify-center rounded-full bg-indigo-100 text-xs font-semibold text-indigo-800"
                >
                  {index + 1}
                </span>
                <Input
                  label={`Question ${index + 1}`}
                  hideLabel
                  wrapperClassName="min-w-0 flex-1"
                  value={question}
                  error={errorOf(`${QUESTIONS}.${index}`)}
                  placeholder="What size are you looking for?"
                  onChange={(e) =>
                    setQuestions(questions.map((q, i) => (i === index ? e.target.value : q)))
                  }
                />
                <RowButtons>
                  <IconButton
                    label={`Move question ${index + 1} up`}
                    disabled={index === 0}
                    onClick={() => {
                      setQuestions(move(questions, index, index - 1));
                      focusMoved(index - 1, 'up');
                    }}
                    move="up"
                  >
                    ↑
                  </IconButton>
                  <IconButton
                    label={`Move question ${index + 1} down`}
                    disabled={index === questions.length - 1}
                    onClick={() => {
                      setQuestions(move(questions, index, index + 1));
                      focusMoved(index + 1, 'down');
                    }}
                    move="down"
                  >
                    ↓
                  </IconButton>
                  <IconButton
                    label={`Remove question ${index + 1}`}
                    onClick={() => setQuestions(questions.filter((_, i) => i !== index))}
                  >
                    ✕
                  </IconButton>
                </RowButtons>
              </li>
            ))}
          </ol>
        )}
        <div>
          <Button
            variant="secondary"
            size="sm"
            disabled={questions.length >= MAX_ITEMS}
            onClick={() => {
              setQuestions([...questions, '']);
              focusLater(listRef, `[data-row="${questions.length}"] input`);
            }}
          >
            Add question
          </Button>
          {questions.length >= MAX_ITEMS && (
            <span className="ml-2 text-xs text-slate-600">At most {MAX_ITEMS} questions.</span>
          )}
        </div>
      </fieldset>

      <fieldset className="grid gap-3">
        <legend className="text-sm font-medium text-slate-800">Objection handling</legend>
        <p className="-mt-1 text-xs text-slate-600">
          When a customer raises one of these, the AI answers along your lines.
        </p>
        <ListError message={errorOf(OBJECTIONS)} />
        {objections.length > 0 && (
          <ul ref={objectionsRef} className="grid gap-3">
            {objections.map((pair, index) => (
              <li
                key={index}
                data-row={index}
                className="grid gap-3 rounded-xl border border-slate-200 bg-white/70 p-3 sm:grid-cols-[1fr_1.5fr_auto] sm:items-start"
              >
                <Input
                  label={`Objection ${index + 1}`}
                  value={pair.objection}
                  placeholder="It's too expensive"
                  error={errorOf(`${OBJECTIONS}.${index}.objection`)}
                  onChange={(e) =>
                    setObjections(
                      objections.map((p, i) =>
                        i === index ? { ...p, objection: e.target.value } : p,
                      ),
                    )
                  }
                />
                <TextArea
                  label={`Response ${index + 1}`}
                  rows={2}
                  value={pair.response}
                  placeholder="It lasts for years, and we offer a 30-day refund."
                  error={errorOf(`${OBJECTIONS}.${index}.response`)}
                  onChange={(e) =>
                    setObjections(
                      objections.map((p, i) =>
                        i === index ? { ...p, response: e.target.value } : p,
                      ),
                    )
                  }
                />
                <div className="sm:pt-7">
                  <IconButton
                    label={`Remove objection ${index + 1}`}
                    onClick={() => setObjections(objections.filter((_, i) => i !== index))}
                  >
                    ✕
                  </IconButton>
                </div>
              </li>
            ))}
          </ul>
        )}
        <div>
          <Button
            variant="secondary"
            size="sm"
            disabled={objections.length >= MAX_ITEMS}
            onClick={() => {
              setObjections([...objections, { objection: '', response: '' }]);
              focusLater(objectionsRef, `[data-row="${objections.length}"] input`);
            }}
          >
            Add objection
          </Button>
        </div>
      </fieldset>
    </>
  );
}

function ListError({ message }: { message?: string }) {
  if (!message) return null;
  return <p className="text-xs font-medium text-rose-700">{message}</p>;
}

function RowButtons({ children }: { children: ReactNode }) {
  return <div className="flex shrink-0 gap-1 pt-0.5">{children}</div>;
}

function IconButton({
  label,
  onClick,
  disabled,
  move,
  children,
}: {
  label: string;
  onClick: () => void;
  disabled?: boolean;
  move?: 'up' | 'down';
  children: ReactNode;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      data-move={move}
      disabled={disabled}
      onClick={onClick}
      className="flex h-9 w-9 items-center justify-center rounded-lg text-slate-700 ring-1 ring-slate-300 ring-inset hover:bg-white focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none disabled:cursor-not-allowed disabled:opacity-40"
    >
      <span aria-hidden="true">{children}</span>
    </button>
  );
}
