import { Link } from 'react-router-dom';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { formatAgo } from '../../lib/format';
import { Badge } from '../ui/Badge';

export const AlertItemAlert = graphql(`
  fragment AlertItem_alert on Alert {
    id
    event
    title
    body
    link
    test
    createdAt
  }
`);

/** One alert in the bell's list: what happened, when, and a link to act on it. */
export function AlertItem(props: {
  alert: FragmentType<typeof AlertItemAlert>;
  unread: boolean;
  onOpen: () => void;
}) {
  const alert = getFragmentData(AlertItemAlert, props.alert);
  return (
    <li>
      <Link
        to={alert.link}
        onClick={props.onOpen}
        className="block rounded-lg px-3 py-2 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none"
      >
        <span className="flex items-center gap-2">
          {props.unread && (
            <span aria-label="New" className="h-2 w-2 shrink-0 rounded-full bg-indigo-600" />
          )}
          <span className="min-w-0 flex-1 truncate text-sm font-semibold text-slate-900">
            {alert.title}
          </span>
          {alert.test && <Badge tone="neutral">Test</Badge>}
        </span>
        <span className="mt-0.5 line-clamp-2 block text-xs text-slate-600">{alert.body}</span>
        <span className="mt-0.5 block text-xs text-slate-500">{formatAgo(alert.createdAt)}</span>
      </Link>
    </li>
  );
}
