import { Link } from 'react-router-dom';
import { Badge, EmptyState, Skeleton, buttonClasses, cx } from '../../components/ui';
import { FireIcon } from '../../components/ui/icons';
import { TestChatsLeftOut } from '../../components/insights/TestChatsLeftOut';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { formatAgo, PLATFORM_LABELS } from '../../lib/format';

export const HotLeadsLeads = graphql(`
  fragment HotLeads_leads on LeadPage {
    items {
      chat {
        id
        customerName
        customerId
        platform
        leadScore
        isTest
        lastMessageAt
      }
      topReasons {
        signal
        delta
        at
      }
    }
  }
`);

function scoreTone(score: number) {
  if (score >= 80) return 'bg-rose-100 text-rose-800 ring-rose-200';
  if (score >= 60) return 'bg-amber-100 text-amber-900 ring-amber-200';
  return 'bg-slate-100 text-slate-800 ring-slate-200';
}

/** The hottest leads, each with the signals that moved its score; undefined while loading. */
export function HotLeads(props: {
  leads: FragmentType<typeof HotLeadsLeads> | undefined;
  /** Test chats left out of the list (the empty state offers to count them). */
  testChats: number;
  onIncludeTests: () => void;
}) {
  const leads = getFragmentData(HotLeadsLeads, props.leads)?.items;
  if (!leads) {
    return (
      <div className="grid gap-3" aria-busy="true">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} className="h-14 w-full" />
        ))}
      </div>
    );
  }
  if (leads.length === 0 && props.testChats > 0) {
    return (
      <TestChatsLeftOut
        icon={<FireIcon className="h-6 w-6" />}
        title="No hot leads among customers yet"
        testChats={props.testChats}
        onInclude={props.onIncludeTests}
      />
    );
  }
  if (leads.length === 0) {
    return (
      <EmptyState
        icon={<FireIcon className="h-6 w-6" />}
        title="No hot leads yet"
        description="Leads appear here when the AI scores a conversation 50 or more. Activate a campaign and try it in the simulator."
        action={
          <Link to="/campaigns" className={buttonClasses('secondary', 'sm')}>
            Go to campaigns
          </Link>
        }
      />
    );
  }
  return (
    <ul className="divide-y divide-slate-200/80">
      {leads.map(({ chat, topReasons }) => (
        <li key={chat.id}>
          <Link
            to={`/inbox/${chat.id}`}
            className="-mx-2 flex items-start gap-3 rounded-xl px-2 py-3 hover:bg-white/70 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none"
          >
            <span
              className={cx(
                'grid h-10 w-10 shrink-0 place-items-center rounded-xl text-sm font-bold tabular-nums ring-1 ring-inset',
                scoreTone(chat.leadScore),
              )}
              aria-label={`Lead score ${chat.leadScore}`}
            >
              {chat.leadScore}
            </span>
            <span className="min-w-0 flex-1">
              <span className="flex flex-wrap items-center gap-2">
                <span className="truncate font-semibold text-slate-900">
                  {chat.customerName || chat.customerId}
                </span>
                <Badge tone="neutral">{PLATFORM_LABELS[chat.platform]}</Badge>
                {chat.isTest && <Badge tone="info">Test</Badge>}
                <span className="text-xs text-slate-600">{formatAgo(chat.lastMessageAt)}</span>
              </span>
              {topReasons.length > 0 && (
                <span className="mt-1.5 flex flex-wrap gap-1.5">
                  {topReasons.map((r) => (
                    <Badge
                      key={`${r.signal}-${r.at}`}
                      tone={r.delta >= 0 ? 'success' : 'danger'}
                      wrap
                    >
                      {r.delta >= 0 ? '+' : '−'}
                      {Math.abs(r.delta)} {r.signal}
                    </Badge>
                  ))}
                </span>
              )}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  );
}
