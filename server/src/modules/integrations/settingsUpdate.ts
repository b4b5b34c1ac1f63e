import type { DaySchedule } from './integration.model';

/** What updateIntegrationSettings may change; null or absent means "leave as is". */
export interface SettingsChange {
  autoReply?: boolean | null;
  handbackMinutes?: number | null;
  businessHours?: {
    enabled?: boolean | null;
    timezone?: string | null;
    schedule?: DaySchedule[] | null;
  } | null;
  notifications?: { email?: boolean | null; push?: boolean | null } | null;
}

/**
 * Dotted `$set` paths for the given fields only, so a partial update never resets its
 * siblings. The schedule is one value: when given, it replaces the stored one whole.
 */
export function settingsUpdate(change: SettingsChange): Record<string, unknown> {
  const hours = change.businessHours ?? {};
  const notifications = change.notifications ?? {};
  const paths: Record<string, unknown> = {
    'settings.autoReply': change.autoReply,
    'settings.handbackMinutes': change.handbackMinutes,
    'settings.businessHours.enabled': hours.enabled,
    'settings.businessHours.timezone': hours.timezone,
    'settings.businessHours.schedule': hours.schedule?.map(({ day, open, close }) => ({
      day,
      open,
      close,
    })),
    'settings.notifications.email': notifications.email,
    'settings.notifications.push': notifications.push,
  };
  return Object.fromEntries(
    Object.entries(paths).filter(([, value]) => value !== undefined && value !== null),
  );
}
