import { businessCurrency, businessTimeZone } from './businessLocale';

// Number and date formatting for every page, in the user's locale: one way to show each.

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const moneyFormats = new Map<string, Intl.NumberFormat>();
const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });

export const formatInt = (n: number): string => integer.format(n);
/** An amount in the business currency (or `currency`, when a sale names its own). */
export function formatMoney(n: number, currency = businessCurrency()): string {
  let format = moneyFormats.get(currency);
  if (!format) {
    try {
      format = new Intl.NumberFormat(undefined, { style: 'currency', currency });
    } catch {
      format = new Intl.NumberFormat(undefined, {
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      });
    }
    moneyFormats.set(currency, format);
  }
  return format.format(n);
}
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

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** How long ago an ISO time was, to be read in a line: "just now", "5 min ago", "3 h ago", "Jan 5". */
export function formatAgo(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '—';
  const diff = now - new Date(iso).getTime();
  if (diff < MINUTE) return 'just now';
  if (diff < HOUR) return `${Math.floor(diff / MINUTE)} min ago`;
  if (diff < DAY) return `${Math.floor(diff / HOUR)} h ago`;
  return new Date(iso).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}

/** "now", "5m", "3h", "2d", or a date: short enough for a list row. */
export function shortAgo(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '';
  const elapsed = Math.max(0, now - new Date(iso).getTime());
  if (elapsed < MINUTE) return 'now';
  if (elapsed < HOUR) return `${Math.floor(elapsed / MINUTE)}m`;
  if (elapsed < DAY) return `${Math.floor(elapsed / HOUR)}h`;
  if (elapsed < 7 * DAY) return `${Math.floor(elapsed / DAY)}d`;
  return new Date(iso).toLocaleDateString();
}

/** "14:05": a message's time, or when the AI takes a chat back. */
export const formatTime = (iso: string): string =>
  new Date(iso).toLocaleTimeString(undefined, {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: businessTimeZone(),
  });

/** "Mar 5, 2026, 2:05 PM", or "—" for a time not set. The year is kept: stored documents, accounts and sales can be old. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  // In the business's zone, as its analytics days are: the owner's clock, wherever they are.
  return new Date(iso).toLocaleString(undefined, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: businessTimeZone(),
  });
}

/** Up to two letters for an avatar, from a name or an email address ("?" when there is none). */
export function initials(name: string | null | undefined): string {
  const parts = (name ?? '').split(/[\s@._-]+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '?') + (parts[1]?.[0] ?? '')).toUpperCase();
}

export const PLATFORM_LABELS = {
  FACEBOOK: 'Messenger',
  INSTAGRAM: 'Instagram',
  WHATSAPP: 'WhatsApp',
  SIMULATOR: 'Simulator',
} as const;
