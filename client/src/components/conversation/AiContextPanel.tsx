import type { ReactNode } from 'react';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { formatDateTime, formatMoney, shortAgo } from '../../lib/format';
import { Badge, cx } from '../ui';
import { CHAT_STATUS_LABELS, CHAT_STATUS_TONES, scoreTone } from './chatStatus';

export const AiContextPanelChat = graphql(`
  fragment AiContextPanel_chat on Chat {
    status
    mode
    needsAttention
    attentionReason
    leadScore
    leadScoreReasons {
      at
      delta
      signal
    }
    conversion {
      converted
      convertedAt
      orderValue
      orderDetails
      currency
      discount
      coupon
    }
    aiContext {
      conversationSummary
      customerIntent
      nextAction
      objections
      qualificationAnswers {
        question
        answer
      }
    }
  }
`);

const REASONS_SHOWN = 6;

/** What the AI knows about the chat: state, score and why, answers, objections, the sale. */
export function AiContextPanel({
  showState = false,
  ...props
}: {
  chat: FragmentType<typeof AiContextPanelChat>;
  /** Also show status and mode (the simulator has no header carrying them). */
  showState?: boolean;
}) {
  const chat = getFragmentData(AiContextPanelChat, props.chat);
  const { aiContext, conversion } = chat;
  const reasons = [...chat.leadScoreReasons].reverse().slice(0, REASONS_SHOWN);
  return (
    <div className="grid gap-4 text-sm">
      {showState && (
        <div className="flex flex-wrap gap-2">
          <Badge tone={CHAT_STATUS_TONES[chat.status]}>{CHAT_STATUS_LABELS[chat.status]}</Badge>
          <Badge tone={chat.mode === 'HUMAN' ? 'warning' : 'accent'}>
            {chat.mode === 'HUMAN' ? 'You are answering' : 'AI is answering'}
          </Badge>
          {chat.needsAttention && <Badge tone="danger">Needs attention</Badge>}
        </div>
      )}
      {chat.needsAttention && chat.attentionReason && (
        <p className="rounded-xl bg-rose-50 px-3 py-2 text-rose-900 ring-1 ring-rose-200">
          <span className="font-semibold">Needs attention:</span> {chat.attentionReason}
        </p>
      )}

      <Section title="Lead score">
        <div className="flex items-center gap-3">
          <span className="text-2xl font-bold text-slate-900 tabular-nums">{chat.leadScore}</span>
          <div
            role="meter"
            aria-label="Lead score"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={chat.leadScore}
            className="h-2 flex-1 overflow-hidden rounded-full bg-slate-200"
          >
            <div
              className={cx(
                'h-full rounded-full transition-all',
                chat.leadScore >= 70
                  ? 'bg-rose-500'
                  : chat.leadScore >= 40
                    ? 'bg-amber-500'
                    : 'bg-slate-400',
              )}
              style={{ width: `${Math.min(100, Math.max(0, chat.leadScore))}%` }}
            />
          </div>
          <Badge tone={scoreTone(chat.leadScore)}>
            {chat.leadScore >= 70 ? 'Hot' : chat.leadScore >= 40 ? 'Warm' : 'Cold'}
          </Badge>
        </div>
        {reasons.length > 0 ? (
          <ul className="mt-2 grid gap-1">
            {reasons.map((reason, index) => (
              <li key={`${reason.at}-${index}`} className="flex items-baseline gap-2">
                <span
                  className={cx(
                    'w-10 shrink-0 text-right font-semibold tabular-nums',
                    reason.delta > 0
                      ? 'text-emerald-700'
                      : reason.delta < 0
                        ? 'text-rose-700'
                        : 'text-slate-600',
                  )}
                >
                  {reason.delta > 0 ? `+${reason.delta}` : reason.delta}
                </span>
                <span className="min-w-0 flex-1 text-slate-800">{reason.signal}</span>
                <time className="shrink-0 text-xs text-slate-600" dateTime={reason.at}>
                  {shortAgo(reason.at)}
                </time>
              </li>
            ))}
          </ul>
        ) : (
          <Muted>No signals yet.</Muted>
        )}
      </Section>

      <Section title="Sale">
        {conversion.converted ? (
          <div className="rounded-xl bg-emerald-50 px-3 py-2 text-emerald-900 ring-1 ring-emerald-200">
            <p className="font-semibold">
              Converted
              {typeof conversion.orderValue === 'number' &&
                ` · ${formatMoney(conversion.orderValue, conversion.currency ?? undefined)}`}
            </p>
            {conversion.orderDetails && <p className="mt-0.5">{conversion.orderDetails}</p>}
            {!!conversion.discount && (
              <p className="mt-0.5">
                Discount {formatMoney(conversion.discount, conversion.currency ?? undefined)}
                {conversion.coupon && ` (code ${conversion.coupon})`}
              </p>
            )}
            {conversion.convertedAt && (
              <p className="mt-0.5 text-xs">{formatDateTime(conversion.convertedAt)}</p>
            )}
          </div>
        ) : (
          <Muted>Not converted yet.</Muted>
        )}
      </Section>

      <Section title="Summary">
        {aiContext.conversationSummary ? (
          <p className="text-slate-800">{aiContext.conversationSummary}</p>
        ) : (
          <Muted>The AI writes a summary after the first exchange.</Muted>
        )}
      </Section>

      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-1">
        <Section title="Intent">
          {aiContext.customerIntent ? (
            <p className="text-slate-800">{aiContext.customerIntent}</p>
          ) : (
            <Muted>Unknown so far.</Muted>
          )}
        </Section>
        <Section title="Next action">
          {aiContext.nextAction ? (
            <p className="text-slate-800">{aiContext.nextAction}</p>
          ) : (
            <Muted>None suggested.</Muted>
          )}
        </Section>
      </div>

      <Section title="Qualification answers">
        {aiContext.qualificationAnswers.length > 0 ? (
          <dl className="grid gap-2">
            {aiContext.qualificationAnswers.map((item, index) => (
              <div key={index} className="rounded-xl bg-white/70 px-3 py-2 ring-1 ring-slate-200">
                <dt className="text-xs font-medium text-slate-600">{item.question}</dt>
                <dd className="text-slate-900">{item.answer}</dd>
              </div>
            ))}
          </dl>
        ) : (
          <Muted>No answers yet.</Muted>
        )}
      </Section>

      <Section title="Objections">
        {aiContext.objections.length > 0 ? (
          <ul className="flex flex-wrap gap-1.5">
            {aiContext.objections.map((objection, index) => (
              <li key={index}>
                <Badge tone="warning">{objection}</Badge>
              </li>
            ))}
          </ul>
        ) : (
          <Muted>None raised.</Muted>
        )}
      </Section>
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section>
      <h3 className="mb-1.5 text-xs font-semibold tracking-wide text-slate-600 uppercase">
        {title}
      </h3>
      {children}
    </section>
  );
}

function Muted({ children }: { children: ReactNode }) {
  return <p className="text-slate-600">{children}</p>;
}
