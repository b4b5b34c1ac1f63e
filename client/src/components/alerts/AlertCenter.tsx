import { useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { BellIcon } from '../ui/icons';
import { pushToast } from '../ui/toastStore';
import { usePopover } from '../ui/usePopover';
import { getFragmentData } from '../../gql';
import { AlertItem, AlertItemAlert } from './AlertItem';
import { AlertRaisedDocument, AlertsDocument, MarkAlertsReadDocument } from './alertDocuments';
import { notifyInBrowser, playChime, showCountInTitle } from './attentionSignals';

/**
 * The bell in the header: alerts as they happen (a toast with a link, a chime, the count
 * in the tab title, a browser notification while the tab is hidden) and the newest ones.
 */
export function AlertCenter() {
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  usePopover(open, close, root);

  const { data, refetch } = useQuery(AlertsDocument, { fetchPolicy: 'cache-and-network' });
  const [markRead] = useMutation(MarkAlertsReadDocument, {
    refetchQueries: [AlertsDocument],
  });
  const unread = data?.alerts.unread ?? 0;
  // What was unread when the list opened keeps its dot while it is open.
  const [shownUnread, setShownUnread] = useState(0);

  useEffect(() => showCountInTitle(unread), [unread]);
  useEffect(() => () => showCountInTitle(0), []);

  useSubscription(AlertRaisedDocument, {
    onData: ({ data: event }) => {
      const alert = event.data?.alertRaised;
      if (!alert) return;
      pushToast('info', alert.title, { to: alert.link, label: 'Open' });
      playChime();
      notifyInBrowser(alert, (link) => void navigate(link));
      void refetch();
    },
  });

  function toggle() {
    if (!open && unread > 0) {
      setShownUnread(unread);
      void markRead();
    }
    setOpen(!open);
  }

  const items = data?.alerts.items ?? [];
  return (
    <div ref={root} className="relative">
      <button
        type="button"
        aria-expanded={open}
        aria-haspopup="true"
        aria-label={unread > 0 ? `Alerts: ${unread} new` : 'Alerts'}
        onClick={toggle}
        className="relative rounded-xl p-2 text-slate-700 hover:bg-white/70 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none"
      >
        <BellIcon />
        {unread > 0 && (
          <span
            aria-hidden="true"
            className="absolute -top-0.5 -right-0.5 grid h-5 min-w-5 place-items-center rounded-full bg-rose-600 px-1 text-[11px] font-bold text-white"
          >
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && (
        <div className="absolute right-0 z-40 mt-2 w-[min(22rem,calc(100vw-2rem))] rounded-2xl border border-white/70 bg-white/95 p-2 shadow-xl backdrop-blur-xl">
          <div className="flex items-center justify-between px-3 pt-1 pb-2">
            <p className="text-sm font-semibold text-slate-900">Alerts</p>
            <Link
              to="/settings#alerts"
              onClick={close}
              className="text-xs font-medium text-indigo-700 hover:underline"
            >
              Choose what alerts you
            </Link>
          </div>
          {items.length === 0 ? (
            <p className="px-3 pb-3 text-sm text-slate-600">
              Nothing yet. Hand-offs, chats that need you, replies not sent and sales show here.
            </p>
          ) : (
            <ul className="grid max-h-96 gap-0.5 overflow-y-auto">
              {items.map((item, index) => (
                <AlertItem
                  key={getFragmentData(AlertItemAlert, item).id}
                  alert={item}
                  unread={index < shownUnread}
                  onOpen={close}
                />
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
