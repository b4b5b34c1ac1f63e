// Number and date formatting shared by the dashboard pages (the user's locale).

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const money = new Intl.NumberFormat(undefined, {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });

export const formatInt = (n: number): string => integer.format(n);
/** Amounts: the schema carries no currency, so none is shown. */
export const formatMoney = (n: number): string => money.format(n);
export const formatCompact = (n: number): string => compact.format(n);

/** A 0-1 share as a percentage. */
export function formatPercent(share: number, digits = 0): string {
  return `${(share * 100).toFixed(digits)}%`;
}

/** Milliseconds as "850 ms", "4.2 s", "3 min". */
export function formatDuration(ms: number): string {
  if (!ms) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}

const sign = (n: number) => (n > 0 ? '+' : n < 0 ? '−' : '±');

/** "+3 (+50%)" for a count today vs previous. */
export function formatCountChange(change: number, previous: number): string {
  const base = `${sign(change)}${formatInt(Math.abs(change))}`;
  if (!previous || !change) return base;
  return `${base} (${sign(change)}${Math.round((Math.abs(change) / previous) * 100)}%)`;
}

export function formatMoneyChange(change: number, previous: number): string {
  const base = `${sign(change)}${formatMoney(Math.abs(change))}`;
  if (!previous || !change) return base;
  return `${base} (${sign(change)}${Math.round((Math.abs(change) / previous) * 100)}%)`;
}

/** A change of a 0-1 share, in percentage points. */
export const formatPointsChange = (change: number): string =>
  `${sign(change)}${Math.abs(change * 100).toFixed(0)} pts`;

export const formatDurationChange = (change: number): string =>
  `${sign(change)}${formatDuration(Math.abs(change))}`;

/** "2025-01-05" (a business day) as "Jan 5". */
export function formatDay(day: string, options: Intl.DateTimeFormatOptions = {}): string {
  const date = new Date(`${day}T12:00:00Z`);
  return date.toLocaleDateString(undefined, {
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
    ...options,
  });
}

/** How long ago an ISO time was: "just now", "5 min ago", "3 h ago", "Jan 5". */
export function formatAgo(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '—';
  const diff = now - new Date(iso).getTime();
  if (diff < 60_000) return 'just now';
  if (diff < 3_600_000) return `${Math.floor(diff / 60_000)} min ago`;
  if (diff < 86_400_000) return `${Math.floor(diff / 3_600_000)} h ago`;
  return new Date(iso).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return new Date(iso).toLocaleString(undefined, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

export const PLATFORM_LABELS = {
  FACEBOOK: 'Messenger',
  INSTAGRAM: 'Instagram',
  WHATSAPP: 'WhatsApp',
  SIMULATOR: 'Simulator',
} as const;
