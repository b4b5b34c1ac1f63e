import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Card, EmptyState, PageHeader } from './ui';

/** What an admin page shows everyone else: whose it is, and where to go instead. */
export function AdminOnly({
  page,
  icon,
  title,
  description,
  link,
}: {
  page: string;
  icon: ReactNode;
  title: string;
  description: string;
  link: { to: string; label: string };
}) {
  return (
    <>
      <PageHeader title={page} />
      <Card>
        <EmptyState
          icon={icon}
          title={title}
          description={description}
          action={
            <Link to={link.to} className="text-sm font-semibold text-indigo-700 hover:underline">
              {link.label}
            </Link>
          }
        />
      </Card>
    </>
  );
}
