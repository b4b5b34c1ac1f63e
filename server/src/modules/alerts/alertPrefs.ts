import type { Types } from 'mongoose';
import { AlertEvent } from './alert.model';
import {
  AlertPrefsModel,
  type AlertChannels,
  type DailySummary,
  type QuietHours,
} from './alertPrefs.model';

/** The events an owner sets preferences for, in the order the settings list them. */
export const PREFERENCE_EVENTS = [
  AlertEvent.HANDOFF,
  AlertEvent.PERSON_REQUESTED,
  AlertEvent.ATTENTION,
  AlertEvent.REPLY_NOT_SENT,
  AlertEvent.INTEGRATION_ERROR,
  AlertEvent.UNANSWERED_CHAT,
  AlertEvent.SALE,
] as const;

/** What needs a person reaches the owner by email too; good news stays in the app. */
const BY_EMAIL = new Set<AlertEvent>([
  AlertEvent.HANDOFF,
  AlertEvent.PERSON_REQUESTED,
  AlertEvent.ATTENTION,
  AlertEvent.REPLY_NOT_SENT,
  AlertEvent.INTEGRATION_ERROR,
]);

export const defaultChannels = (event: AlertEvent): AlertChannels => ({
  event,
  inApp: true,
  email: BY_EMAIL.has(event),
  // Only browsers the owner turned push on in receive it.
  push: BY_EMAIL.has(event),
});

export const DEFAULT_QUIET_HOURS: QuietHours = { enabled: false, start: '22:00', end: '07:00' };
export const DEFAULT_DAILY_SUMMARY: DailySummary = { enabled: true, hour: 8 };

export interface Preferences {
  events: AlertChannels[];
  quietHours: QuietHours;
  dailySummary: DailySummary;
}

/** A user's preferences, the defaults filled in for whatever they never set. */
export async function preferencesOf(userId: Types.ObjectId): Promise<Preferences> {
  const stored = await AlertPrefsModel.findById(userId).lean();
  return {
    events: PREFERENCE_EVENTS.map(
      (event) => stored?.events?.find((item) => item.event === event) ?? defaultChannels(event),
    ),
    quietHours: stored?.quietHours ?? DEFAULT_QUIET_HOURS,
    dailySummary: stored?.dailySummary ?? DEFAULT_DAILY_SUMMARY,
  };
}

/** The channels of one event; a test alert goes everywhere. */
export function channelsFor(preferences: Preferences, event: AlertEvent): AlertChannels {
  if (event === AlertEvent.TEST) return { event, inApp: true, email: true, push: true };
  return preferences.events.find((item) => item.event === event) ?? defaultChannels(event);
}

const minutesOf = (time: string): number => {
  const [hours, minutes] = time.split(':').map(Number);
  return hours! * 60 + minutes!;
};

/** "HH:MM" of 00:00-23:59. */
export const isClockTime = (value: string): boolean => /^([01]\d|2[0-3]):[0-5]\d$/.test(value);

/**
 * When quiet hours hold `at`: the moment they end (so email and push wait for it);
 * otherwise undefined. A window whose start is after its end runs overnight.
 */
export function quietUntil(quiet: QuietHours, at: Date, timeZone: string): Date | undefined {
  if (!quiet.enabled || quiet.start === quiet.end) return undefined;
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  const now = Number(parts.hour) * 60 + Number(parts.minute);
  const [start, end] = [minutesOf(quiet.start), minutesOf(quiet.end)];
  const inside = start < end ? now >= start && now < end : now >= start || now < end;
  if (!inside) return undefined;
  const minutesLeft = (end - now + 1440) % 1440;
  const startOfMinute = at.getTime() - (at.getTime() % 60_000);
  return new Date(startOfMinute + minutesLeft * 60_000);
}
