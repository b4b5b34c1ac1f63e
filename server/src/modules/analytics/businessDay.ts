/** The business's calendar day and hour of an instant, in its IANA time zone. */
export interface BusinessMoment {
  /** Midnight UTC of the local date: the key of that day's analytics document. */
  day: Date;
  /** YYYY-MM-DD, local. */
  dayKey: string;
  hour: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

export function businessMoment(at: Date, timeZone = 'UTC'): BusinessMoment {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((part) => [part.type, part.value]));
  const dayKey = `${parts.year}-${parts.month}-${parts.day}`;
  return { day: new Date(`${dayKey}T00:00:00.000Z`), dayKey, hour: Number(parts.hour) };
}

const DAY_MS = 86_400_000;

/** The analytics key of the day `count` days after `day` (negative: before). */
export const addDays = (day: Date, count: number): Date => new Date(day.getTime() + count * DAY_MS);

export const dayKeyOf = (day: Date): string => day.toISOString().slice(0, 10);

/** Every day key from `first` to `last`, both included. */
export function daysFrom(first: Date, last: Date): Date[] {
  const days: Date[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) days.push(day);
  return days;
}

export const dayCount = (first: Date, last: Date): number =>
  Math.round((last.getTime() - first.getTime()) / DAY_MS) + 1;

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** How far the zone's wall clock is ahead of UTC at that instant, in ms. */
function zoneOffsetMs(at: number, timeZone: string): number {
  let format = offsetFormatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    offsetFormatters.set(timeZone, format);
  }
  const part = Object.fromEntries(
    format.formatToParts(new Date(at)).map((entry) => [entry.type, Number(entry.value)]),
  );
  const wall = Date.UTC(
    part.year!,
    part.month! - 1,
    part.day!,
    part.hour,
    part.minute,
    part.second,
  );
  return wall - Math.floor(at / 1000) * 1000;
}

/** The instant the business day keyed `day` begins in its zone (DST-aware). */
export function startOfBusinessDay(day: Date, timeZone = 'UTC'): Date {
  const guess = day.getTime() - zoneOffsetMs(day.getTime(), timeZone);
  return new Date(day.getTime() - zoneOffsetMs(guess, timeZone));
}
