import type { BusinessHours } from './integration.model';

const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/**
 * The zone a schedule is read in: its own when it names one other than the default, else
 * the business's (an integration may keep its own hours in another zone).
 */
export function hoursZone(hours: BusinessHours | undefined, businessZone?: string): string {
  const own = hours?.timezone;
  return own && own !== 'UTC' ? own : businessZone || own || 'UTC';
}

/** Whether `at` falls inside the weekly schedule, read in the schedule's own time zone. */
export function isWithinBusinessHours(
  hours: BusinessHours | undefined,
  at: Date,
  businessZone?: string,
): boolean {
  if (!hours?.enabled) return true;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: hoursZone(hours, businessZone),
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  const day = weekdays.indexOf(String(parts.weekday));
  const time = `${parts.hour}:${parts.minute}`;
  return hours.schedule.some((slot) => slot.day === day && slot.open <= time && time < slot.close);
}
