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
